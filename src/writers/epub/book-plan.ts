// Plans the book: every content document in reading order, the package metadata, and the navigation tree.
import { showsPictures, type Anthology, type Story } from '../../story.ts';
import { contentDocument } from './content-document.ts';
import type { DocumentFacts } from '../kindle/document-facts.ts';
import type { Root as XmlRoot } from 'xast';
import { bookIdentifier } from './identifier.ts';
import { layoutStory, type NavEntry } from './story-layout.ts';
import { colophonPage, titlePage } from './title-page.ts';
import { StoryImages } from './story-images.ts';
import { bookLabels, type BookLabels } from '../../labels/index.ts';

/** File name epub-gen-memory gives the nav document; it cannot be changed. */
export const navFilename = 'toc.xhtml';

/** One XHTML content document of the book, written out already. */
export interface BookDocument {
  /** Manifest id. */
  id: string;
  filename: string;
  title: string;
  /** The whole document, serialized (`contentDocument` in ./content-document.ts). */
  xhtml: string;
  /** What the Kindle check reads from it, from the tree it was written from. */
  facts?: DocumentFacts;
  /** Its XML tree, when the plan was asked to keep them (`xmlTrees`). */
  tree?: XmlRoot;
  /** Front matter read before the table of contents. */
  beforeToc: boolean;
  /** Manifest properties (`svg` for a page that holds SVG). */
  properties?: string;
}

export interface NavPoint {
  /** Id of the NCX navPoint. */
  id: string;
  playOrder: number;
  title: string;
  /** Shown under a story's title on the contents page (not in the NCX). */
  byline?: string;
  href: string;
  children: NavPoint[];
}

export interface Landmark {
  type: 'cover' | 'titlepage' | 'toc' | 'bodymatter';
  title: string;
  href: string;
}

export interface Person {
  /** Id of the OPF element, which role refinements point at. */
  id: string;
  name: string;
}

/** Everything the OPF, NCX and nav documents show, already formatted. */
export interface BookPackage {
  /** `urn:uuid:…`. */
  identifier: string;
  title: string;
  subtitle?: string;
  language: string;
  editors: Person[];
  /** Story authors, each once, in order of first appearance. */
  authors: Person[];
  description?: string;
  rights?: string;
  /** `dc:subject`s: the anthology's subjects, then the stories' fandoms and tags, each once. */
  subjects: string[];
  /** The series the book belongs to (`belongs-to-collection`, Calibre's series). */
  series?: { name: string; position?: number };
  /** `dc:source`s: where each story came from, each once, in reading order. */
  sources: string[];
  /** `dc:date`, `YYYY-MM-DDThh:mm:ssZ`. */
  date: string;
  /** `dcterms:modified`, `YYYY-MM-DDThh:mm:ssZ`. */
  modified: string;
  generator: string;
  contentsTitle: string;
  landmarksTitle: string;
  nav: NavPoint[];
  /** Deepest nav nesting: 2 when some story lists chapters. */
  navDepth: number;
  landmarks: Landmark[];
  /** Fonts, images and other files besides the content documents, for the manifest. */
  resources: ManifestResource[];
}

/** A manifest item that is not a content document. */
export interface ManifestResource {
  id: string;
  href: string;
  mediaType: string;
  properties?: string;
}

export interface BookPlan {
  package: BookPackage;
  /** The book's labels, in its language with anthology.yaml's `labels:` over them. */
  labels: BookLabels;
  /** Content documents in reading order (the nav document is not among them). */
  documents: BookDocument[];
  /** The pictures the stories show: their files go in the package beside the documents. */
  images: StoryImages;
}

export interface BookPlanOptions {
  generator: string;
  /** Heading of the table of contents. Default: the `contents` label. */
  contentsTitle?: string;
  /** The theme's ornament, printed on the title page and the colophon. Default: none. */
  ornament?: string;
  /** The ornament's drawing inside the book (`images/ornament.svg`), shown at scene breaks. Default: the glyph as text. */
  ornamentImage?: string;
  /** The colophon's lines; a colophon page ends the book when given. */
  colophon?: readonly string[];
  /** Open each story with a drop cap where its first paragraph is long enough (`takesDropCap`). Default false. */
  dropCap?: boolean;
  /** Extra classes on the body of every story document (`drop-cap`). */
  storyClasses?: readonly string[];
  /** Stories laid out by an earlier build with the same settings, and where this build's are kept. Default: none. */
  layouts?: StoryLayoutCache;
  /**
   * Keep each new document's XML tree (as a parser would read it) for a format made from the EPUB's bytes, the
   * KEPUB, which would otherwise parse every document back. Default false.
   */
  xmlTrees?: boolean;
}

/** A story's finished documents and its contents entry, as the layout cache keeps them. */
export interface LaidOutStory {
  nav: NavEntry;
  documents: { filename: string; title: string; xhtml: string; facts?: DocumentFacts; tree?: XmlRoot }[];
}

/** Laid-out stories by story and by everything else their documents depend on (`settings`). */
export interface StoryLayoutCache {
  get(story: Story, settings: string): LaidOutStory | undefined;
  set(story: Story, settings: string, layout: LaidOutStory): void;
}

