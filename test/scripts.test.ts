// Any script: a book in Japanese, Cyrillic, Arabic, Hebrew and emoji is drawn on the cover and in the PDF; a character no font has fails the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAnthology } from '../src/build.ts';
import { defaultCoverFonts, listCoverTemplates, loadCoverTemplate, renderCover, setText, type TextStyle } from '../src/covers/index.ts';
import { readFace } from '../src/covers/fonts.ts';
import { registerFontFile } from '../src/covers/fit-text.ts';
import { fallbackPlan, MissingGlyphError } from '../src/fonts/fallback.ts';
import { toolAvailable } from './helpers/external-tools.ts';
import { pdfToolsMissing, pdfFonts, pdfText } from './helpers/pdf.ts';
import { unzipEpub } from './helpers/unzip.ts';

const epoch = 1_700_000_000;
const japaneseTitle = 'ありがとう、先輩';
const cyrillicAuthor = 'Анна Кузнецова';
const arabicSentence = 'مرحبا بالعالم';
const hebrewWord = 'שלום';
const emoji = '😊';

const story = `---
title: ${japaneseTitle}
author: ${cyrillicAuthor}
---

She wrote ${arabicSentence} on the first page.

He answered ${hebrewWord} and a smile ${emoji}, nothing more.
`;

async function project(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'ficbind-scripts-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(folder, name), text);
  return folder;
}

const anthologyYaml = (language: string, formats: string) => `title: ${japaneseTitle}\neditor: ${cyrillicAuthor}\nlanguage: ${language}\nstories: [story.md]\nformats: [${formats}]\ncover:\n  template: typographic\n`;

