// The PDF writer: page sizes, embedded fonts, metadata, bookmarks, hyphenation, scene breaks and literal text, read back with poppler.
import { test, before } from 'node:test';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import type { BlockContent, PhrasingContent, RootContent } from 'mdast';
import { VFile } from 'vfile';
import sharp from 'sharp';
import { emptyMeta, type Anthology, type Story, type StoryMeta } from '../src/story.ts';
import { OutputError } from '../src/errors.ts';
import { writePdf, type PdfWriterOptions } from '../src/writers/pdf/index.ts';
import { classicFonts, readClassicTemplate } from '../src/themes/classic-pdf.ts';
import { storyBlocks } from '../src/writers/pdf/story-data.ts';
import { bookData } from '../src/writers/pdf/book-data.ts';
import { toolAvailable } from './helpers/external-tools.ts';
import { pdfToolsMissing, pdfInfo, pdfFonts, pdfText, pdfPages, pdfOutline, pdfLanguage, pdfImagePages, hyphenatedLineEnds } from './helpers/pdf.ts';

// ---------------------------------------------------------------- hand-made stories

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const em = (...children: PhrasingContent[]): PhrasingContent => ({ type: 'emphasis', children });
const para = (...children: (PhrasingContent | string)[]): BlockContent => ({
  type: 'paragraph',
  children: children.map((child) => (typeof child === 'string' ? text(child) : child)),
});
const chapter = (title: string): RootContent => ({ type: 'heading', depth: 2, children: [text(title)] });
const sceneBreak = (): RootContent => ({ type: 'sceneBreak', marker: '* * *' });
const note = (...children: BlockContent[]): RootContent => ({ type: 'authorNote', kind: 'note', children });

function story(meta: Partial<StoryMeta> & { title: string }, children: RootContent[]): Story {
  return { meta: { ...emptyMeta(meta.title), ...meta }, tree: { type: 'root', children }, file: new VFile({ path: `${meta.title}.md` }) };
}

const sentences = [
  'The extraordinarily meticulous cartographers documented the unquestionably incomprehensible coastline.',
  '“Nevertheless,” she whispered, “the administration’s responsibilities are overwhelmingly bureaucratic.”',
  'Characteristically, the lighthouse keeper’s correspondence remained unacknowledged and uncatalogued.',
  'Uncomfortably, the representatives of the neighbourhood association deliberated interminably.',
  'He said it was ‘perfectly understandable’, though his circumstances were decidedly uncharacteristic.',
  'Indistinguishable constellations illuminated the extraordinarily inhospitable mountainside encampment.',
];

/** Paragraph `index` of a long, justified text: long words, so lines must sometimes hyphenate. */
function prose(index: number, length = 5): BlockContent {
  return para(Array.from({ length }, (_, i) => sentences[(index + i) % sentences.length]).join(' '));
}

const serial = story(
  {
    title: 'The Long Way Home',
    authors: ['Alice Quill', 'Bo Reed'],
    fandoms: ['Night Road'],
    relationships: ['Carol/Daryl'],
    rating: 'Teen And Up Audiences',
    warnings: ['No Archive Warnings Apply'],
    summary: 'A journey in three parts.\n\nNothing is as it seems.',
    source: 'https://example.org/works/1',
    words: 4200,
    categories: ['Gen', 'F/M'],
    collections: ['Road Week 2024'],
    series: { name: 'Night Roads', position: 2 },
    published: '2024-01-02',
    updated: '2024-02-03',
    complete: false,
  },
  [
    note(para('Thanks to my beta reader, who saw this first.')),
    chapter('The Crossing'),
    ...Array.from({ length: 6 }, (_, i) => prose(i)),
    sceneBreak(),
    para('After the break, ', em(text('emphasis')), ' survives.'),
    chapter('The Harbour'),
    ...Array.from({ length: 6 }, (_, i) => prose(i + 2)),
    chapter('The Lighthouse'),
    ...Array.from({ length: 6 }, (_, i) => prose(i + 4)),
  ],
);

const sceneBreaks = 24;
const breaking = story(
  { title: 'Many Small Scenes', authors: ['Cy Ward'], words: 3000 },
  Array.from({ length: sceneBreaks }, (_, i): RootContent[] => [prose(i, 1 + ((i * 7) % 5)), sceneBreak()]).flat().concat([prose(0, 2)]),
);

const hazards = [
  '#set page(width: 1pt)',
  '#panic("injected")',
  'a ] closing bracket and [ an opening one',
  '*not bold* and _not italic_',
  '$x^2$ is not maths',
  '@label and <label>',
  'back\\slash \\ and \\n and \\u{41}',
  '// not a comment',
  '/* not a block comment */',
  '`raw` and ```lang code```',
  '= not a heading',
];
const hostile = story({ title: '#set text(size: 40pt) ] <title>', authors: ['#panic()'], summary: '$oops$ ]', words: 80 }, hazards.map((hazard) => para(hazard)));

