// Story bytes decode correctly whatever the encoding, and mojibake is repaired with a diagnostic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeStoryBytes } from '../src/readers/decode.ts';
import { readStoryBytes } from '../src/readers/index.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

test('UTF-8 with and without BOM', () => {
  assert.equal(decodeStoryBytes(utf8('“Hi,” she said…')).text, '“Hi,” she said…');
  assert.equal(decodeStoryBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('café')])).text, 'café');
});

test('UTF-16 little- and big-endian with BOM', () => {
  const le = Buffer.from('\ufeff“Wait…”', 'utf16le');
  assert.deepEqual({ ...decodeStoryBytes(le), repairs: [] }, { text: '“Wait…”', encoding: 'utf-16le', repairs: [] });
  const be = Buffer.from(le).swap16();
  assert.equal(decodeStoryBytes(be).text, '“Wait…”');
});

test('Windows-1252: curly quotes at 0x91–0x94, ellipsis at 0x85, é at 0xE9', () => {
  const bytes = Uint8Array.from([0x93, ...utf8('Don'), 0x92, ...utf8('t go'), 0x85, 0x94, 0x20, 0x91, ...utf8('caf'), 0xe9, 0x92]);
  const decoded = decodeStoryBytes(bytes);
  assert.equal(decoded.encoding, 'windows-1252');
  assert.equal(decoded.text, '“Don’t go…” ‘café’');
});

test('mojibake from UTF-8 read as Windows-1252 is repaired and noted at its line', () => {
  const { file } = readStoryBytes(utf8('First line.\n\nI donâ€™t know, she said, fineâ€¦ at the cafÃ©.\n'), 'moji.txt');
  assert.equal(String(file.value).split('\n')[2], 'I don’t know, she said, fine… at the café.');
  assert.equal(file.messages.length, 3);
  assert.ok(file.messages.every((message) => message.line === 3 && message.ruleId === 'mojibake'));
  assert.match(file.messages[0].reason, /Unexpected `â€™`.*expected `’`/);
});

test('ordinary accented text is not mistaken for mojibake', () => {
  const text = 'Naïve Zoë ate crème brûlée in São Paulo — Ångström, Øresund.';
  assert.deepEqual(decodeStoryBytes(utf8(text)), { text, encoding: 'utf-8', repairs: [] });
});

test('a binary file is refused with the file named', () => {
  assert.throws(() => readStoryBytes(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'image.txt'), /contains NUL bytes/);
});
