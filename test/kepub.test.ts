// The KEPUB writer: Kobo's sentence spans, page frame and style on every document, a book EPUBCheck still passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toString } from 'mdast-util-to-string';
import { buildAnthology } from '../src/build.ts';
import { loadStories } from '../src/load-story.ts';
import { kepubify, koboStyle } from '../src/writers/kepub/index.ts';
import { koboDocument, markCoverImage } from '../src/writers/kepub/kobo-document.ts';
import { mayHoldTwoSentences, sentenceStarts } from '../src/writers/kepub/kobo-spans.ts';
import fc from 'fast-check';
import { elementsNamed, parseXml, textContent, type Element, type Root } from '../src/xml.ts';
import { serializeXml } from '../src/writers/xml-document.ts';
import { writers } from '../src/writers/index.ts';
import { formatRenderer } from '../src/writers/render-formats.ts';
import { InputError } from '../src/errors.ts';
import { epubcheck, epubcheckMissing } from './helpers/epubcheck.ts';
import { toolAvailable } from './helpers/external-tools.ts';
import { makeEpub, xhtml } from './helpers/make-epub.ts';
import { unzipEpub } from './helpers/unzip.ts';
import { buildSharedSeeds, sharedSeedsAvailable } from './helpers/shared-seeds.ts';
import { longStory, oneShot, paragraph, story } from './helpers/story-trees.ts';
import { h } from 'hastscript';
import { contentDocument } from '../src/writers/epub/content-document.ts';
import { planBook } from '../src/writers/epub/book-plan.ts';
import { navDocument } from '../src/writers/epub/nav-document.ts';

/** The body of `body` made Kobo-ready, serialized. */
function koboBody(body: string, language = 'en'): string {
  const tree = koboDocument(parseXml(xhtml(body)), language);
  assert.ok(tree, 'the document is made Kobo-ready');
  const serialized = serializeXml(tree, { html: true });
  return serialized.slice(serialized.indexOf('<body>') + '<body>'.length, serialized.indexOf('</body>'));
}

const span = (id: string, text: string) => `<span class="koboSpan" id="kobo.${id}">${text}</span>`;

test('a text passed over as one sentence is one for the segmenter too (the shortcut never changes a KEPUB)', () => {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  const characters = ['a', 'B', ' ', '.', '!', '?', '…', '”', '“', '’', '"', "'", '(', ')', '\n', '\u2029', '。', '\u00a0', ','];
  let passedOver = 0;
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...characters), { maxLength: 24 }).map((list) => list.join('')), (text) => {
      if (mayHoldTwoSentences(text)) return true;
      passedOver += 1;
      return [...segmenter.segment(text)].every((segment) => segment.index === 0);
    }),
    { numRuns: 20_000, seed: 7 },
  );
  assert.ok(passedOver > 1000, `the shortcut was taken ${passedOver} times`);
  assert.equal(mayHoldTwoSentences('“Don’t wait up,” she said.'), false);
  assert.equal(mayHoldTwoSentences('Wait. Then go.'), true);
});

test('texts segmented together find the same sentence starts as each alone (batching never changes a KEPUB)', () => {
  const pieces = ['Wait.', ' ', 'Then go', '!', '?', '…', '“', '”', '"', "'", 'Mr.', ' he said', ' Dr. Who', ')', '(', '\n', '\u2029', '。', '؟', ' e.g. ', 'a', 'B', '3.5', '.'];
  for (const language of ['en', 'ja', 'ar']) {
    const segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
    const alone = (text: string) => [...segmenter.segment(text)].map((segment) => segment.index).filter((index) => index > 0 && index < text.length);
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((list) => list.join(''));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 9 }), (texts) => {
        assert.deepEqual(sentenceStarts(texts, segmenter), texts.map(alone));
      }),
      { numRuns: 3_000, seed: 11 },
    );
  }
});

test('a sentence that crosses <em> gets one span per piece, each numbered, and the spans nest properly', () => {
  assert.equal(
    koboBody('<p>He said <em>no way. Go</em> home. Fine.</p>'),
    '<div id="book-columns"><div id="book-inner">\n' +
      `<p>${span('1.1', 'He said ')}<em>${span('1.2', 'no way. ')}${span('1.3', 'Go')}</em>${span('1.4', ' home. ')}${span('1.5', 'Fine.')}</p>` +
      '\n</div></div>',
  );
});