function anthology(stories: Story[], language = 'en-GB'): Anthology {
  return {
    meta: { title: 'Tales of the Night Road', subtitle: 'An anthology', editors: ['Ann Editor'], language },
    stories,
    modified: new Date('2024-05-01T10:00:00Z'),
  };
}

let template: string;
async function build(book: Anthology, options: Partial<PdfWriterOptions> = {}): Promise<Uint8Array> {
  return writePdf(book, { template, fonts: classicFonts(), generator: 'ficbind 0.1.0', ...options });
}

let book: Uint8Array;
before(async () => {
  template = await readClassicTemplate();
  book = await build(anthology([serial, breaking]));
});

// ---------------------------------------------------------------- data handed to the template

test('story data: chapters are marked, bookmarked only when a story has several, soft breaks become spaces', () => {
  const blocks = storyBlocks(serial);
  const chapters = blocks.filter((block) => block.t === 'chapter');
  assert.deepEqual(chapters.map((block) => block.title), ['The Crossing', 'The Harbour', 'The Lighthouse']);
  assert.ok(chapters.every((block) => block.bookmark));
  const single = storyBlocks(story({ title: 'One' }, [chapter('Only'), para('line one\nline two')]));
  assert.deepEqual(single, [
    { t: 'chapter', c: ['Only'], title: 'Only', bookmark: false },
    { t: 'p', c: ['line one line two'] },
  ]);
});

test('story data: footnotes travel with their calls, links keep web addresses only, raw HTML is dropped', () => {
  const tree: RootContent[] = [
    para('See', { type: 'footnoteReference', identifier: 'a', label: 'a' }, ' and ', { type: 'link', url: 'javascript:alert(1)', children: [text('this')] }, { type: 'html', value: '<b>' }),
    { type: 'footnoteDefinition', identifier: 'a', label: 'a', children: [para('The note.')] },
  ];
  assert.deepEqual(storyBlocks(story({ title: 'Notes' }, tree)), [{ t: 'p', c: ['See', { t: 'footnote', c: [{ t: 'p', c: ['The note.'] }] }, ' and this'] }]);
});

// ---------------------------------------------------------------- the PDF, read back

test('6x9 is the default: every page is 432 × 648 pt', async (t) => {
  if (!toolAvailable(t, await pdfToolsMissing())) return;
  const info = await pdfInfo(book);
  assert.ok(info.pages > 10, `a real book, got ${info.pages} pages`);
  assert.equal(info.pageSizes.length, info.pages);
  for (const size of info.pageSizes) assert.deepEqual(size, { width: 432, height: 648 });
});

test('a5 and ereader trim sizes', async (t) => {
  if (!toolAvailable(t, await pdfToolsMissing())) return;
  const a5 = await pdfInfo(await build(anthology([serial]), { pageSize: 'a5' }));
  assert.deepEqual(a5.pageSizes[0], { width: 419.53, height: 595.28 });
  const ereader = await pdfInfo(await build(anthology([serial]), { pageSize: 'ereader' }));
  assert.deepEqual(ereader.pageSizes[0], { width: 255.12, height: 340.16 });
  assert.ok(ereader.pages > a5.pages, 'larger type on a smaller page takes more pages');
});

test('every font is embedded, and every font is EB Garamond', async (t) => {
  if (!toolAvailable(t, await pdfToolsMissing())) return;
  const fonts = await pdfFonts(book);
  assert.ok(fonts.length >= 2, 'regular and italic at least');
  for (const font of fonts) {
    assert.ok(font.embedded, `${font.name} is embedded`);
    assert.match(font.name, /^[A-Z]{6}\+EBGaramond-/, `${font.name} is EB Garamond (no system fallback)`);
  }
});

test('title, author and language in the PDF metadata; the date is the anthology’s', async (t) => {
  if (!toolAvailable(t, await pdfToolsMissing())) return;
  const info = await pdfInfo(book);
  assert.equal(info.title, 'Tales of the Night Road');
  assert.equal(info.author, 'Ann Editor');
  assert.match(info.fields.ModDate ?? '', /May\s+1 10:00:00 2024 UTC/);
  assert.equal(await pdfLanguage(book), 'en-GB');
});

