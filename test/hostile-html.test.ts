// Hostile input: whatever an HTML page or EPUB holds, the book has no script, handler, remote resource or escape from its folders.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { Image, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { buildAnthology, type BuildResult } from '../src/build.ts';
import type { Story } from '../src/story.ts';
import { epubcheck, epubcheckMissing } from './helpers/epubcheck.ts';
import { toolAvailable } from './helpers/external-tools.ts';
import { makeEpub } from './helpers/make-epub.ts';
import { unzipEpub } from './helpers/unzip.ts';

const fixtures = new URL('./fixtures/html/', import.meta.url).pathname;
const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Elements that run code, embed or load something, or submit somewhere. */
const forbiddenElements = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button', 'textarea', 'select',
  'svg', 'math', 'video', 'audio', 'source', 'picture', 'base', 'noscript', 'template', 'style', 'canvas', 'portal',
]);
const urlAttributes = /^(?:href|src|srcset|poster|data|action|formaction|xlinkhref|background|cite|longdesc|ping)$/i;
const loadsSomething = /url\s*\(|@import|expression\s*\(|behavior\s*:/i;

async function listTree(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true });
  return entries.map((entry) => String(entry)).sort();
}

function images(story: Story): Image[] {
  const found: Image[] = [];
  visit(story.tree as Root, 'image', (node: Image) => void found.push(node));
  return found;
}