test('blocks start new paragraph numbers; images get a span of their own; <br/> ends a sentence; <pre> and blank text are left alone', () => {
  const body = [
    '<h1>Title</h1>',
    '<p>One.<br/>Two</p>',
    '<ul>\n<li>Item one. Item two.</li>\n</ul>',
    '<p><img src="a.png" alt="A lighthouse"/> After.</p>',
    '<pre>keep. this.</pre>',
    '<hr/>',
    '<p> </p>',
    '<aside><p>Note.</p></aside>',
  ].join('\n');
  const expected = [
    `<h1>${span('1.1', 'Title')}</h1>`,
    `<p>${span('2.1', 'One.')}<br/>${span('2.2', 'Two')}</p>`,
    `<ul>\n<li>${span('3.1', 'Item one. ')}${span('3.2', 'Item two.')}</li>\n</ul>`,
    `<p>${span('4.1', '<img src="a.png" alt="A lighthouse"/>')}${span('5.1', ' After.')}</p>`,
    '<pre>keep. this.</pre>',
    '<hr/>',
    '<p> </p>',
    `<aside><p>${span('6.1', 'Note.')}</p></aside>`,
  ].join('\n');
  assert.equal(koboBody(body), `<div id="book-columns"><div id="book-inner">\n${expected}\n</div></div>`);
});

test('sentences are found by Unicode’s rules in the document’s language (。 ends a Japanese one), and Kobo’s style block ends the head', () => {
  const tree = koboDocument(parseXml(xhtml('<p>今日は晴れ。明日は雨です。</p>').replace('<html ', '<html xml:lang="ja" ')), 'en');
  assert.ok(tree);
  const serialized = serializeXml(tree, { html: true });
  assert.match(serialized, new RegExp(`<style type="text/css" class="kobostylehacks">${koboStyle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</style>\n</head>`));
  assert.match(serialized, /<p><span class="koboSpan" id="kobo\.1\.1">今日は晴れ。<\/span><span class="koboSpan" id="kobo\.1\.2">明日は雨です。<\/span><\/p>/);
});

test('a document made Kobo-ready before is left alone (no spans inside spans)', () => {
  const tree = parseXml(xhtml('<p><span class="koboSpan" id="kobo.1.1">Done.</span></p>'));
  assert.equal(koboDocument(tree, 'en'), undefined);
});

test('making a document Kobo-ready leaves the tree it was given as it was (the EPUB’s checks share that parse)', () => {
  const source = xhtml('<p>One. Two <em>and. Three</em>.</p><p><img src="a.png" alt="A"/></p>');
  const tree = parseXml(source);
  const before = serializeXml(tree, { html: true });
  const kobo = koboDocument(tree, 'en');
  assert.ok(kobo);
  assert.match(serializeXml(kobo, { html: true }), /kobo\.1\.2/);
  assert.equal(serializeXml(tree, { html: true }), before);
});

test('an EPUB 3 package whose cover is named only by <meta name="cover"> gets properties="cover-image"', () => {
  const opf = parseXml('<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata><meta name="cover" content="c"/></metadata><manifest><item id="c" href="c.jpg" media-type="image/jpeg"/></manifest></package>');
  const before = serializeXml(opf);
  const marked = markCoverImage(opf, '3.0');
  assert.ok(marked);
  assert.match(serializeXml(marked), /<item id="c" href="c\.jpg" media-type="image\/jpeg" properties="cover-image"\/>/);
  assert.equal(serializeXml(opf), before, 'the package it was given (the checks’ shared parse) is left as it was');
  assert.equal(markCoverImage(parseXml(serializeXml(marked)), '3.0'), undefined, 'already marked');
  assert.equal(markCoverImage(opf, '2.0'), undefined, 'EPUB 2 has no properties attribute');
});

test('a document that is not well-formed is copied as it was, with a warning naming it', async () => {
  const epub = await makeEpub({ metadata: '<dc:language>en</dc:language>', documents: [['a.xhtml', '<p>Fine.</p>'], ['b.xhtml', '<p>x</p>']] });
  const zip = await JSZip.loadAsync(epub);
  zip.file('OEBPS/b.xhtml', '<html><body><p>unclosed</body></html>');
  const warnings: string[] = [];
  const kepub = await kepubify(await zip.generateAsync({ type: 'uint8array' }), { onWarning: (message) => warnings.push(message) });
  const book = await unzipEpub(kepub);
  assert.match(await book.text('OEBPS/a.xhtml'), /koboSpan/);
  assert.equal(await book.text('OEBPS/b.xhtml'), '<html><body><p>unclosed</body></html>');
  assert.deepEqual(warnings.map((warning) => warning.split(' (')[0]), ['OEBPS/b.xhtml: not well-formed XHTML']);
});