test('bookmarks: one per story, with its chapters beneath', async (t) => {
  if (!toolAvailable(t, await pdfToolsMissing())) return;
  const outline = await pdfOutline(book);
  assert.deepEqual(outline.map((entry) => entry.title), ['The Long Way Home', 'Many Small Scenes']);
  assert.deepEqual(outline[0].children.map((entry) => entry.title), ['The Crossing', 'The Harbour', 'The Lighthouse']);
  assert.deepEqual(outline[1].children, []);
  assert.ok(outline[1].page > outline[0].children[2].page);
});

test('contents with page numbers, openers without running heads, heads on the pages after', async (t) => {
  if (!toolAvailable(t, await pdfToolsMissing())) return;
  const pages = await pdfPages(book);
  const outline = await pdfOutline(book);
  const contents = pages.find((page) => /Contents/i.test(page)) ?? '';
  assert.match(contents, /The Long Way Home[ .]*1\b/);
  assert.match(contents, /Many Small Scenes[ .]*\d+/);
  const opener = pages[outline[1].page - 1];
  assert.ok(!opener.includes('Tales of the Night Road'), 'no running head on an opener');
  assert.match(opener.trim(), /^Many Small Scenes/);
  const verso = pages[outline[1].page]; // the page after an opener on a right-hand page is a left-hand page
  assert.match(verso, /^\s*\d+\s*Tales of the Night Road/i, 'left-hand page: folio and book title');
  const recto = pages[outline[1].page + 1];
  assert.match(recto, /^\s*Many Small Scenes\s*\d+/i, 'right-hand page: story title and folio');
  for (const [index, page] of pages.entries()) {
    if (page.trim() === '') continue;
    assert.ok(!/^\s*(Tales of the Night Road|Many Small Scenes|The Long Way Home)\s*$/.test(page), `page ${index + 1} is not a stray head on a blank page`);
  }
});

