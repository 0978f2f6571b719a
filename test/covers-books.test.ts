// Covers in the books: the EPUB's cover image and page (EPUBCheck-clean), the PDF's first page, out/<title>.jpg, config.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Anthology } from '../src/story.ts';
import { writeEpub } from '../src/writers/epub/index.ts';
import { epubOptionsFor, loadTheme } from '../src/themes/index.ts';
import { buildAnthology } from '../src/build.ts';
import { findCoverTemplate, listCoverTemplates, renderCover } from '../src/covers/index.ts';
import { ConfigError } from '../src/errors.ts';
import { epubcheck, epubcheckMissing } from './helpers/epubcheck.ts';
import { run, toolAvailable } from './helpers/external-tools.ts';
import { calibreMissing } from './helpers/calibre.ts';
import { pdfImagePages, pdfText, pdfToolsMissing } from './helpers/pdf.ts';
import { unzipEpub } from './helpers/unzip.ts';
import { longStory, oneShot } from './helpers/story-trees.ts';

const repo = new URL('..', import.meta.url).pathname;
const seeds = join(repo, 'seeds');
const epoch = 1_700_000_000;

const anthology: Anthology = {
  meta: { title: 'Roads & Rivers', subtitle: 'A Fan Anthology', editors: ['Eve Editor'], language: 'en' },
  stories: [longStory, oneShot],
  modified: new Date('2024-03-01T12:34:56Z'),
};

let scratch: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ficbind-covers-'));
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('the EPUB cover', async () => {
  const template = await findCoverTemplate('ornament');
  const cover = (await renderCover({ template, text: { title: anthology.meta.title, author: 'Eve Editor' } })).jpeg;
  const bytes = await writeEpub(anthology, { ...(await epubOptionsFor(loadTheme('classic'), { generator: 'ficbind 0.1.0' })), cover });
  const book = await unzipEpub(bytes);
  const opf = await book.text('OEBPS/content.opf');

  test('the JPEG is a manifest item marked cover-image, named by the legacy <meta name="cover">', async () => {
    const item = /<item id="([^"]+)" href="images\/cover\.jpg" media-type="image\/jpeg" properties="cover-image"\/>/.exec(opf);
    assert.ok(item, opf);
    assert.match(opf.split('<manifest>')[0], new RegExp(`<meta name="cover" content="${item[1]}"/>`));
    assert.ok(Buffer.from(await (await import('jszip')).default.loadAsync(bytes).then((zip) => zip.file('OEBPS/images/cover.jpg')!.async('uint8array'))).equals(Buffer.from(cover)));
  });

  test('a cover page holding the image alone in an SVG sized by its viewBox, with alt text, opens the spine and the landmarks', async () => {
    const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((match) => match[1]);
    assert.deepEqual(spine.slice(0, 3), ['cover', 'titlepage', 'nav']);
    assert.match(opf, /<item id="cover" href="cover\.xhtml" media-type="application\/xhtml\+xml" properties="svg"\/>/);
    const page = await book.text('OEBPS/cover.xhtml');
    const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(page)![1];
    assert.match(body, /^\s*<section class="cover" epub:type="cover"[^>]*><svg [^>]*width="100%" height="100%" viewBox="0 0 1600 2560" preserveAspectRatio="xMidYMid meet" role="img" aria-label="Cover of Roads &amp; Rivers"><title>Cover of Roads &amp; Rivers<\/title><image width="1600" height="2560" xlink:href="images\/cover\.jpg"><\/image><\/svg><\/section>\s*$/);
    assert.doesNotMatch(page, /vh\b|vw\b/, 'no viewport units');
    const nav = await book.text('OEBPS/toc.xhtml');
    assert.match(nav, /<li><a epub:type="cover" href="cover\.xhtml">Cover<\/a><\/li>\s*<li><a epub:type="titlepage"/);
  });

  test('EPUBCheck reports no errors and no warnings', async (t) => {
    if (!toolAvailable(t, await epubcheckMissing())) return;
    const path = join(scratch, 'cover.epub');
    await writeFile(path, bytes);
    const result = await epubcheck(path);
    assert.deepEqual(result.messages, []);
    assert.equal(result.errors + result.warnings, 0);
  });

  test('Calibre finds the same picture as the book’s cover', async (t) => {
    if (!toolAvailable(t, await calibreMissing())) return;
    const path = join(scratch, 'calibre.epub');
    await writeFile(path, bytes);
    await run('ebook-meta', [path, `--get-cover=${join(scratch, 'calibre-cover.jpg')}`], { timeout: 120_000 });
    assert.ok((await readFile(join(scratch, 'calibre-cover.jpg'))).equals(Buffer.from(cover)));
  });

  test('without a cover nothing of it is in the book; a cover that is not a JPEG is refused', async () => {
    const plain = await unzipEpub(await writeEpub(anthology, await epubOptionsFor(loadTheme('classic'), { generator: 'ficbind 0.1.0' })));
    assert.ok(!plain.names.some((name) => /cover/.test(name)));
    assert.doesNotMatch(await plain.text('OEBPS/content.opf'), /cover/);
    const png = new Uint8Array(await sharp({ create: { width: 16, height: 26, channels: 3, background: '#000' } }).png().toBuffer());
    await assert.rejects(writeEpub(anthology, { ...(await epubOptionsFor(loadTheme('classic'), { generator: 'ficbind 0.1.0' })), cover: png }), /must be a JPEG/);
  });
});

