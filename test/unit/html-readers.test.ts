// HTML input: AO3 downloads, FanFiction.net pages and other pages become stories with their metadata, notes and chapters.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Nodes, Root, RootContent, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { loadStories, loadStoryFromBytes } from '../../src/load-story.ts';
import { formatOf, readStoriesFromFile, readStoryBytes, type ReadStory } from '../../src/readers/index.ts';
import { applyLabelledValue, fieldForLabel, languageTag, parseSeries } from '../../src/readers/html-metadata.ts';
import { storyToText } from '../../src/writers/text.ts';
import { renderStory } from '../../src/check.ts';
import type { Story, StoryMeta } from '../../src/story.ts';

const fixtures = new URL('../fixtures/html/', import.meta.url).pathname;
const read = (name: string): ReadStory => readStoryBytes(readFileSync(fixtures + name), fixtures + name);
const load = (name: string): Story => loadStoryFromBytes(readFileSync(fixtures + name), fixtures + name, { language: 'en' });
const html = (markup: string, name = 'page.html') => readStoryBytes(new TextEncoder().encode(markup), name);

const blocksOf = (tree: Root) => tree.children.map((node) => `${node.type}${node.type === 'heading' ? node.depth : ''}: ${toString(node).slice(0, 40)}`);
const headings = (tree: Root) => tree.children.filter((node) => node.type === 'heading').map((node) => `${(node as { depth: number }).depth} ${toString(node)}`);
const notes = (tree: Root) => tree.children.filter((node) => node.type === 'authorNote').map((node) => toString(node));

function find(tree: Root, predicate: (node: Nodes) => boolean): Nodes[] {
  const found: Nodes[] = [];
  visit(tree, (node) => void (predicate(node as Nodes) && found.push(node as Nodes)));
  return found;
}

function textWithData(tree: Root, value: string): Text {
  const node = find(tree, (node) => node.type === 'text' && node.value === value)[0] as Text | undefined;
  assert.ok(node, `a text node "${value}"`);
  return node;
}

describe('AO3 download, one chapter', () => {
  const story = read('ao3-single.html');

  test('every tag list goes into the story model', () => {
    const { meta } = story;
    assert.equal(meta.title, 'The Kettle Knows');
    assert.deepEqual(meta.authors, ['Moss_and_Ink']);
    assert.equal(meta.rating, 'General Audiences');
    assert.deepEqual(meta.warnings, ['No Archive Warnings Apply']);
    assert.deepEqual(meta.categories, ['Gen']);
    assert.deepEqual(meta.fandoms, ['Harbor Lights (TV)']);
    assert.deepEqual(meta.characters, ['Wren Calder', 'Tobias Reyne']);
    assert.deepEqual(meta.tags, ['Tea', 'Domestic Fluff', 'Rain']);
    assert.equal(meta.language, 'en');
    assert.equal(meta.source, 'https://archiveofourown.org/works/10000001');
    assert.equal(meta.published, '2021-03-04');
    assert.equal(meta.complete, true);
    assert.equal(meta.summary, 'Rain on the lighthouse roof, and a kettle that will not sing.\n\nA very small story about waiting.');
  });

  test('no chapter heading; the work notes come first, as a note', () => {
    assert.deepEqual(headings(story.tree), []);
    assert.equal(story.tree.children[0].type, 'authorNote');
    assert.deepEqual(notes(story.tree), ['Written for a friend who asked for "something with tea in it."']);
  });

  test('site text is left out: preface and afterword headings, the posted-on line, the comment plea', () => {
    const text = storyToText(story.tree);
    for (const boilerplate of ['Preface', 'Afterword', 'Posted originally', 'Please drop by', 'Archive of Our Own', 'Summary', 'Stats']) {
      assert.ok(!text.includes(boilerplate), `no "${boilerplate}"`);
    }
    assert.match(text, /^The kettle had been on the stove/m);
    assert.match(text, /made & cooling on the sill/);
  });

  test('a centred `* * *` is a scene break once typography has run', () => {
    const fixed = load('ao3-single.html');
    assert.equal(fixed.tree.children.filter((node) => node.type === 'sceneBreak').length, 1);
    assert.match(storyToText(fixed.tree), /“It’s the altitude,” Tobias said/);
    assert.equal(fixed.meta.words > 100, true);
  });
});