test('justified text hyphenates, quotes stay curly', async (t) => {
  if (!toolAvailable(t, await pdfToolsMissing())) return;
  const raw = await pdfText(book, { raw: true });
  assert.ok(hyphenatedLineEnds(raw).length > 0, 'at least one hyphenated line end');
  assert.match(raw, /“Nevertheless,” she whispered/);
  assert.match(raw, /administration’s/);
  assert.doesNotMatch(raw, /["']/, 'no straight quotes');
});

test('every scene break is drawn, and none is stranded at the foot of a page', async (t) => {
  if (!toolAvailable(t, await pdfToolsMissing())) return;
  const pages = await pdfPages(book);
  const ornaments = pages.join('\n').match(/❧/g)?.length ?? 0;
  // One per scene break, one under each opener, one on the title page, one in the colophon.
  assert.equal(ornaments, sceneBreaks + 1 + 2 + 2);
  for (const [index, page] of pages.entries()) {
    const lines = page.split('\n').map((line) => line.trim()).filter((line) => line && !/^\d+$/.test(line));
    if (index > 0 && lines.length > 1 && index < pages.length - 1) assert.notEqual(lines[lines.length - 1], '❧', `page ${index + 1} ends with a scene break`);
  }
});

test('the opener lists AO3’s categories, series, collections, dates and status, labelled as in the EPUB', () => {
  const [data] = bookData(anthology([serial]), { pageSize: '6x9', generator: 'ficbind', fonts: classicFonts(), ornament: '❧', hasCover: false, dropCap: false }).stories;
  assert.deepEqual(
    data.details.map((detail) => `${detail.label}: ${detail.value.map((value) => (typeof value === 'string' ? value : 'link')).join('')}`),
    [
      'Fandom: Night Road', 'Relationship: Carol/Daryl', 'Rating: Teen And Up Audiences', 'Warning: No Archive Warnings Apply',
      'Categories: Gen, F/M', 'Series: Night Roads, part 2', 'Collection: Road Week 2024', 'Published: 2024-01-02',
      'Updated: 2024-02-03', 'Status: In progress', 'Words: 4,200', 'Source: link',
    ],
  );
});

test('author’s notes are labelled; the colophon names ficbind, the date and the fonts', async (t) => {
  if (!toolAvailable(t, await pdfToolsMissing())) return;
  const text = (await pdfText(book, { raw: true })).replace(/\u00ad\n/g, '').replace(/\s+/g, ' ');
  for (const expected of [
    'Author’s note Thanks to my beta reader',
    'relationship Carol/Daryl',
    'categories Gen, F/M',
    'series Night Roads, part 2',
    'published 2024-01-02',
    'status In progress',
    'words 4,200',
    'source https://example.org/works/1',
    'Typeset with ficbind 0.1.0',
    '1 May 2024',
    'EB Garamond (SIL Open Font License 1.1)',
  ]) {
    assert.ok(text.includes(expected), `shows ${JSON.stringify(expected)}`);
  }
});

test('Typst syntax in stories is printed literally, never run', async (t) => {
  if (!toolAvailable(t, await pdfToolsMissing())) return;
  const pdf = await build(anthology([hostile]));
  const text = (await pdfText(pdf, { raw: true })).replace(/\u00ad\n/g, '').replace(/\s+/g, ' ');
  for (const hazard of hazards) assert.ok(text.includes(hazard), `shows ${JSON.stringify(hazard)} literally`);
  assert.ok(text.includes('#set text(size: 40pt) ] <title>'), 'title shown literally');
  assert.ok(text.includes('by #panic()'), 'author shown literally');
  const info = await pdfInfo(pdf);
  for (const size of info.pageSizes) assert.deepEqual(size, { width: 432, height: 648 });
  assert.deepEqual((await pdfOutline(pdf)).map((entry) => entry.title), ['#set text(size: 40pt) ] <title>']);
});

test('same anthology, same bytes, in this process and in a fresh one', async () => {
  const again = await build(anthology([serial, breaking]));
  assert.ok(Buffer.from(again).equals(Buffer.from(book)), 'byte-identical rebuild');
  // A new process has a new Typst compiler and cold caches: the bytes must not depend on them.
  const script = `
    import { writePdf } from ${JSON.stringify(new URL('../src/writers/pdf/index.ts', import.meta.url).href)};
    import { classicFonts, readClassicTemplate } from ${JSON.stringify(new URL('../src/themes/classic-pdf.ts', import.meta.url).href)};
    import { readFileSync } from 'node:fs';
    const book = JSON.parse(readFileSync(0, 'utf8'));
    book.modified = new Date(book.modified);
    const pdf = await writePdf(book, { template: await readClassicTemplate(), fonts: classicFonts(), generator: 'ficbind 0.1.0' });
    process.stdout.write(pdf);`;
  const input = JSON.stringify({ ...anthology([serial, breaking]), stories: [serial, breaking].map(({ meta, tree }) => ({ meta, tree })) });
  const fresh = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { input, maxBuffer: 64 * 1024 * 1024 });
  assert.ok(fresh.equals(Buffer.from(book)), 'byte-identical across processes');
});

test('a cover, when given, is the first page', async (t) => {
  if (!toolAvailable(t, await pdfToolsMissing())) return;
  const cover = new Uint8Array(await sharp({ create: { width: 60, height: 90, channels: 3, background: '#335577' } }).jpeg().toBuffer());
  const pdf = await build(anthology([serial]), { cover });
  assert.deepEqual(await pdfImagePages(pdf), [1]);
  assert.equal((await pdfText(pdf, { first: 1, last: 1 })).trim(), '');
  assert.match(await pdfText(pdf, { first: 3, last: 3 }), /Tales of the Night Road/i, 'title page on the next right-hand page');
});

test('fonts are pinned: a template that reaches for another font fails with a clear error', async () => {
  await assert.rejects(build(anthology([serial]), { template: '#set text(font: "No Such Font", fallback: false)\nHello' }), (error: unknown) => {
    assert.ok(error instanceof OutputError);
    assert.match(error.message, /not among the theme's font files/);
    return true;
  });
  // No font named at all: Typst would use its own default, which is not the theme's.
  await assert.rejects(build(anthology([serial]), { template: 'Hello' }), /fonts that are not the theme's|not among the theme's/);
});

test('characters the theme lacks come from the fallback chain; one no font has fails the build; an ornament the fonts cannot draw is refused', async () => {
  const emoji = story({ title: 'Emoji' }, [para('A smile 😀 and 漢字, in French « bonjour\u202F! »')]);
  const pdf = await build(anthology([emoji]));
  const fonts = (await pdfFonts(pdf)).map((font) => font.name);
  assert.ok(fonts.some((name) => /NotoSansJP/.test(name)), `Noto Sans JP embedded: ${fonts.join(', ')}`);
  assert.ok(fonts.some((name) => /NotoEmoji/.test(name)), `Noto Emoji embedded: ${fonts.join(', ')}`);
  assert.match(await pdfText(pdf), /😀 and 漢字/);
  const privateUse = story({ title: 'Private' }, [para('A private \uE000 sign')]);
  await assert.rejects(build(anthology([privateUse])), /No font can draw U\+E000 \(\uE000\), which would print as an empty box/);
  await assert.rejects(build(anthology([serial]), { ornament: '⁂' }), /no glyph for its scene-break ornament "⁂"/);
});

test('a broken template says so', async () => {
  await assert.rejects(build(anthology([serial]), { template: '#let x = (' }), (error: unknown) => {
    assert.ok(error instanceof OutputError);
    assert.match(error.message, /PDF template failed/);
    return true;
  });
});

test('an anthology without stories is refused', async () => {
  await assert.rejects(build(anthology([])), /without stories/);
});
