// Cover templates: every shipped one renders a store-ready JPEG; titles fit their boxes; templates cannot reach outside.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import {
  renderCover,
  loadCoverTemplate,
  listCoverTemplates,
  defaultCoverFonts,
  fitText,
  setText,
  escapeMarkup,
  maxCoverBytes,
  type RenderedCover,
  type TextStyle,
} from '../src/covers/index.ts';
import { parseCoverTemplate } from '../src/covers/template.ts';
import { readFace } from '../src/covers/fonts.ts';
import { InputError, OutputError } from '../src/errors.ts';

/** 110 characters, the length the issue asks every template to hold. */
const title110 = "The Lighthouse Keeper's Daughter and Other Stories of Storm, Salt and Longing from the Northern Coast of Maine";
/** 202 characters. */
const title200 =
  "Wherein the Lighthouse Keeper's Youngest Daughter Learns to Read the Weather, Mend the Great Lamp, Outwit the Harbormaster, and Finally Sail Beyond the Breakwater Toward Everything She Was Promised Once";
const text = (title: string) => ({ title, subtitle: 'Five stories of keepers, storms and the lamps that wait', author: 'Wren Calder and Ada Quill', series: 'Tidewater Tales, Book Two' });

/** A photo made here (no third-party pictures): sky, ground, and a red disk as the one striking thing in it. */
async function testPhoto(diskX: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="1000"><rect width="3000" height="1000" fill="#7d97b8"/><rect y="700" width="3000" height="300" fill="#4a5d3f"/><circle cx="${diskX}" cy="250" r="150" fill="#e01010"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

/** Every placed text lies inside its box, and every box inside the cover. */
function assertNoOverflow(cover: RenderedCover, label: string) {
  for (const placed of cover.texts) {
    const { box } = placed;
    assert.ok(placed.left >= box.left && placed.top >= box.top, `${label}: "${placed.text.slice(0, 30)}" starts inside its box`);
    assert.ok(placed.left + placed.width <= box.left + box.width, `${label}: "${placed.text.slice(0, 30)}" is no wider than its box`);
    assert.ok(placed.top + placed.height <= box.top + box.height, `${label}: "${placed.text.slice(0, 30)}" is no taller than its box`);
    assert.ok(box.left >= 0 && box.top >= 0 && box.left + box.width <= cover.width && box.top + box.height <= cover.height, `${label}: box inside the cover`);
  }
}

describe('shipped templates', async () => {
  const shipped = (await listCoverTemplates()).filter((entry) => entry.shipped);

  test('there are at least three, each described', () => {
    assert.ok(shipped.length >= 3, shipped.map((entry) => entry.name).join(', '));
    for (const entry of shipped) assert.ok(entry.description.length > 20, `${entry.name} has a description`);
    assert.ok(shipped.some((entry) => entry.name === 'typographic'));
  });

  for (const entry of shipped) {
    test(`${entry.name}: a 110-character title renders a 1600 × 2560 JPEG under 2 MB, every text inside its box`, async () => {
      const template = await loadCoverTemplate(entry.path);
      const warnings: string[] = [];
      const started = performance.now();
      const cover = await renderCover({ template, text: text(title110), onWarning: (message) => warnings.push(message) });
      const elapsed = performance.now() - started;
      const meta = await sharp(cover.jpeg).metadata();
      assert.equal(meta.format, 'jpeg');
      assert.equal(meta.width, 1600);
      assert.equal(meta.height, 2560);
      assert.ok(cover.jpeg.byteLength < maxCoverBytes, `${cover.jpeg.byteLength} bytes`);
      assert.deepEqual(warnings, []);
      assertNoOverflow(cover, entry.name);
      const titleText = cover.texts.find((placed) => placed.text === title110);
      assert.ok(titleText, 'the whole title is on the cover');
      assert.ok(titleText.size >= 80, `the title is set large enough to read in a thumbnail (${titleText.size} px)`);
      assert.ok(elapsed < 20_000, `rendered in ${Math.round(elapsed)} ms`);
    });

    test(`${entry.name}: a 200-character title still fits whole, and the same inputs give the same bytes`, async () => {
      const template = await loadCoverTemplate(entry.path);
      const first = await renderCover({ template, text: text(title200) });
      const second = await renderCover({ template: await loadCoverTemplate(entry.path), text: text(title200) });
      assertNoOverflow(first, entry.name);
      assert.ok(first.texts.some((placed) => placed.text === title200 && !placed.shortened));
      assert.ok(Buffer.from(first.jpeg).equals(Buffer.from(second.jpeg)), 'byte-identical');
    });
  }

  test('photograph: a wide photo is cropped to 1 : 1.6 around its striking part, wherever it is', async () => {
    const template = await loadCoverTemplate(shipped.find((entry) => entry.name === 'photograph')!.path);
    for (const diskX of [400, 2600]) {
      const cover = await renderCover({ template, text: { title: 'Red' }, background: { bytes: await testPhoto(diskX), name: 'test-photo.jpg' } });
      // The disk sits at a quarter of the photo's height; a centre crop would miss it at either end.
      const { data } = await sharp(cover.jpeg).extract({ left: 700, top: 560, width: 200, height: 160 }).raw().toBuffer({ resolveWithObject: true });
      let red = 0;
      let green = 0;
      for (let i = 0; i < data.length; i += 3) [red, green] = [red + data[i], green + data[i + 1]];
      assert.ok(red > green * 2, `disk at x=${diskX} is in the middle of the cover (r ${red}, g ${green})`);
    }
  });

  test('without a photo the photograph template draws its own background; a photo it cannot read is an input error', async () => {
    const template = await loadCoverTemplate(shipped.find((entry) => entry.name === 'photograph')!.path);
    const cover = await renderCover({ template, text: { title: 'Dusk' } });
    const stats = await sharp(cover.jpeg).stats();
    assert.ok(stats.channels[0].stdev > 10, 'not a flat fill');
    await assert.rejects(renderCover({ template, text: { title: 'Dusk' }, background: { bytes: new TextEncoder().encode('not a picture'), name: 'notes.txt' } }), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.equal(error.place?.file, 'notes.txt');
      return true;
    });
    await assert.rejects(renderCover({ template, text: { title: 'Dusk' }, background: '/no/such/photo.jpg' }), /cannot read background image: no such file/);
  });
});