describe('AO3 download, several chapters', () => {
  const story = read('ao3-multi.html');

  test('metadata: relationships, series, collections, co-creators, work in progress', () => {
    const { meta } = story;
    assert.equal(meta.title, 'Three Bells for Gannet Point');
    assert.deepEqual(meta.authors, ['Moss_and_Ink', 'Saltmarsh', 'Kelpie_Writes'], 'a chapter’s own byline adds its co-creator');
    assert.deepEqual(meta.relationships, ['Wren Calder/Tobias Reyne']);
    assert.deepEqual(meta.fandoms, ['Harbor Lights (TV)', 'Lantern Rock Letters']);
    assert.deepEqual(meta.categories, ['F/M', 'Gen']);
    assert.deepEqual(meta.warnings, ['Creator Chose Not To Use Archive Warnings']);
    assert.deepEqual(meta.series, { name: 'The Gannet Point Cycle', position: 2 });
    assert.deepEqual(meta.collections, ['Lighthouse Week 2021']);
    assert.equal(meta.updated, '2021-05-20');
    assert.equal(meta.complete, false, '3/4 chapters');
  });

  test('chapters in order, each heading then its notes, text and end notes; the work’s end notes last', () => {
    assert.deepEqual(blocksOf(story.tree), [
      'authorNote: Thanks to our beta, who knows far more a',
      'heading2: Chapter 1: The First Night',
      'authorNote: The fog comes in.',
      'authorNote: This chapter has a lot of bell.',
      'paragraph: The fog came in at dusk, thick as wool. ',
      'paragraph: Somewhere out past the rocks a boat answ',
      'sceneBreak: ',
      'paragraph: By midnight her arms ached. She wrote in',
      'paragraph: She had meant to write nothing something',
      'authorNote: Yes, the log entry is real-ish.',
      'heading2: Chapter 2',
      'paragraph: On the second night Tobias came up the s',
      'paragraph: * * *',
      'paragraph: "Type it like this," he said, and showed',
      'paragraph: The boat\'s horn sounded again, closer no',
      'heading2: Chapter 3: Morning',
      'heading3: The Log',
      'paragraph: When the fog lifted, Old Maddock found t',
      'paragraph: He let them sleep. He rang the bell hims',
      'authorNote: Chapter four is coming when the fog does',
    ]);
    assert.ok(!storyToText(story.tree).includes('Works inspired by'));
    assert.ok(!storyToText(story.tree).includes('The Fourth Bell'));
  });

  test('legacy tags keep their meaning as valid XHTML: strike, big, font size, tt, u', () => {
    const struck = find(story.tree, (node) => node.type === 'delete')[0];
    assert.equal(toString(struck), 'nothing');
    assert.deepEqual(struck.data, { hName: 's' });
    const big = { hName: 'span', hProperties: { className: ['big'], style: 'font-size: larger' } };
    assert.deepEqual(textWithData(story.tree, 'once').data, big, '<font size="5">');
    assert.deepEqual(textWithData(story.tree, 'twice').data, big, '<big>');
    assert.equal(textWithData(story.tree, 'lot').data?.hName, 'u');
    assert.deepEqual(textWithData(story.tree, '0012 - fog, no change - bell every two minutes').data?.hProperties, { className: ['tt'], style: 'font-family: monospace' });
  });

  test('`<hr>` is a scene break; `<center>* * *</center>` becomes one with typography; escaped markup stays text', () => {
    const hr = story.tree.children.find((node) => node.type === 'sceneBreak');
    assert.equal(hr && 'marker' in hr && hr.marker, '<hr />');
    const fixed = load('ao3-multi.html');
    assert.equal(fixed.tree.children.filter((node) => node.type === 'sceneBreak').length, 2);
    assert.match(storyToText(fixed.tree), /to the wall: <script>ring\(\)<\/script>\. She laughed/);
    assert.match(storyToText(fixed.tree), /closer now\.\nCloser still\./, '<br/> is a line break');
  });

  test('text nodes keep their true source places, through entities and collapsed whitespace', () => {
    const source = String(story.file.value);
    let checked = 0;
    visit(story.tree, 'text', (node: Text) => {
      const start = node.position?.start.offset;
      if (start === undefined) return;
      const offsets = (node.data as { sourceOffsets?: number[] } | undefined)?.sourceOffsets;
      [...node.value].forEach((char, index) => {
        const at = source[start + (offsets ? offsets[index] : index)];
        if (char === ' ') assert.match(at, /\s/);
        else if (at === '&') assert.ok(true);
        else assert.equal(at, char, `character ${index} of "${node.value}"`);
        checked++;
      });
      assert.equal(node.position!.start.line, source.slice(0, start).split('\n').length);
    });
    assert.ok(checked > 1000);
    const scriptText = textWithData(story.tree, '"Type it like this," he said, and showed her the note he had pinned to the wall: <script>ring()</script>. She laughed until the bell was late.');
    assert.ok((scriptText.data as { sourceOffsets?: number[] }).sourceOffsets, 'entities shift the source map');
  });
});