test('a file that is not an EPUB is an input error naming it', async () => {
  await assert.rejects(kepubify(new TextEncoder().encode('not a zip'), { file: 'story.epub' }), (error: Error) => error instanceof InputError && error.place?.file === 'story.epub' && /not a zip archive/.test(error.message));
});

/** Every text node of `element` that is not blank, with whether a koboSpan holds it. */
function textsAndSpans(element: Element, inSpan = false, found: { text: string; inSpan: boolean }[] = []) {
  for (const child of element.children) {
    if (child.type === 'text' && child.value.trim() !== '') found.push({ text: child.value, inSpan });
    if (child.type === 'element' && !['pre', 'script', 'style', 'svg'].includes(child.name)) {
      textsAndSpans(child, inSpan || child.attributes.class === 'koboSpan', found);
    }
  }
  return found;
}

function body(tree: Root): Element {
  return elementsNamed(tree, 'body')[0];
}

test('the shared stories’ KEPUB: EPUBCheck passes, and every document has spans throughout, the frame, the style and unchanged text', async (t) => {
  if (!sharedSeedsAvailable(t) || !toolAvailable(t, await epubcheckMissing())) return;
  const build = await buildSharedSeeds(['epub', 'kepub']);
  assert.match(build.paths.kepub, /\/seeds\.kepub\.epub$/);
  const report = await epubcheck(build.paths.kepub);
  assert.deepEqual(report.messages, []);
  assert.equal(report.errors + report.warnings, 0);

  const epub = await unzipEpub(await build.bytes('epub'));
  const kepub = await unzipEpub(await build.bytes('kepub'));
  assert.deepEqual(kepub.names.filter((name) => !name.endsWith('/')), epub.names.filter((name) => !name.endsWith('/')), 'the same files, in the same order');
  assert.equal(kepub.names[0], 'mimetype');
  assert.match(await kepub.text('OEBPS/content.opf'), /<item id="[^"]+" href="images\/cover\.jpg" media-type="image\/jpeg" properties="cover-image"\/>/);

  const documents = await kepub.xhtmlDocuments();
  assert.ok(documents.size >= 6, 'cover, title page, contents, three stories, colophon');
  for (const [name, source] of documents) {
    const tree = parseXml(source);
    const frame = body(tree).children.filter((child): child is Element => child.type === 'element');
    assert.deepEqual(frame.map((div) => div.attributes.id), ['book-columns'], `${name}: body holds div#book-columns`);
    assert.equal((frame[0].children[0] as Element).attributes.id, 'book-inner', `${name}: inside it div#book-inner`);
    assert.ok(elementsNamed(tree, 'style').some((style) => style.attributes.class === 'kobostylehacks' && textContent(style) === koboStyle), `${name}: Kobo's style block`);

    const texts = textsAndSpans(body(tree));
    assert.deepEqual(texts.filter((text) => !text.inSpan), [], `${name}: every sentence is in a koboSpan`);
    const ids = elementsNamed(tree, 'span').filter((element) => element.attributes.class === 'koboSpan').map((element) => String(element.attributes.id));
    // The cover page holds only its SVG, which Kobo's spans leave alone (as kepubify does).
    if (name !== 'OEBPS/cover.xhtml') assert.ok(ids.length > 0, `${name} has spans`);
    assert.ok(ids.every((id) => /^kobo\.\d+\.\d+$/.test(id)), `${name}: ids are kobo.P.S`);
    assert.equal(new Set(ids).size, ids.length, `${name}: ids are unique`);
    const original = parseXml(await epub.text(name));
    assert.equal(textContent(body(tree)).replace(/\s+/g, ' ').trim(), textContent(body(original)).replace(/\s+/g, ' ').trim(), `${name}: the text is unchanged`);
  }
  const cover = parseXml(documents.get('OEBPS/cover.xhtml')!);
  assert.equal(elementsNamed(cover, 'span').length, 0, 'the cover page gets no spans');
  assert.equal(elementsNamed(elementsNamed(cover, 'svg')[0], 'image').length, 1, 'its SVG still holds the cover image');

  const story = parseXml(documents.get('OEBPS/story-02.xhtml')!);
  const paragraphs = elementsNamed(story, 'p').filter((p) => textContent(p).trim() !== '');
  const firstIds = paragraphs.map((p) => String(elementsNamed(p, 'span')[0]?.attributes.id));
  assert.equal(new Set(firstIds.map((id) => id.split('.')[1])).size, firstIds.length, 'each paragraph has its own number');
  assert.ok(firstIds.every((id) => id.endsWith('.1')), 'each paragraph starts at sentence 1');
});