test('a story with a Japanese title, a Cyrillic author, Arabic, Hebrew and an emoji builds to EPUB and PDF with every character drawn', async (t) => {
  if (!toolAvailable(t, await pdfToolsMissing())) return;
  const folder = await project({ 'anthology.yaml': anthologyYaml('en', 'epub, pdf'), 'story.md': story });
  try {
    const warnings: string[] = [];
    const result = await buildAnthology({ cwd: folder, out: join(folder, 'out'), sourceDateEpoch: epoch, cache: false, onWarning: (message) => warnings.push(message) });
    const pdfPath = result.files.find((file) => file.path.endsWith('.pdf'))!.path;
    const pdf = new Uint8Array(await readFile(pdfPath));
    const fonts = (await pdfFonts(pdf)).filter((font) => font.embedded).map((font) => font.name.replace(/^[A-Z]{6}\+/, ''));
    for (const family of ['NotoSansJP', 'NotoSansArabic', 'NotoSansHebrew', 'NotoEmoji']) {
      assert.ok(fonts.some((name) => name.startsWith(family)), `${family} is embedded (${fonts.join(', ')})`);
    }
    const text = await pdfText(pdf);
    for (const expected of [japaneseTitle, cyrillicAuthor, hebrewWord, emoji]) assert.ok(text.includes(expected), `the PDF's text has ${expected}`);
    // Right to left: the Arabic sentence comes back in reading order (its first word before its second, both after
    // "She wrote"). poppler doubles some letters Typst maps to shared glyphs (ب), so the words are matched loosely.
    const logical = text.replace(/[\u202a-\u202e]/g, '').replace(/ب+/g, 'ب');
    const [first, second] = [logical.indexOf('مرحبا'), logical.indexOf('بالعالم')];
    assert.ok(logical.indexOf('She wrote') < first && first < second && second < logical.indexOf('on the first page'), `the Arabic sentence reads in order: ${JSON.stringify(logical.split('\n').find((line) => /[\u0600-\u06ff]/.test(line)))}`);
    assert.deepEqual(warnings.filter((warning) => /glyph|box/i.test(warning)), []);

    const epub = await unzipEpub(await readFile(result.files.find((file) => file.path.endsWith('.epub'))!.path));
    const chapter = [...(await epub.xhtmlDocuments()).values()].find((xhtml) => xhtml.includes(hebrewWord) && xhtml.includes(arabicSentence) && xhtml.includes(emoji));
    assert.ok(chapter, 'the EPUB carries the Hebrew word as text (its reader draws it in its own fonts)');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test('a character no font has fails the build, naming it and the story file, line and column', async () => {
  const folder = await project({ 'anthology.yaml': anthologyYaml('en', 'pdf'), 'story.md': `${story}\nA private sign: \uE000.\n` });
  try {
    await assert.rejects(buildAnthology({ cwd: folder, out: join(folder, 'out'), sourceDateEpoch: epoch, cache: false }), (error: unknown) => {
      assert.ok(error instanceof MissingGlyphError);
      const line = (error as MissingGlyphError).describe(folder);
      assert.match(line, /^story\.md:10:17: No font can draw U\+E000 \(\uE000\), which would print as an empty box/);
      assert.ok(!line.includes('\n'), 'one line');
      return true;
    });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test("a language: ja book's PDF labels are drawn in Japanese, not boxes", async (t) => {
  if (!toolAvailable(t, await pdfToolsMissing())) return;
  const folder = await project({ 'anthology.yaml': anthologyYaml('ja', 'pdf'), 'story.md': story.replace(japaneseTitle, 'Tea for two') });
  try {
    const result = await buildAnthology({ cwd: folder, out: join(folder, 'out'), sourceDateEpoch: epoch, cache: false });
    const pdf = new Uint8Array(await readFile(result.files[0].path));
    assert.ok((await pdfFonts(pdf)).some((font) => /NotoSansJP/.test(font.name)), 'Noto Sans JP is embedded');
    assert.match(await pdfText(pdf), /目次/, 'the contents page is headed 目次');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

const coverText = { title: japaneseTitle, author: cyrillicAuthor, subtitle: `${arabicSentence} ${hebrewWord} ${emoji}` };

test('every cover template draws a Japanese title, a Cyrillic author, Arabic, Hebrew and an emoji', async () => {
  for (const entry of await listCoverTemplates()) {
    const warnings: string[] = [];
    const cover = await renderCover({ template: await loadCoverTemplate(entry.path), text: coverText, onWarning: (message) => warnings.push(message) });
    assert.ok(cover.texts.some((placed) => placed.text.includes(japaneseTitle) || placed.text.startsWith('ありがとう')), `${entry.name}: the title is set`);
    assert.deepEqual(warnings.filter((warning) => /glyph|box/i.test(warning)), [], entry.name);
  }
});

test('on a cover, each character the theme font lacks is drawn by the chain, not as the box the font alone would draw', async () => {
  const face = await readFace(defaultCoverFonts().display.files[0]);
  const characters = ['あ', '先', 'Ж', 'م', 'ש', emoji, '한', '汉'];
  const plan = await fallbackPlan(characters.join(''), face.covered);
  assert.deepEqual(plan.missing, []);
  for (const font of plan.fonts) await registerFontFile(font.file);
  const alone: TextStyle = { face, color: '#000000', align: 'left', lineHeight: 1, tracking: 0, uppercase: false };
  const chained: TextStyle = { ...alone, fallbacks: plan.fonts };
  for (const character of characters) {
    const drawn = await setText(character, chained, 96, 1000);
    assert.ok(drawn.data.some((value, index) => index % 4 === 3 && value > 0), `${character} leaves ink`);
    if (face.covered.has(character.codePointAt(0)!)) continue;
    const boxed = await setText(character, alone, 96, 1000);
    assert.ok(drawn.width !== boxed.width || drawn.height !== boxed.height || !Buffer.from(drawn.data).equals(Buffer.from(boxed.data)), `${character} differs from the box EB Garamond alone draws`);
  }
});

test('a cover title no font can draw fails naming the character and the part of the cover', async () => {
  const template = await loadCoverTemplate((await listCoverTemplates())[0].path);
  await assert.rejects(renderCover({ template, text: { title: 'Signs \uE000' } }), /No font can draw U\+E000 \(\uE000\), which would print as an empty box on the cover, in the title/);
  await assert.rejects(renderCover({ template, text: { title: 'Signs', author: 'A\u{10FFFD}' } }), /U\+10FFFD .* in the author/);
});