describe('FanFiction.net saved page', () => {
  const story = read('ffn-page.html');

  test('the profile block and the details line give the metadata', () => {
    const { meta } = story;
    assert.equal(meta.title, 'Letters from Lantern Rock');
    assert.deepEqual(meta.authors, ['Gullwing']);
    assert.equal(meta.summary, 'A winter of letters between two keepers who have never met. Epistolary, slow, and very cold.');
    assert.equal(meta.rating, 'K+');
    assert.equal(meta.language, 'en');
    assert.deepEqual(meta.tags, ['Romance', 'Hurt/Comfort']);
    assert.deepEqual(meta.relationships, ['Wren C./Tobias R.']);
    assert.deepEqual(meta.characters, ['Wren C.', 'Tobias R.', 'Old Maddock']);
    assert.deepEqual(meta.fandoms, ['Harbor Lights']);
    assert.equal(meta.source, 'https://www.fanfiction.net/s/90000009/2/Letters-from-Lantern-Rock');
    assert.equal(meta.published, 'Jan 1, 2021');
  });

  test('only #storytext is story text, under the chapter menu’s selected title', () => {
    assert.deepEqual(headings(story.tree), ['2 The Second Letter']);
    const text = storyToText(story.tree);
    for (const chrome of ['Follow/Fav', 'Post Review', 'Type your review', 'unleash your imagination', 'Chapter Navigation', 'Thaw']) {
      assert.ok(!text.includes(chrome), `no "${chrome}"`);
    }
    assert.match(text, /^\*Dear Keeper of Gannet Point,\*$/m);
    assert.deepEqual(story.file.messages, [], 'the page’s scripts are outside the story and need no warning');
  });

  test('the centred `~oOo~` and the `<hr>` are scene breaks; the A/N stays the author’s', () => {
    const fixed = load('ffn-page.html');
    assert.equal(fixed.tree.children.filter((node) => node.type === 'sceneBreak').length, 2);
    assert.match(storyToText(fixed.tree), /Thank you for all the kind reviews/);
  });
});