export function planBook(anthology: Anthology, options: BookPlanOptions): BookPlan {
  const { meta } = anthology;
  const labels = bookLabels(meta.language, meta.labels);
  const contentsTitle = options.contentsTitle ?? labels.text('contents');
  const titleDocument: BookDocument = {
    id: 'titlepage',
    filename: 'titlepage.xhtml',
    title: meta.title,
    ...contentDocument({ title: meta.title, language: meta.language, bodyClass: 'titlepage' }, titlePage(meta, labels, options.ornament), { xmlTree: options.xmlTrees }),
    beforeToc: true,
  };

  const documents: BookDocument[] = [titleDocument];
  const navEntries: NavEntry[] = [];
  const images = new StoryImages();
  const width = Math.max(2, String(anthology.stories.length).length);
  // Everything a story's documents depend on besides the story and its place: the book's language and labels, and the options.
  const { layouts, xmlTrees, ...bookSettings } = options;
  const bookSettingsJson = JSON.stringify({ language: meta.language, labels: meta.labels ?? null, ...bookSettings, colophon: undefined });
  anthology.stories.forEach((story, index) => {
    const number = index + 1;
    const stem = `story-${String(number).padStart(width, '0')}`;
    const settings = `${number}\n${stem}\n${bookSettingsJson}`;
    // A story with pictures registers them with `images` as it is laid out, so it is always laid out anew.
    const cacheable = layouts !== undefined && !showsPictures(story);
    let laidOut: LaidOutStory | undefined = cacheable ? layouts.get(story, settings) : undefined;
    if (!laidOut) {
      const layout = layoutStory(story, {
        number,
        stem,
        splitChapters: true,
        opener: true,
        idPrefix: `s${number}-`,
        images,
        labels,
        dropCap: options.dropCap,
        sceneBreak: options.ornament ? { glyph: options.ornament, image: options.ornamentImage } : undefined,
      });
      laidOut = {
        nav: layout.nav,
        documents: layout.documents.map((document) => ({
          filename: document.filename,
          title: document.title,
          ...contentDocument(
            { title: document.title, language: story.meta.language ?? meta.language, bodyClass: ['story', ...(options.storyClasses ?? [])].join(' ') },
            document.tree,
            { xmlTree: xmlTrees },
          ),
        })),
      };
      // The XML trees are for this build's KEPUB only; the cache keeps the text.
      if (cacheable) layouts.set(story, settings, { nav: laidOut.nav, documents: laidOut.documents.map(({ tree: _tree, ...document }) => document) });
    }
    navEntries.push(laidOut.nav);
    for (const document of laidOut.documents) {
      documents.push({ id: document.filename.replace(/\.xhtml$/, ''), filename: document.filename, title: document.title, xhtml: document.xhtml, facts: document.facts, tree: document.tree, beforeToc: false });
    }
  });

  if (options.colophon && options.colophon.length > 0) {
    documents.push({
      id: 'colophon',
      filename: 'colophon.xhtml',
      title: labels.text('colophon'),
      ...contentDocument({ title: labels.text('colophon'), language: meta.language, bodyClass: 'colophon' }, colophonPage(options.colophon, options.ornament), { xmlTree: xmlTrees }),
      beforeToc: false,
    });
  }

  const nav = numberNavPoints(navEntries);
  const firstStory = documents.find((document) => !document.beforeToc);
  const landmarks: Landmark[] = [
    { type: 'titlepage', title: labels.text('title-page'), href: titleDocument.filename },
    { type: 'toc', title: contentsTitle, href: `${navFilename}#toc` },
  ];
  if (firstStory) landmarks.push({ type: 'bodymatter', title: labels.text('start'), href: firstStory.filename });

  const timestamp = w3cDateTime(anthology.modified);
  return {
    documents,
    images,
    labels,
    package: {
      identifier: bookIdentifier(anthology),
      title: meta.title,
      subtitle: meta.subtitle || undefined,
      language: meta.language,
      editors: people(meta.editors, 'editor'),
      authors: people(anthology.stories.flatMap((story) => story.meta.authors), 'author'),
      description: meta.description?.trim() || undefined,
      rights: meta.rights?.trim() || undefined,
      subjects: uniqueText([...(meta.subjects ?? []), ...anthology.stories.flatMap((story) => [...story.meta.fandoms, ...story.meta.tags])]),
      series: meta.series?.name.trim() ? { name: meta.series.name.trim(), position: meta.series.position } : undefined,
      sources: uniqueText(anthology.stories.map((story) => story.meta.source ?? '')),
      date: timestamp,
      modified: timestamp,
      generator: options.generator,
      contentsTitle,
      landmarksTitle: labels.text('landmarks'),
      nav,
      navDepth: nav.some((point) => point.children.length > 0) ? 2 : 1,
      landmarks,
      resources: [],
    },
  };
}

/** `YYYY-MM-DDThh:mm:ssZ`, the form `dcterms:modified` requires. */
export function w3cDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Trimmed, non-empty, each name once, with OPF ids `editor-1`, `editor-2`… */
function people(names: readonly string[], role: string): Person[] {
  const unique = [...new Set(names.map((name) => name.trim()).filter(Boolean))];
  return unique.map((name, index) => ({ id: `${role}-${index + 1}`, name }));
}

/** Trimmed, non-empty, each once (letter case aside), first spelling kept. */
function uniqueText(values: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const value of values) {
    const trimmed = value.replace(/\s+/g, ' ').trim();
    if (trimmed && !seen.has(trimmed.toLowerCase())) seen.set(trimmed.toLowerCase(), trimmed);
  }
  return [...seen.values()];
}

/** NCX needs ids and a reading-order `playOrder` on every entry. */
function numberNavPoints(entries: NavEntry[]): NavPoint[] {
  let playOrder = 0;
  const number = (entry: NavEntry): NavPoint => {
    playOrder += 1;
    const point: NavPoint = { id: `nav-${playOrder}`, playOrder, title: entry.title, byline: entry.byline, href: entry.href, children: [] };
    point.children = entry.children.map(number);
    return point;
  };
  return entries.map(number);
}
