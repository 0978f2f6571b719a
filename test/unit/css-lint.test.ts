// The RMSDK lint: modern CSS outside @supports is reported with its place; every shipped theme's stylesheet is clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { lintEpubCss, listThemes, loadTheme } from '../../src/themes/index.ts';

const brief = (css: string) => lintEpubCss(css).map((problem) => `${problem.line}:${problem.column} ${problem.ruleId}`);

test('custom properties, var(), calc(), clamp(), min()/max(), rem and viewport units outside @supports are reported', () => {
  const css = [
    ':root { --gap: 1em; }',
    'p { margin: var(--gap); }',
    'h1 { width: calc(100% - 2em); }',
    'h2 { font-size: clamp(1em, 2em, 3em); }',
    'h3 { margin: min(1em, 2%) max(1em, 2%); }',
    'body { font-size: 1.1rem; }',
    'section { height: 50vh; width: 80vw; }',
  ].join('\n');
  assert.deepEqual(brief(css), [
    '1:9 rmsdk-custom-property',
    '2:13 rmsdk-function',
    '3:13 rmsdk-function',
    '4:17 rmsdk-function',
    '5:14 rmsdk-function',
    '5:27 rmsdk-function',
    '6:19 rmsdk-unit',
    '7:19 rmsdk-unit',
    '7:32 rmsdk-unit',
  ]);
  assert.match(lintEpubCss('p { width: calc(1em + 1px); }')[0].message, /^Unexpected `calc\(\)` outside @supports, expected a plain value/);
});

test('the same inside @supports passes: RMSDK skips what it guards', () => {
  const css = '@supports (width: 1vw) {\n  :root { --gap: 1em; }\n  p { margin: var(--gap); width: calc(100vw - 2rem); font-size: clamp(1em, 2vw, 2em); }\n}\np { margin: 0 0 1em 0; width: 50%; }';
  assert.deepEqual(brief(css), []);
});

test('CSS that does not parse is reported where it goes wrong', () => {
  assert.deepEqual(brief('p { color: red; }\n} h1 { margin: 0; }'), ['2:1 css-syntax']);
  assert.deepEqual(brief('p {{ color: red; }'), ['1:4 css-syntax']);
  // An unclosed block at the end is closed by the parser, as every reader does.
  assert.deepEqual(brief('@media screen { p { color: blue; }'), []);
});

test('every shipped theme’s EPUB stylesheet passes the lint', async () => {
  for (const { name } of listThemes()) {
    const theme = loadTheme(name);
    const problems = lintEpubCss(await readFile(theme.epub.stylesheet, 'utf8'));
    assert.deepEqual(problems, [], `${name}: ${theme.epub.stylesheet}`);
  }
});

test('the structural stylesheet every book carries passes the lint too', async () => {
  const structure = new URL('../../src/writers/epub/templates/structure.css', import.meta.url);
  assert.deepEqual(lintEpubCss(await readFile(structure, 'utf8')), []);
});