describe('any other HTML', () => {
  const story = read('generic.html');

  test('the body’s text; a lone top heading is the title, the others are chapters; menus are not text', () => {
    assert.equal(story.meta.title, 'Ballast');
    assert.deepEqual(headings(story.tree), ['2 I. Sand', '2 II. Salt']);
    assert.ok(!storyToText(story.tree).includes('Home'));
    assert.deepEqual(story.meta.authors, ['Perrin Hale']);
    assert.equal(story.meta.language, 'en-GB');
    assert.equal(story.meta.summary, 'The keeper\'s dog, told by the dog.');
  });

  test('two line breaks in a row separate paragraphs, as pasted text does', () => {
    assert.deepEqual(blocksOf(story.tree).slice(-2), ['paragraph: She lay across the foot of the bed inste', 'paragraph: The stairs, she decided, could look afte']);
  });

  test('without headings the page is one chapter, titled from the file name when it has no title', () => {
    const page = html('<p>One.</p><p>Two.</p>', '07_the-quiet-one.htm');
    assert.equal(page.meta.title, 'The Quiet One');
    assert.deepEqual(blocksOf(page.tree), ['paragraph: One.', 'paragraph: Two.']);
  });

  test('whitespace as a browser shows it: collapsed, trimmed at line edges, kept between words across tags', () => {
    const page = html('<p>\n   She <i>said</i>\n  <b> nothing </b>  at   all.&nbsp;</p><p>&nbsp;</p><p>  Next<br>\n  line </p>');
    assert.deepEqual(page.tree.children.map((node) => toString(node)), ['She said nothing at all.', 'Nextline']);
    assert.equal(storyToText(page.tree), 'She *said* **nothing** at all.\n\nNext\nline\n');
  });

  test('alignment from `align`, `<center>` or a `style` survives as markup ficbind writes itself', () => {
    const page = html('<p align="center">a</p><center><p>b</p></center><p style="color: red; text-align:right">c</p><div align="center"><p align="left">d</p></div>');
    const alignments = (page.tree.children as RootContent[]).map((node) => (node.data as { hProperties?: { className?: string[] } } | undefined)?.hProperties?.className?.[0] ?? 'none');
    assert.deepEqual(alignments, ['centered', 'centered', 'right-aligned', 'none']);
  });

  test('styles word processors write become emphasis; sub, sup and small are kept', () => {
    const page = html('<p><span style="font-style:italic">a</span> <span style="font-weight: 700">b</span> <span style="text-decoration: underline">c</span> H<sub>2</sub>O x<sup>2</sup> <small>d</small></p>');
    assert.equal(storyToText(page.tree), '*a* **b** c H2O x2 d\n');
    assert.equal(textWithData(page.tree, 'c').data?.hName, 'u');
    assert.equal(textWithData(page.tree, '2').data?.hName, 'sub');
    assert.equal(textWithData(page.tree, 'd').data?.hName, 'small');
  });

  test('lists, block quotes and tables keep their structure; `<pre>` is kept verbatim', () => {
    const page = html('<ul><li>one</li><li>two</li></ul><blockquote><p>quoted</p></blockquote><table><tr><th>Who</th><th>Said</th></tr><tr><td>Wren</td><td>hello</td></tr></table><pre>  a\n    b</pre>');
    assert.deepEqual(page.tree.children.map((node) => node.type), ['list', 'blockquote', 'table', 'code']);
    assert.equal((page.tree.children[3] as { value: string }).value, '  a\n    b');
  });

  test('an image needs a folder: from bytes alone it is left out with a warning', () => {
    const page = html('<p>Look: <img src="lamp.png" alt="a lamp"></p>');
    assert.equal(find(page.tree, (node) => node.type === 'image').length, 0);
    assert.match(String(page.file.messages[0].reason), /Unexpected image “a lamp”: a story read from memory has no folder/);
    assert.equal(page.file.messages[0].ruleId, 'html-image');
  });

  test('Windows-1252 pages are decoded', () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode('<p>'), 0x93, 0x48, 0x69, 0x94, 0x85, ...new TextEncoder().encode('</p>')]);
    assert.equal(toString(readStoryBytes(bytes, 'old.html').tree), '“Hi”…');
  });
});