test('the same EPUB always gives the same KEPUB bytes, and a KEPUB given again comes back unchanged', async () => {
  const epub = await writers.epub.write({ meta: { title: 'One', editors: ['E'], language: 'en' }, stories: [oneShot], modified: new Date('2024-03-01T00:00:00Z') }, { generator: 'ficbind test' });
  const first = await kepubify(epub);
  assert.deepEqual(await kepubify(epub), first);
  const again = await unzipEpub(await kepubify(first));
  const once = await unzipEpub(first);
  assert.deepEqual(await again.xhtmlDocuments(), await once.xhtmlDocuments());
});

test('a build asking for epub and kepub renders the EPUB once; kepub alone still works', async () => {
  const anthology = { meta: { title: 'One', editors: ['E'], language: 'en' }, stories: [oneShot], modified: new Date('2024-03-01T00:00:00Z') };
  const original = writers.epub.write;
  let renders = 0;
  writers.epub.write = async (...args) => {
    renders += 1;
    return original(...args);
  };
  try {
    const render = formatRenderer(anthology, { generator: 'ficbind test' });
    const [epub, kepub] = await Promise.all([render('epub'), render('kepub')]);
    assert.equal(renders, 1);
    assert.deepEqual(kepub, await kepubify(epub));
  } finally {
    writers.epub.write = original;
  }
  assert.equal(writers.kepub.extension, '.kepub.epub');
  const alone = await writers.kepub.write(anthology, { generator: 'ficbind test' });
  assert.deepEqual(alone, await kepubify(await writers.epub.write(anthology, { generator: 'ficbind test' })));
});

test('a KEPUB ficbind made reads back as its stories, without the colophon Kobo’s page frame hid', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'ficbind-kepub-back-'));
  try {
    await writeFile(join(folder, 'anthology.yaml'), 'title: Read Back\ncover: false\n');
    await writeFile(join(folder, '1-first.txt'), 'The first story.\n');
    await writeFile(join(folder, '2-last.txt'), 'The last story ends here.\n');
    const built = await buildAnthology({ input: folder, out: join(folder, 'out'), sourceDateEpoch: 1700000000, formats: ['epub', 'kepub'] });
    const texts = async (path: string) => (await loadStories(path, { language: 'en' })).map((story) => toString(story.tree));
    const fromEpub = await texts(built.files[0].path);
    const fromKepub = await texts(built.files[1].path);
    assert.equal(fromKepub.length, 2);
    assert.doesNotMatch(fromKepub.at(-1)!, /Made with|Dated/);
    assert.deepEqual(fromKepub, fromEpub);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test('the XML trees the EPUB writer keeps for the KEPUB are the ones a parser reads from the documents it wrote', () => {
  const withoutPositions = (tree: unknown) => JSON.parse(JSON.stringify(tree, (key, value) => (key === 'position' ? undefined : value)));
  const same = (document: { xhtml: string; tree?: Root }, what: string) => {
    assert.ok(document.tree, `${what} has its tree`);
    assert.deepEqual(withoutPositions(document.tree), withoutPositions(parseXml(document.xhtml)), what);
  };
  // Text and attributes with what XML forbids or a parser changes, texts side by side, an empty one, comments with dashes, a void element given children.
  const awkward = contentDocument({ title: 'Odd\u0001 one', language: 'en', bodyClass: 'story' }, [
    h('section', { id: 'top', style: 'margin:\t0;\r\npadding: 1em\u0007', dataNote: 'a < b & "c"' }, [
      { type: 'text', value: 'One\r\ntwo ' },
      { type: 'text', value: '' },
      { type: 'text', value: 'three\u0000 & <four>' },
      { type: 'comment', value: 'a -- b -' },
      h('p', [h('br', ['lost']), h('em', 'Said.'), ' “Quoted,” she said.']),
      h('input', { type: 'checkbox', checked: true, disabled: false }),
    ]),
  ], { xmlTree: true });
  same(awkward, 'the awkward document');

  const plan = planBook(
    { meta: { title: 'Trees', editors: [], language: 'en' }, stories: [longStory, oneShot, story({ title: 'Em Português', language: 'pt' }, [paragraph('Olá, mundo.')])], modified: new Date(0) },
    { generator: 'ficbind test', colophon: ['Set in a test.'], dropCap: true, ornament: '❦', xmlTrees: true },
  );
  for (const document of plan.documents) same(document, document.filename);
  same(navDocument(plan.package), 'the navigation document, always with its tree');
  assert.ok(planBook({ meta: { title: 'No trees', editors: [], language: 'en' }, stories: [oneShot], modified: new Date(0) }, { generator: 'ficbind test' }).documents.every((document) => document.tree === undefined), 'kept only when asked for');
});