describe('a hostile HTML page and a hostile EPUB, built into one book', () => {
  let directory: string;
  let input: string;
  let before_: string[];
  let result: BuildResult;
  let files: Map<string, string>;
  let names: string[];

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ficbind-hostile-'));
    input = join(directory, 'in');
    await mkdir(join(input, 'images'), { recursive: true });
    await copyFile(fixtures + 'hostile.html', join(input, 'a-hostile.html'));
    await copyFile(fixtures + 'images/lamp.png', join(input, 'images/lamp.png'));
    await copyFile(fixtures + 'images/fake.png', join(input, 'images/fake.png'));
    // A real picture outside the input folder, reached by `../` and by a symbolic link: neither may be read.
    await writeFile(join(directory, 'outside.png'), gif);
    await symlink(join(directory, 'outside.png'), join(input, 'images/escape.png'));
    await writeFile(
      join(input, 'b-hostile.epub'),
      await makeEpub({
        metadata: '<dc:title>Tide &lt;script&gt;alert(1)&lt;/script&gt;</dc:title><dc:creator opf:role="aut">Kelp</dc:creator><dc:description>&lt;p onclick="x()"&gt;A summary&lt;script&gt;alert(2)&lt;/script&gt;&lt;/p&gt;</dc:description>',
        documents: [
          ['one.xhtml', '<h1>Tide</h1><p onclick="alert(3)">The tide <a href="javascript:alert(4)">came</a> in.<script>alert(5)</script></p><p><img src="../../../outside.png" alt="out of the zip"/><img src="images/ok.gif" alt="inside"/><img src="images/fake.png" alt="fake inside"/><img src="https://evil.example/x.png" alt="remote"/></p><iframe src="https://evil.example/"></iframe>'],
        ],
        extra: { '../../evil.txt': 'written outside?', 'OEBPS/images/ok.gif': gif, 'OEBPS/images/fake.png': 'not a picture' },
      }),
    );
    before_ = await listTree(directory);
    result = await buildAnthology({ input, out: join(directory, 'out'), title: 'Hostile', sourceDateEpoch: 0 });
    const book = await unzipEpub(await readFile(result.files[0].path));
    names = book.names;
    files = new Map();
    for (const name of names.filter((entry) => !entry.endsWith('/'))) files.set(name, await book.text(name));
  });

  after(() => rm(directory, { recursive: true, force: true }));

  test('EPUBCheck passes the book', async (t) => {
    if (!toolAvailable(t, await epubcheckMissing())) return;
    const report = await epubcheck(result.files[0].path);
    assert.deepEqual(report.messages, []);
    assert.equal(report.errors, 0);
  });

  test('no file of the book has a script, handler, frame, plug-in, form, or anything that loads a resource', () => {
    let elements = 0;
    for (const [name, text] of files) {
      if (name.endsWith('.css')) {
        // The book's own stylesheet may load the book's own files (embedded fonts); never anything else.
        assert.doesNotMatch(text, /@import|expression\s*\(|behavior\s*:/i, name);
        for (const [, target] of text.matchAll(/url\(\s*['"]?([^'")]*)/gi)) {
          assert.ok(names.includes(posix.join(posix.dirname(name), target)), `${name} loads ${target}, which is not in the book`);
        }
        continue;
      }
      if (!/\.(?:xhtml|opf|ncx)$/.test(name)) continue;
      visit(fromHtml(text), 'element', (element: Element) => {
        elements++;
        const where = `${name}: <${element.tagName}>`;
        // ficbind's own cover page wraps the cover picture in an SVG (a title and an <image> of the book's JPEG, checked below).
        const ownCoverSvg = name === 'OEBPS/cover.xhtml' && element.tagName === 'svg';
        assert.ok(!forbiddenElements.has(element.tagName) || ownCoverSvg, where);
        if (element.tagName === 'image') assert.equal(element.properties.xLinkHref ?? element.properties.href, 'images/cover.jpg', where);
        if (element.tagName === 'meta') assert.equal(element.properties.httpEquiv, undefined, where);
        if (element.tagName === 'link') assert.deepEqual([element.properties.rel, element.properties.href], [['stylesheet'], 'style.css'], where);
        for (const [property, value] of Object.entries(element.properties)) {
          assert.doesNotMatch(property, /^on/i, `${where} ${property}`);
          if (property === 'style') assert.doesNotMatch(String(value), loadsSomething, where);
          if (!urlAttributes.test(property)) continue;
          const url = String(value).trim();
          assert.doesNotMatch(url, /^(?:javascript|vbscript|data|file):/i, `${where} ${property}`);
          if (!(element.tagName === 'a' && property === 'href')) assert.doesNotMatch(url, /^(?:[a-z][a-z\d+.-]*:|\/\/)/i, `${where} ${property} loads a remote resource`);
        }
      });
    }
    assert.ok(elements > 100, 'the files were parsed');
  });

  test('escaped markup in the text stays visible text', () => {
    const story = [...files.entries()].find(([name, text]) => name.endsWith('.xhtml') && text.includes('Her brother'))!;
    assert.match(toText(fromHtml(story[1])), /Her brother had left a note taped to the lamp: <script>alert\(“visible”\)<\/script> and nothing else\./);
    assert.match(story[1], /&lt;script&gt;alert\(“visible”\)&lt;\/script&gt;/);
    assert.equal(result.anthology.stories[1].meta.title, 'Tide <script>alert(1)</script>', 'a title is text, whatever it looks like');
  });

  test('only real pictures inside the input (or the EPUB) are kept; the rest are dropped with a warning', () => {
    const [page, epub] = result.anthology.stories;
    assert.deepEqual(images(page).map((image) => [image.alt, image.data?.asset?.mediaType]), [['the lamp', 'image/png']]);
    assert.deepEqual(images(epub).map((image) => [image.alt, image.data?.asset?.mediaType]), [['inside', 'image/gif']]);
    const kept = [...images(page), ...images(epub)].map((image) => `OEBPS/images/${image.data?.asset?.id}`);
    assert.deepEqual(names.filter((name) => /^OEBPS\/images\/img-/.test(name)), kept, 'the book holds those two pictures and no other');
    const warnings = [...page.file.messages, ...epub.file.messages].filter((message) => message.ruleId === 'html-image').map((message) => message.reason);
    for (const expected of [
      /“a remote picture”: `https:\/\/evil\.example\/remote\.png` is a remote image/,
      /“protocol relative”: `\/\/evil\.example\/protocol-relative\.png` is a remote image/,
      /“inline data”: images inlined as `data:` URLs are not embedded/,
      /“climbing out”: `\.\.\/outside\.png` points outside the story's folder/,
      /“a link leading out”: `images\/escape\.png` is a link to a file outside the story's folder/,
      /“absolute”: `\/etc\/passwd` is not a path relative to the story/,
      /“file scheme”: `file:\/\/\/etc\/passwd` is a file address/,
      /“not really a picture”: `images\/fake\.png` is not a JPEG, PNG or GIF image/,
      /“missing”: `images\/missing\.png` does not exist/,
      /“out of the zip”: `\.\.\/\.\.\/\.\.\/outside\.png` is not in the EPUB/,
      /“fake inside”: `OEBPS\/images\/fake\.png` is not a JPEG, PNG or GIF image/,
      /“remote”: `https:\/\/evil\.example\/x\.png` is a remote image/,
    ]) {
      assert.ok(warnings.some((warning) => expected.test(warning)), `${expected} in:\n${warnings.join('\n')}`);
    }
  });

  test('what was removed is reported at its place, so nothing vanishes silently', () => {
    const unsafe = result.anthology.stories[0].file.messages.filter((message) => message.ruleId === 'html-unsafe');
    const reasons = unsafe.map((message) => message.reason).join('\n');
    for (const what of ['`<script>`', 'event handler attributes', '`javascript:` or `data:` URLs', '`<iframe>`', '`<object>`', '`<form>`', '`<svg>`', 'styles that load resources']) {
      assert.ok(reasons.includes(what), `${what} in:\n${reasons}`);
    }
    assert.ok(unsafe.every((message) => message.line !== undefined && message.fatal === false));
  });

  test('nothing is written outside the output folder, whatever the EPUB’s entry names say', async () => {
    const after_ = await listTree(directory);
    const created = after_.filter((entry) => !before_.includes(entry));
    assert.ok(created.includes(join('out', 'hostile.epub')));
    assert.deepEqual(created.filter((entry) => entry !== 'out' && !entry.startsWith('out/')), [], 'everything new is in the output folder');
    assert.ok(!after_.some((entry) => entry.endsWith('evil.txt')));
    assert.ok(names.every((name) => !name.startsWith('/') && !name.split('/').includes('..')), names.join(', '));
    assert.equal(relative(join(directory, 'out'), result.files[0].path), 'hostile.epub');
  });
});