// ---------------------------------------------------------------- templates refused

const minimal = (body = '', root = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 1600 2560" data-color-background="#112233" data-color-text="#ffffff" data-color-accent="#cc9900"${root}>
<desc>Test template.</desc>
<rect data-text="{{title}}" x="100" y="100" width="1400" height="800" data-size="200"/>
${body}
</svg>`;

const parse = (source: string) => parseCoverTemplate(source, '/project/covers/test.svg').template;

function refusal(source: string, pattern: RegExp, line?: number) {
  assert.throws(() => parse(source), (error: unknown) => {
    assert.ok(error instanceof InputError, `InputError, got ${String(error)}`);
    assert.match(error.message, pattern);
    assert.equal(error.place?.file, '/project/covers/test.svg');
    if (line !== undefined) assert.equal(error.place?.line, line);
    return true;
  });
}

describe('placeholders', () => {
  test('the documented ones are accepted, with boxes read in cover pixels', () => {
    const template = parse(
      minimal(`<rect fill="{{ color.accent }}" width="10" height="10"/>
<rect data-text="Book {{series}}, by {{author}}" x="100" y="2000" width="1400" height="200" data-size="60" data-font="text" data-style="italic" data-weight="600" data-align="left" data-valign="top" data-case="upper" data-tracking="0.1" data-color="{{color.accent}}"/>
<image href="{{background}}" width="1600" height="2560" data-brightness="0.7" data-tint="{{color.accent}}"/>
<style>.a { fill: {{color.text}}; }</style>`),
    );
    assert.equal(template.description, 'Test template.');
    assert.deepEqual(template.colors, { background: '#112233', text: '#ffffff', accent: '#cc9900' });
    assert.equal(template.boxes.length, 2);
    assert.deepEqual({ ...template.boxes[1], place: undefined }, {
      left: 100, top: 2000, width: 1400, height: 200, text: 'Book {{series}}, by {{author}}', font: 'text', weight: 600, italic: true,
      maxSize: 60, minSize: 24, align: 'left', valign: 'top', color: '{{color.accent}}', lineHeight: 1.1, tracking: 0.1, uppercase: true, place: undefined,
    });
    assert.equal(template.photoSlots.length, 1);
  });

  test('a viewBox at another scale maps boxes onto 1600 × 2560', () => {
    const source = minimal().replace('viewBox="0 0 1600 2560"', 'viewBox="0 0 800 1280"').replace('width="1400" height="800"', 'width="700" height="400"');
    const [box] = parse(source).boxes;
    assert.deepEqual([box.left, box.top, box.width, box.height, box.maxSize], [200, 200, 1400, 800, 400]);
  });

  test('an unknown placeholder is refused, naming the line and the known ones', () => {
    refusal(minimal('<rect fill="{{colour.text}}" width="1" height="1"/>'), /Unknown placeholder \{\{colour\.text\}\} in fill; expected one of \{\{title\}\}, \{\{subtitle\}\}, \{\{author\}\}, \{\{series\}\}, \{\{color\.background\}\}/, 4);
    refusal(minimal('<rect data-text="{{editor}}" x="0" y="0" width="10" height="10" data-size="10"/>'), /Unknown placeholder \{\{editor\}\}/);
  });

  test('malformed placeholders, text outside text boxes, colors inside them are refused', () => {
    refusal(minimal('<rect fill="{{color.text}" width="1" height="1"/>'), /Malformed placeholder/);
    refusal(minimal('<rect fill="{{}}" width="1" height="1"/>'), /Malformed placeholder/);
    refusal(minimal('<rect id="{{title}}" width="1" height="1"/>'), /text placeholders belong in a text box's data-text/);
    refusal(minimal('<rect data-text="{{color.text}}" x="0" y="0" width="10" height="10" data-size="10"/>'), /expected text placeholders/);
    refusal(minimal('<rect fill="url(#a) {{background}}" width="1" height="1"/>'), /\{\{background\}\}/);
    refusal(minimal('<style>.a { fill: {{title}}; }</style>'), /expected palette colors/);
  });

  test('text boxes: a title box is required, attributes are checked, transforms are refused', () => {
    refusal(minimal().replace('data-text="{{title}}"', 'data-text="{{author}}"'), /Expected a text box for the title/);
    refusal(minimal('<rect data-text="{{series}}" x="0" y="0" width="10" height="10" data-size="10" data-colour="#fff"/>'), /Unknown text box attribute data-colour/);
    refusal(minimal('<rect data-text="{{series}}" x="0" y="0" width="10" height="10"/>'), /data-size must be a number/);
    refusal(minimal('<rect data-text="{{series}}" x="0" y="0" width="10" height="10" data-size="10" data-align="justify"/>'), /data-align must be one of center, left, right/);
    refusal(minimal('<rect data-text="{{series}}" x="1000" y="0" width="1000" height="10" data-size="10"/>'), /lie inside the cover/);
    refusal(minimal('<g transform="scale(2)"><rect data-text="{{series}}" x="0" y="0" width="10" height="10" data-size="10"/></g>'), /transform around a text box/);
    refusal(minimal('<circle data-text="{{series}}" r="3"/>'), /expected text boxes to be <rect> elements/);
    refusal(minimal().replace('data-color-accent="#cc9900"', 'data-color-accent="gold"'), /data-color-accent must be a color/);
    refusal(minimal().replace('viewBox="0 0 1600 2560"', 'viewBox="0 0 1600 1600"'), /cover's proportions/);
  });

  test('a placeholder left unfilled at render time is an error naming the template', async () => {
    const template = parse(minimal('<rect fill="{{color.accent}}" width="1" height="1"/>').replace(' data-color-accent="#cc9900"', ''));
    await assert.rejects(renderCover({ template, text: { title: 'T' } }), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.match(error.message, /\{\{color\.accent\}\} is left unfilled: give the template a data-color-accent on its <svg>, or set cover\.colors\.accent/);
      assert.equal(error.place?.file, '/project/covers/test.svg');
      return true;
    });
    const filled = await renderCover({ template, text: { title: 'T' }, colors: { accent: '#123456' } });
    assert.equal((await sharp(filled.jpeg).metadata()).width, 1600);
    await assert.rejects(renderCover({ template, text: { title: 'T' }, colors: { accent: 'red' } }), /must be like #1f2a44/);
    await assert.rejects(renderCover({ template, text: { title: '  ' } }), /needs a title/);
  });
});

describe('references outside the template are refused', () => {
  const cases: [string, string, RegExp][] = [
    ['an http image', '<image href="http://example.com/x.png" width="1" height="1"/>', /Unexpected reference href=/],
    ['a file: URL', '<image xlink:href="file:///etc/passwd" width="1" height="1"/>', /Unexpected reference xlink:href=/],
    ['an absolute path', '<image href="/etc/hostname.png" width="1" height="1"/>', /Unexpected reference/],
    ['a parent folder', '<image href="../secret.png" width="1" height="1"/>', /Unexpected reference/],
    ['another SVG file', '<use href="other.svg#shape"/>', /Unexpected reference/],
    ['a data: URI that is not a bitmap', '<image href="data:image/svg+xml;base64,PHN2Zy8+" width="1" height="1"/>', /Unexpected reference/],
    ['CSS url() to a file', '<rect style="fill: url(pattern.svg#p)" width="1" height="1"/>', /Unexpected url\(pattern\.svg#p\)/],
    ['CSS url() to a URL', '<rect fill="url(\'https://example.com/p#x\')" width="1" height="1"/>', /Unexpected url\(https/],
    ['@import in a stylesheet', '<style>@import url(#x);</style>', /@import/],
    ['a script', '<script>alert(1)</script>', /Unexpected <script>/],
    ['an event handler', '<rect onload="alert(1)" width="1" height="1"/>', /event handler/],
    ['foreignObject', '<foreignObject width="10" height="10"><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>', /Unexpected <foreignObject>/],
    ['SVG text (system fonts)', '<text x="10" y="10">Hello</text>', /SVG text is drawn with system fonts/],
    ['an animation that swaps a reference', '<image href="#a" width="1" height="1"><set attributeName="href" to="http://example.com/x.png"/></image>', /Unexpected <set>/],
    ['XInclude', '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>', /Unexpected <xi:include>/],
  ];
  for (const [label, body, pattern] of cases) test(label, () => refusal(minimal(body), pattern, 4));

  test('entity declarations (XXE) and stylesheet instructions', () => {
    refusal(`<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n${minimal()}`, /entity declaration/, 2);
    refusal(`<?xml-stylesheet href="evil.css"?>\n${minimal()}`, /processing instruction/);
  });

  test('allowed: ids in the same file, inline bitmaps, and images in the template folder (read and inlined)', async () => {
    const pixel = (await sharp({ create: { width: 2, height: 2, channels: 3, background: '#ff0000' } }).png().toBuffer()).toString('base64');
    parse(minimal(`<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="1" height="1"/><use href="#g"/><image href="data:image/png;base64,${pixel}" width="1" height="1"/>`));

    const folder = await mkdtemp(join(tmpdir(), 'ficbind-cover-'));
    try {
      await mkdir(join(folder, 'covers', 'textures'), { recursive: true });
      await writeFile(join(folder, 'covers', 'textures', 'grain.png'), Buffer.from(pixel, 'base64'));
      await writeFile(join(folder, 'secret.png'), Buffer.from(pixel, 'base64'));
      await writeFile(join(folder, 'covers', 'ok.svg'), minimal('<image href="textures/grain.png" width="100" height="100"/>'));
      const template = await loadCoverTemplate(join(folder, 'covers', 'ok.svg'));
      const image = JSON.stringify(template.svg);
      assert.match(image, /data:image\/png;base64,/);
      assert.doesNotMatch(image, /grain\.png/);

      // A link inside the folder that leads out of it is refused too.
      await symlink(join(folder, 'secret.png'), join(folder, 'covers', 'textures', 'link.png'));
      await writeFile(join(folder, 'covers', 'sneaky.svg'), minimal('<image href="textures/link.png" width="100" height="100"/>'));
      await assert.rejects(loadCoverTemplate(join(folder, 'covers', 'sneaky.svg')), /leads outside the template's folder/);
      await writeFile(join(folder, 'covers', 'notimage.svg'), minimal('<image href="textures/fake.png" width="100" height="100"/>'));
      await writeFile(join(folder, 'covers', 'textures', 'fake.png'), 'hello');
      await assert.rejects(loadCoverTemplate(join(folder, 'covers', 'notimage.svg')), /is not a PNG, JPEG or GIF image/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------- fonts

describe('fonts', () => {
  const template = () => parse(minimal());

  test('a missing font file is an error naming it, never a fallback', async () => {
    await assert.rejects(renderCover({ template: template(), text: { title: 'T' }, fonts: { display: { files: ['/no/such/font.ttf'] } } }), (error: unknown) => {
      assert.ok(error instanceof OutputError);
      assert.match(error.message, /Cannot read the cover font: no such file/);
      assert.equal(error.place?.file, '/no/such/font.ttf');
      return true;
    });
  });

  test('a file that is not a font, a role no font has, a style no font has: errors', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ficbind-font-'));
    try {
      await writeFile(join(folder, 'fake.ttf'), 'not a font at all');
      await assert.rejects(renderCover({ template: template(), text: { title: 'T' }, fonts: { display: { files: [join(folder, 'fake.ttf')] } } }), /Not a TrueType or OpenType font/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    const boxed = parse(minimal('<rect data-text="{{series}}" x="0" y="1000" width="100" height="100" data-size="10" data-font="caption"/>'));
    await assert.rejects(renderCover({ template: boxed, text: { title: 'T', series: 'S' } }), /Unexpected font role "caption" in data-font; expected one of display, text/);
    const uprightOnly = { display: { files: [defaultCoverFonts().display.files[0]] } };
    const italic = parse(minimal().replace('data-size="200"', 'data-size="200" data-style="italic"'));
    await assert.rejects(renderCover({ template: italic, text: { title: 'T' }, fonts: uprightOnly }), /no italic file for the display role/);
  });

  test('a theme without a display font sets titles in its text font; characters it lacks come from the fallback chain', async () => {
    const textOnly = { text: { files: defaultCoverFonts().text.files } };
    const warnings: string[] = [];
    const cover = await renderCover({ template: template(), text: { title: 'Tea 漢字' }, fonts: textOnly, onWarning: (message) => warnings.push(message) });
    assert.equal(cover.texts.length, 1);
    assert.deepEqual(warnings, []);
    await assert.rejects(renderCover({ template: template(), text: { title: 'Tea \uE000' }, fonts: textOnly }), /No font can draw U\+E000/);
  });
});

// ---------------------------------------------------------------- fitting text

describe('fitting text to a box (measured)', async () => {
  const face = await readFace(defaultCoverFonts().display.files[0]);
  const style: TextStyle = { face, color: '#000000', align: 'center', lineHeight: 1.05, tracking: 0, uppercase: false };
  const box = { width: 1200, height: 700, maxSize: 220, minSize: 40 };

  for (const [label, words] of [['short', 'Tides'], ['40 characters', 'Harbor Lights: Stories from the Lamp Room'], ['110 characters', title110], ['200 characters', title200]] as const) {
    test(`${label}: the largest size whose measured ink fits; one pixel larger overflows`, async () => {
      const set = await fitText(words, style, box);
      assert.ok(set.width <= box.width && set.height <= box.height, `${set.width} × ${set.height} fits ${box.width} × ${box.height}`);
      assert.equal(set.shortened, false);
      assert.equal(set.text, words);
      if (set.size < box.maxSize) {
        const larger = await setText(words, style, set.size + 1, box.width);
        assert.ok(larger.width > box.width || larger.height > box.height, `${set.size + 1} px would be ${larger.width} × ${larger.height}`);
      } else {
        assert.equal(set.size, box.maxSize);
      }
      // The rendered image is the text's ink: its alpha touches every edge.
      assert.equal(set.data.byteLength, set.width * set.height * 4);
    });
  }

  test('longer titles never come out larger', async () => {
    const sizes = [];
    for (const words of ['Tides', 'Harbor Lights: Stories from the Lamp Room', title110, title200]) sizes.push((await fitText(words, style, box)).size);
    assert.deepEqual([...sizes].sort((a, b) => b - a), sizes);
  });

  test('a word longer than the line breaks inside the word instead of overflowing', async () => {
    const set = await fitText('Supercalifragilisticexpialidocious'.repeat(3), style, { width: 500, height: 400, maxSize: 200, minSize: 30 });
    assert.ok(set.width <= 500 && set.height <= 400);
    assert.equal(set.shortened, false);
  });

  test('when even the smallest size overflows, the text is shortened at a word and ends in an ellipsis', async () => {
    const set = await fitText(title200, style, { width: 600, height: 120, maxSize: 80, minSize: 40 });
    assert.equal(set.shortened, true);
    assert.equal(set.size, 40);
    assert.ok(set.text.endsWith('…') && title200.startsWith(set.text.slice(0, -1)), set.text);
    assert.ok(set.width <= 600 && set.height <= 120);
    await assert.rejects(fitText('Title', style, { width: 5, height: 5, maxSize: 80, minSize: 40 }), /cannot hold even one word/);
  });

  test('markup in a title is printed, not obeyed', async () => {
    assert.equal(escapeMarkup('<b>Fish & "Chips"</b>'), '&lt;b&gt;Fish &amp; &quot;Chips&quot;&lt;/b&gt;');
    const hostile = await fitText('<span size="1">x</span> & <b>co</b>', style, box);
    const plain = await fitText('&lt;span size="1"&gt;x&lt;/span&gt; &amp; &lt;b&gt;co&lt;/b&gt;', style, box);
    assert.ok(hostile.width > 100, 'set at a normal size, tags and all');
    assert.ok(hostile.width < plain.width, 'the ampersand and angle brackets are single characters');
  });
});

