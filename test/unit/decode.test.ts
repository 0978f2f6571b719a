// Story bytes decode correctly whatever the encoding, and mojibake is repaired with a diagnostic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeStoryBytes } from '../../src/readers/decode.ts';
import { readStoryBytes } from '../../src/readers/index.ts';
import iconv from 'iconv-lite';
import { randomBytes } from 'node:crypto';
import { legacyEncodings, story } from '../../scripts/encoding-samples.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

test('UTF-8 with and without BOM', () => {
  assert.equal(decodeStoryBytes(utf8('“Hi,” she said…')).text, '“Hi,” she said…');
  assert.equal(decodeStoryBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('café')])).text, 'café');
});

test('UTF-16 little- and big-endian with BOM', () => {
  const le = Buffer.from('\ufeff“Wait…”', 'utf16le');
  assert.deepEqual(decodeStoryBytes(le), { text: '“Wait…”', encoding: 'utf-16le', source: 'bom', repairs: [] });
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
  assert.ok(file.messages.every((message) => message.line === 3 && message.ruleId === 'mojibake' && message.fatal === false));
  assert.match(file.messages[0].reason, /Unexpected `â€™`.*expected `’`/);
});

test('ordinary accented text is not mistaken for mojibake', () => {
  const text = 'Naïve Zoë ate crème brûlée in São Paulo — Ångström, Øresund.';
  assert.deepEqual(decodeStoryBytes(utf8(text)), { text, encoding: 'utf-8', source: 'utf-8', repairs: [] });
});

test('correct UTF-8 whose letters sit before typographic marks is never changed', () => {
  for (const text of [
    '„Ich weiß“, sagte sie.',
    'Das CAFÉ… war leer.',
    '“I love the café…” she said.',
    'Il a dit « déjà » puis « voilà… »',
    'Ça va… “Ñandú”, “São”—”MAMÃ” IRMÃ’s',
    'Er sagte »Grüß Gott« und ›Tschüß‹ — °C, N° 5, m², señor’s',
    'Зима — «холодно»… Ёлка’s',
  ]) {
    assert.deepEqual(decodeStoryBytes(utf8(text)), { text, encoding: 'utf-8', source: 'utf-8', repairs: [] }, text);
  }
});

test('mojibake that real text never holds is repaired, whole runs at a time, in any script', () => {
  const cases: [string, string][] = [
    ['donâ€™t', 'don’t'],
    ['Ð¿Ñ€Ð¸Ð²ÐµÑ‚', 'привет'],
    ['Å¼Ã³Å‚w', 'żółw'],
    ['gÅ‚os', 'głos'],
    ['æ—¥æœ¬', '日本'],
    ['sÃ»r et dÃ©jÃ', 'sûr et déjÃ'],
  ];
  for (const [found, repaired] of cases) assert.equal(decodeStoryBytes(utf8(found)).text, repaired, found);
});

test('legacy encodings are detected (Windows-1251, ISO-8859-2, Shift_JIS, GB18030, UTF-16 without BOM) and named', () => {
  for (const [language, encodings] of Object.entries(legacyEncodings)) {
    for (const encoding of encodings) {
      const bytes = iconv.encode(story(language, 3), encoding);
      const decoded = decodeStoryBytes(bytes);
      assert.equal(decoded.text, iconv.decode(bytes, encoding), `${language} in ${encoding} read as ${decoded.encoding}`);
      assert.equal(decoded.source, 'detected');
    }
  }
  const { file } = readStoryBytes(iconv.encode(story('ru', 2), 'windows-1251'), 'old.txt');
  assert.match(String(file.messages[0]?.reason), /read as windows-1251.*`encoding:`/);
});

test('`encoding:` overrides detection, and an unknown name is refused with the file', () => {
  const bytes = iconv.encode('Кафе было пустым.', 'koi8-r');
  assert.equal(readStoryBytes(bytes, 'a.txt', 'text', { encoding: 'koi8-r' }).file.value, 'Кафе было пустым.');
  assert.throws(() => readStoryBytes(bytes, 'a.txt', 'text', { encoding: 'klingon-8' }), /unknown encoding "klingon-8"/);
});

test('random bytes are refused with the file named', () => {
  const random = randomBytes(64 * 1024);
  assert.throws(() => readStoryBytes(random, 'noise.txt'), (error: Error & { place?: { file: string } }) => /binary file/.test(error.message) && error.place?.file === 'noise.txt');
  const printable = random.map((byte) => byte | 0x21);
  assert.throws(() => readStoryBytes(printable, 'noise.txt'), /binary file/);
});

test('a binary file is refused with the file named', () => {
  assert.throws(() => readStoryBytes(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'image.txt'), /contains NUL bytes/);
});

test('`encoding:` in anthology.yaml, for every story or per file, reaches the reader; a bad name fails at its line', async () => {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { buildAnthology } = await import('../../src/build.ts');
  const folder = await mkdtemp(join(tmpdir(), 'ficbind-encoding-'));
  await writeFile(join(folder, 'old.txt'), iconv.encode('Кафе было пустым.\n', 'koi8-r'));
  await writeFile(join(folder, 'new.txt'), 'Plain UTF-8.\n');
  await writeFile(join(folder, 'anthology.yaml'), 'title: Old\nencoding:\n  old.txt: koi8-r\n');
  const result = await buildAnthology({ input: folder, out: join(folder, 'out'), config: join(folder, 'anthology.yaml'), sourceDateEpoch: 0 });
  assert.equal(String(result.anthology.stories.find((story) => story.file.basename === 'old.txt')?.file.value), 'Кафе было пустым.\n');
  await writeFile(join(folder, 'anthology.yaml'), 'title: Old\nencoding: martian\n');
  await assert.rejects(buildAnthology({ input: folder, out: join(folder, 'out'), config: join(folder, 'anthology.yaml') }), (error: Error) => {
    return /"encoding" must be a text encoding/.test(error.message) && /anthology\.yaml:2/.test((error as unknown as { describe(): string }).describe());
  });
  await rm(folder, { recursive: true });
});