test('Markdown output of an HTML story keeps strike-through and tables', () => {
  const page = loadStoryFromBytes(new TextEncoder().encode('<p>I <strike>hate</strike> love tea.</p><table><tr><th>Who</th><th>Said</th></tr><tr><td>Wren</td><td>hello</td></tr></table>'), 'page.html', { language: 'en' });
  const markdown = renderStory(page, 'md');
  assert.match(markdown, /I ~~hate~~ love tea\./);
  assert.match(markdown, /\| Who +\| Said +\|/);
});

describe('reader registry', () => {
  test('.html, .htm, .xhtml and .epub are story formats', () => {
    assert.equal(formatOf('a.HTML'), 'html');
    assert.equal(formatOf('a.htm'), 'html');
    assert.equal(formatOf('a.xhtml'), 'html');
    assert.equal(formatOf('a.epub'), 'epub');
  });

  test('reading a file gives its images from its folder, and the full pipeline runs on HTML', async () => {
    const [story] = await readStoriesFromFile(fixtures + 'hostile.html');
    const image = find(story.tree, (node) => node.type === 'image')[0] as { url: string; data: { asset: { mediaType: string; bytes: Uint8Array } } };
    assert.equal(image.data.asset.mediaType, 'image/png');
    assert.match(image.url, /^img-[0-9a-f]{16}\.png$/);
    assert.deepEqual([...image.data.asset.bytes], [...readFileSync(fixtures + 'images/lamp.png')]);
    const [loaded] = await loadStories(fixtures + 'generic.html', { language: 'en' });
    assert.match(storyToText(loaded.tree), /The dog’s name was Ballast/);
  });
});

describe('metadata labels', () => {
  test('labels are matched loosely, whatever the year’s wording', () => {
    const cases: [string, string | undefined][] = [
      ['Rating:', 'rating'], ['Archive Warning:', 'warnings'], ['Warnings', 'warnings'], ['Categories:', 'categories'],
      ['Fandom:', 'fandoms'], ['Pairing:', 'relationships'], ['Relationships:', 'relationships'], ['Character:', 'characters'],
      ['Additional Tags:', 'tags'], ['Freeform:', 'tags'], ['Language:', 'language'], ['Series:', 'series'],
      ['Collections:', 'collections'], ['Stats:', 'stats'], ['Status:', 'status'], ['Published:', 'published'], ['Updated:', 'updated'],
      ['Kudos:', 'ignored'], ['Favourite colour:', undefined],
    ];
    for (const [label, field] of cases) assert.equal(fieldForLabel(label), field, label);
  });

  test('language names and tags become BCP 47', () => {
    assert.equal(languageTag('English'), 'en');
    assert.equal(languageTag('Français'), 'fr');
    assert.equal(languageTag('Deutsch'), 'de');
    assert.equal(languageTag('中文-普通话 國語'), 'zh');
    assert.equal(languageTag('Português brasileiro'), 'pt-BR');
    assert.equal(languageTag('pt-br'), 'pt-BR');
    assert.equal(languageTag('Klingon'), undefined);
  });

  test('a status says whether the story is finished; “Incomplete” is not complete', () => {
    const status = (text: string) => {
      const meta: Partial<StoryMeta> = {};
      applyLabelledValue(meta, 'Status', text);
      return meta.complete;
    };
    assert.deepEqual(['Complete', 'Completed', 'In progress', 'Incomplete', 'WIP', 'Hiatus'].map(status), [true, true, false, false, false, undefined]);
  });

  test('series in AO3’s, ficbind’s and calibre’s wording', () => {
    assert.deepEqual(parseSeries('Part 3 of The Long Road, Part 1 of Side Roads'), { name: 'The Long Road', position: 3 });
    assert.deepEqual(parseSeries('The Long Road, part 3'), { name: 'The Long Road', position: 3 });
    assert.deepEqual(parseSeries('The Long Road'), { name: 'The Long Road' });
  });
});