describe('building with a cover', () => {
  test('out/ gets <title>.jpg, the same bytes the EPUB carries; the PDF opens with it', async (t) => {
    const out = join(scratch, 'default');
    const result = await buildAnthology({ input: seeds, out, formats: ['epub', 'pdf'], sourceDateEpoch: epoch });
    assert.ok(result.cover);
    assert.match(result.cover.path, /harbor-lights-stories-from-the-lighthouse\.jpg$/);
    const jpeg = await readFile(result.cover.path);
    const meta = await sharp(jpeg).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 1600, 2560]);
    const epub = await (await import('jszip')).default.loadAsync(await readFile(result.files[0].path));
    assert.ok(Buffer.from(await epub.file('OEBPS/images/cover.jpg')!.async('uint8array')).equals(jpeg));
    if (!toolAvailable(t, await pdfToolsMissing())) return;
    const pdf = await readFile(result.files[1].path);
    assert.equal((await pdfImagePages(pdf))[0], 1);
    assert.equal((await pdfText(pdf, { first: 1, last: 1 })).trim(), '', 'the cover page holds only the picture');
  });

  test('a cover started on the first story’s authors and drawn again for "Various" tells its warning once and names the editors the book does', async () => {
    const project = join(scratch, 'guessed-editors');
    await mkdir(join(project, 'stories'), { recursive: true });
    const story = (title: string, author?: string) => `---\ntitle: ${title}\n${author ? `author: ${author}\n` : ''}---\n\n“Come in,” she said. The tide was out.\n`;
    await writeFile(join(project, 'stories', '01-first.md'), story('First Light'));
    await writeFile(join(project, 'stories', '02-second.md'), story('Second Tide', 'Ann Lee'));
    await writeFile(join(project, 'stories', '03-third.md'), story('Third Bell', 'Bea Roy'));
    // A title too long for the cover's box: each drawing of the cover warns that it was shortened.
    const title = Array.from({ length: 12 }, () => 'The Very Long and Winding Collected Stories of the Harbour').join(' ');
    const build = async (config: string, out: string) => {
      await writeFile(join(project, 'anthology.yaml'), `title: ${title}\ninput: stories\n${config}`);
      const warnings: string[] = [];
      const result = await buildAnthology({ config: join(project, 'anthology.yaml'), out: join(project, out), sourceDateEpoch: epoch, cache: false, onWarning: (message) => warnings.push(message) });
      return { result, warnings: warnings.filter((warning) => warning.includes('does not fit its cover text box')) };
    };
    const guessed = await build('', 'guessed');
    assert.deepEqual(guessed.result.anthology.meta.editors, ['Various']);
    assert.equal(guessed.warnings.length, 1, guessed.warnings.join('\n'));
    const named = await build('editors: [Various]\n', 'named');
    assert.equal(named.warnings.length, 1);
    assert.ok((await readFile(guessed.result.cover!.path)).equals(await readFile(named.result.cover!.path)), 'the cover names "Various", as one made for editors: [Various]');
  });

  test('anthology.yaml picks a template from the project’s covers/, a photo and colors; cover: false turns it off', async () => {
    const project = join(scratch, 'project');
    await cp(seeds, join(project, 'stories'), { recursive: true });
    await mkdir(join(project, 'covers'));
    const shipped = await readFile(join(repo, 'covers', 'photograph.svg'), 'utf8');
    await writeFile(join(project, 'covers', 'mine.svg'), shipped.replace(/<desc>[^<]*<\/desc>/, '<desc>Our own photo cover.</desc>'));
    await writeFile(join(project, 'photo.jpg'), await sharp({ create: { width: 900, height: 600, channels: 3, background: '#2a6f4f' } }).jpeg().toBuffer());
    const config = (cover: string) => `title: Green Shore\ninput: stories\ncover:\n${cover}\n`;
    await writeFile(join(project, 'anthology.yaml'), config('  template: mine\n  background: photo.jpg\n  series: Shore Tales\n  colors:\n    accent: "#ffcc00"'));

    const listed = await listCoverTemplates({ projectFolder: project });
    assert.deepEqual(listed.find((entry) => entry.name === 'mine'), { name: 'mine', description: 'Our own photo cover.', path: join(project, 'covers', 'mine.svg'), shipped: false });

    const result = await buildAnthology({ config: join(project, 'anthology.yaml'), out: join(project, 'out'), sourceDateEpoch: epoch });
    const jpeg = await readFile(result.cover!.path);
    // The photo is a flat green: the middle of the cover (no text there) shows it, darkened.
    const { channels } = await sharp(jpeg).extract({ left: 600, top: 500, width: 400, height: 300 }).stats();
    assert.ok(channels[1].mean > channels[0].mean + 20 && channels[1].mean > channels[2].mean, 'green photo behind');

    await writeFile(join(project, 'anthology.yaml'), config('  false').replace('cover:\n  false', 'cover: false'));
    await rm(join(project, 'out'), { recursive: true });
    const none = await buildAnthology({ config: join(project, 'anthology.yaml'), out: join(project, 'out'), sourceDateEpoch: epoch });
    assert.equal(none.cover, undefined);
    assert.deepEqual((await readdir(join(project, 'out'))).filter((name) => name.endsWith('.jpg')), []);
    assert.ok(!(await unzipEpub(await readFile(none.files[0].path))).names.includes('OEBPS/cover.xhtml'));
  });

  test('config errors name the file and the line of the key at fault: unknown template, bad color, unknown key; nothing is written', async () => {
    const project = join(scratch, 'bad');
    await cp(seeds, join(project, 'stories'), { recursive: true });
    const attempt = async (cover: string, pattern: RegExp, line: number) => {
      await writeFile(join(project, 'anthology.yaml'), `title: Bad\ninput: stories\ncover:\n${cover}\n`);
      await assert.rejects(buildAnthology({ config: join(project, 'anthology.yaml'), out: join(project, 'out'), sourceDateEpoch: epoch }), (error: unknown) => {
        assert.ok(error instanceof ConfigError, String(error));
        assert.match(error.message, pattern);
        assert.equal(error.place?.file, join(project, 'anthology.yaml'));
        assert.equal(error.place?.line, line);
        return true;
      });
    };
    await attempt('  template: glossy', /unknown cover template "glossy"; expected one of ornament, photograph, typographic, or a path to an \.svg file/, 3);
    await attempt('  colors:\n    accent: red', /"cover\.colors\.accent" must be a color like "#1f2a44"/, 5);
    await attempt('  colors:\n    muted: "#000000"', /unknown color "cover\.colors\.muted"/, 5);
    await attempt('  font: Inter', /unknown key "cover\.font"; expected one of template, background, colors, series/, 4);
    assert.ok(!existsSync(join(project, 'out')));
  });
});
