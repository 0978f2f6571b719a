// A user's theme is locked down like a cover template: real paths inside its folder, clean ornaments, stylesheets and templates that load nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAnthology } from '../src/build.ts';
import { FicbindError } from '../src/errors.ts';
import { bundledThemesFolder } from '../src/themes/index.ts';
import { checkThemeCss, checkTypstTemplate } from '../src/themes/theme-safety.ts';
import { unzipEpub } from './helpers/unzip.ts';

/** A one-story project whose theme `hostile` is the classic theme after `change`; builds it and returns the error or the EPUB's files. */
async function buildHostile(change: (folder: string) => Promise<void>, formats = ['epub']) {
  const project = await mkdtemp(join(tmpdir(), 'ficbind-hostile-theme-'));
  const folder = join(project, 'templates', 'hostile');
  await cp(join(bundledThemesFolder, 'classic'), folder, { recursive: true });
  const manifestPath = join(folder, 'theme.json');
  await writeFile(manifestPath, (await readFile(manifestPath, 'utf8')).replace('"name": "classic"', '"name": "hostile"'));
  await change(folder);
  await writeFile(join(project, 'story.txt'), '“Hello,” she said.\n');
  await writeFile(join(project, 'anthology.yaml'), 'title: Hostile\ntheme: hostile\ncover: false\n');
  try {
    const result = await buildAnthology({ input: project, out: join(project, 'out'), sourceDateEpoch: 0, formats });
    return { project, folder, book: await unzipEpub(await readFile(result.files[0].path)) };
  } catch (error) {
    return { project, folder, error: error as Error };
  } finally {
    await rm(project, { recursive: true, force: true });
  }
}

function assertRefused(outcome: { error?: Error; folder: string }, file: string, message: RegExp, line?: number) {
  assert.ok(outcome.error instanceof FicbindError, `refused with a FicbindError, got ${String(outcome.error)}`);
  assert.match(outcome.error.message, message);
  assert.equal(outcome.error.place?.file.endsWith(file), true, `names ${file}: ${outcome.error.place?.file}`);
  if (line !== undefined) assert.equal(outcome.error.place?.line, line);
}

test('a stylesheet or licence file linked outside the theme (/etc/passwd) is refused at the manifest line', async () => {
  const css = await buildHostile(async (folder) => {
    await unlink(join(folder, 'epub.css'));
    await symlink('/etc/passwd', join(folder, 'epub.css'));
  });
  assertRefused(css, 'theme.json', /inside the theme .*links to \/etc\/passwd/);
  const licence = await buildHostile(async (folder) => {
    const manifestPath = join(folder, 'theme.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    await symlink('/etc/passwd', join(folder, 'LICENCE.txt'));
    delete manifest.fonts.text.package;
    manifest.fonts.text['licence-file'] = 'LICENCE.txt';
    manifest.fonts.text.faces = { 400: 'images/ornament.svg' };
    await writeFile(manifestPath, JSON.stringify(manifest));
  });
  assert.ok(licence.error, 'refused');
  assert.doesNotMatch(licence.error.message, /root:/);
});

test('a FIFO as the stylesheet is refused, not waited on', async () => {
  const outcome = await buildHostile(async (folder) => {
    await unlink(join(folder, 'epub.css'));
    execFileSync('mkfifo', [join(folder, 'epub.css')]);
  });
  assertRefused(outcome, 'theme.json', /regular file/);
});

test('an ornament SVG with a script, a handler or a remote image is refused at its line', async () => {
  const svg = (inside: string, attributes = '') => `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"${attributes}>\n${inside}\n</svg>\n`;
  for (const [source, message] of [
    [svg('<script>alert(1)</script>'), /<script>/],
    [svg('<path d="M0 0"/>', ' onload="alert(1)"'), /event handler/],
    [svg('<image href="https://example.com/track.png"/>'), /reference/],
    [svg('<image xlink:href="../../../secret.png"/>'), /reference/],
  ] as const) {
    const outcome = await buildHostile(async (folder) => writeFile(join(folder, 'images', 'ornament.svg'), source));
    assertRefused(outcome, 'ornament.svg', message);
  }
});

test('a clean ornament reaches the book rewritten from its tree, without comments or processing instructions', async () => {
  const outcome = await buildHostile(async (folder) => {
    const path = join(folder, 'images', 'ornament.svg');
    await writeFile(path, (await readFile(path, 'utf8')).replace('<title>', '<!-- a comment --><?evil x?><title>'));
  });
  assert.equal(outcome.error, undefined, String(outcome.error));
  const svg = await outcome.book!.text('OEBPS/images/ornament.svg');
  assert.doesNotMatch(svg, /comment|evil/);
  assert.match(svg, /<path /);
});

test('theme CSS: @import, remote url(), remote @font-face and javascript: are refused at the line; local files pass', async () => {
  const refusal = (css: string) => {
    try {
      checkThemeCss(css, 'epub.css');
    } catch (error) {
      return `${(error as FicbindError).place?.line}: ${(error as Error).message}`;
    }
    return 'accepted';
  };
  assert.match(refusal('p { margin: 0 }\n@import url(https://example.com/x.css);'), /^2: Unexpected @import/);
  assert.match(refusal('p {}\n\n@font-face { font-family: X; src: url("https://example.com/x.woff") }'), /^3: Unexpected url\(https:/);
  assert.match(refusal('p { background: url(javascript:alert(1)) }'), /^1: Unexpected (unparseable )?url\(javascript:/);
  assert.match(refusal('p { background: url(/etc/passwd) }'), /^1: Unexpected url/);
  assert.match(refusal('p { background: url(../../x.png) }'), /^1: Unexpected url/);
  assert.match(refusal('p { background: image-set("https://e.com/a.png" 1x) }'), /^1: Unexpected image-set/);
  assert.equal(refusal('p { background: url(images/ornament.svg) } q { background: url("data:image/png;base64,AAAA") }'), 'accepted');
  const outcome = await buildHostile(async (folder) => writeFile(join(folder, 'epub.css'), 'p { margin: 0 }\n@import "https://example.com/a.css";\n'));
  assertRefused(outcome, 'epub.css', /@import/, 2);
});

test('a Typst template importing a package is refused before Typst runs, so nothing is downloaded', async () => {
  assert.throws(() => checkTypstTemplate('#set page(width: 6in)\n#import "@preview/cetz:0.2.2": *\n', 'book.typ'), (error: FicbindError) => error.place?.line === 2 && /no package registry/.test(error.message));
  assert.throws(() => checkTypstTemplate('#let p = "@pre" + "view/cetz:0.2.2"\n\n#import p: *\n', 'book.typ'), (error: FicbindError) => error.place?.line === 3 && /computed name/.test(error.message));
  assert.throws(() => checkTypstTemplate('#{\n  import "@local/mine:1.0.0"\n}', 'book.typ'), /no package registry/);
  assert.doesNotThrow(() => checkTypstTemplate('// #import "@preview/x:1.0.0"\nWe import tea.\n#let data = json("/book.json")\n', 'book.typ'));
  const started = performance.now();
  const outcome = await buildHostile(async (folder) => {
    const path = join(folder, 'book.typ');
    await writeFile(path, '#import "@preview/cetz:0.2.2": *\n' + (await readFile(path, 'utf8')));
  }, ['pdf']);
  assertRefused(outcome, 'book.typ', /no package registry/, 1);
  assert.ok(performance.now() - started < 20_000);
});
