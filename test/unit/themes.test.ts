// Themes: manifests checked with readable errors, bundled and project themes found, `ficbind themes` and `--theme`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, UsageError } from '../../src/errors.ts';
import { buildAnthology } from '../../src/build.ts';
import { bundledThemesFolder, listThemes, loadTheme, parseThemeManifest, UnknownTheme } from '../../src/themes/index.ts';
import { runCliIn } from '../helpers/cli-in-process.ts';
import { unzipEpub } from '../helpers/unzip.ts';

const repo = new URL('../..', import.meta.url).pathname;
const classicFolder = join(bundledThemesFolder, 'classic');
const classicManifest = JSON.parse(await readFile(join(classicFolder, 'theme.json'), 'utf8')) as Record<string, any>;

/** A copy of the classic theme in a fresh project folder, as `templates/<name>/`, with `change` applied to its manifest. */
async function projectWithTheme(name: string, change: (manifest: Record<string, any>) => void = () => {}): Promise<{ project: string; folder: string }> {
  const project = await mkdtemp(join(tmpdir(), 'ficbind-theme-'));
  const folder = join(project, 'templates', name);
  await cp(classicFolder, folder, { recursive: true });
  const manifest = structuredClone(classicManifest);
  manifest.name = name;
  change(manifest);
  await writeFile(join(folder, 'theme.json'), JSON.stringify(manifest, null, 2));
  return { project, folder };
}

/** The ConfigError `parseThemeManifest` throws for `source`, as `line: message`. */
function manifestError(source: string, path = join(classicFolder, 'theme.json')): string {
  try {
    parseThemeManifest(source, path);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `a ConfigError, got ${String(error)}`);
    assert.equal(error.place?.file, path);
    return `${error.place?.line}: ${error.message}`;
  }
  assert.fail('the manifest was accepted');
}

const withManifest = (change: (manifest: Record<string, any>) => void) => {
  const manifest = structuredClone(classicManifest);
  change(manifest);
  return JSON.stringify(manifest, null, 2);
};

test('bundled themes: classic, modern and plain, each manifest valid and complete', () => {
  const names = listThemes().map((theme) => theme.name);
  assert.deepEqual(names, ['classic', 'modern', 'plain']);
  const classic = loadTheme('classic');
  assert.equal(classic.fonts[0].family, 'EB Garamond');
  assert.equal(classic.ornament.glyph, '❧');
  assert.equal(classic.pageSize, '6x9');
  assert.match(classic.fonts[0].copyright, /^Copyright 2017 The EB Garamond Project Authors/);
  assert.deepEqual(loadTheme('modern').fonts.map((font) => [font.role, font.family]), [['text', 'Literata'], ['display', 'Inter']]);
  assert.equal(loadTheme('modern').dashStyle, 'spaced-en');
  assert.equal(loadTheme('plain').epub.embedFonts, false);
});

test('manifest errors name the file, the line, the key and what was expected', () => {
  assert.equal(manifestError('{ "name": "classic", '), '1: not valid JSON: Flow map must end with a }');
  assert.equal(manifestError(withManifest((m) => delete m.description)), '1: theme key "description" must be text, got nothing');
  assert.equal(manifestError(withManifest((m) => (m.colors.accent = 'red'))), '23: theme key "colors.accent" must be a colour as #rrggbb, got "red"');
  assert.equal(manifestError(withManifest((m) => (m.colours = {}))), '40: unknown theme key "colours"; did you mean "colors"?');
  assert.equal(manifestError(withManifest((m) => (m.fonts.text.famly = 'X'))), '18: unknown theme key "fonts.text.famly"; did you mean "family"?');
  assert.equal(manifestError(withManifest((m) => (m.credits = 'me'))), '40: unknown theme key "credits"; expected one of name, description, fonts, colors, ornament, dash-style, page-size, drop-cap, epub, pdf');
  assert.equal(manifestError(withManifest((m) => (m['page-size'] = 'letter'))), '31: theme key "page-size" must be one of 6x9, a5, ereader, got "letter"');
  assert.equal(manifestError(withManifest((m) => (m['dash-style'] = 'em'))), '30: theme key "dash-style" must be closed-em or spaced-en, got "em"');
  assert.equal(manifestError(withManifest((m) => (m['dash-style'] = 'spaced_en'))), '30: theme key "dash-style" must be closed-em or spaced-en, got "spaced_en"; did you mean "spaced-en"?');
  assert.match(manifestError(withManifest((m) => (m.epub.stylesheet = 'missing.css'))), /^34: theme key "epub.stylesheet" must be an existing file \(.*missing\.css is missing\), got "missing.css"$/);
  assert.equal(manifestError(withManifest((m) => (m.pdf.template = '../modern/book.typ'))), '38: theme key "pdf.template" must be a relative path inside the theme (or font package) folder, got "../modern/book.typ"');
  assert.equal(manifestError(withManifest((m) => (m.fonts.text.faces.regular = m.fonts.text.faces['400']))), '17: theme key "fonts.text.faces.regular" must be face names like 400, 400italic, 700, 700italic, got "regular"');
  assert.equal(manifestError(withManifest((m) => (m.fonts.text.package = '@expo-google-fonts/no-such-font'))), '7: theme key "fonts.text.package" must be an installed npm package (run npm install @expo-google-fonts/no-such-font), got "@expo-google-fonts/no-such-font"');
  assert.equal(manifestError(withManifest((m) => delete m.fonts.text)), '4: theme key "fonts" must be a "text" font, since epub.embed-fonts is true, got {}');
});

test('a YAML manifest works as well as JSON', async () => {
  const { project, folder } = await projectWithTheme('yaml-theme');
  await rm(join(folder, 'theme.json'));
  const yaml = ['name: yaml-theme', 'description: Written in YAML.', `fonts: ${JSON.stringify(classicManifest.fonts)}`, `colors: ${JSON.stringify(classicManifest.colors)}`, 'ornament: { glyph: "❧" }', 'epub: { stylesheet: epub.css }', 'pdf: { template: book.typ }'].join('\n');
  await writeFile(join(folder, 'theme.yaml'), yaml);
  const theme = loadTheme('yaml-theme', { projectFolders: [project] });
  assert.equal(theme.description, 'Written in YAML.');
  assert.equal(theme.dashStyle, 'closed-em');
  await rm(project, { recursive: true });
});

test('a project theme overrides the bundled one of the same name, and adds to the list', async () => {
  const { project } = await projectWithTheme('classic', (m) => (m.description = 'My own classic.'));
  const { folder: extra } = await projectWithTheme('zine');
  await cp(extra, join(project, 'templates', 'zine'), { recursive: true });
  const listed = listThemes({ projectFolders: [project] });
  assert.deepEqual(listed.map((theme) => [theme.name, theme.bundled]), [['classic', false], ['modern', true], ['plain', true], ['zine', false]]);
  assert.equal(loadTheme('classic', { projectFolders: [project] }).description, 'My own classic.');
  assert.equal(loadTheme('classic').description, classicManifest.description);
  await rm(project, { recursive: true });
});

test('a theme folder whose manifest names another theme is an error', async () => {
  const { project } = await projectWithTheme('mine', (m) => (m.name = 'classic'));
  assert.throws(() => loadTheme('mine', { projectFolders: [project] }), (error: Error) => error instanceof ConfigError && /theme key "name" must be the theme folder's name "mine", got "classic"/.test(error.message));
  await rm(project, { recursive: true });
});

test('an unknown theme lists the available ones', () => {
  assert.throws(() => loadTheme('gothic'), (error: Error) => error instanceof UnknownTheme && error.message === 'unknown theme "gothic"; available: classic, modern, plain');
});

test('build: --theme unknown is a usage error, theme: unknown in anthology.yaml a config error at its line', async () => {
  const project = await mkdtemp(join(tmpdir(), 'ficbind-theme-'));
  await writeFile(join(project, 'story.txt'), 'Once upon a time.\n');
  await writeFile(join(project, 'anthology.yaml'), 'title: T\ntheme: gothic\n');
  await assert.rejects(buildAnthology({ input: project, out: join(project, 'out'), theme: 'nope' }), (error: Error) => error instanceof UsageError && error.message === '--theme: unknown theme "nope"; available: classic, modern, plain');
  await assert.rejects(buildAnthology({ input: project, out: join(project, 'out') }), (error: Error) => error instanceof ConfigError && error.place?.line === 2 && /unknown theme "gothic"; available: classic, modern, plain/.test(error.message));
  await rm(project, { recursive: true });
});

/** Builds a one-story project whose own theme `name` is classic with `extraCss` appended to its stylesheet. */
async function buildWithProjectTheme(name: string, extraCss: string) {
  const { project, folder } = await projectWithTheme(name);
  const stylesheet = join(folder, 'epub.css');
  await writeFile(stylesheet, (await readFile(stylesheet, 'utf8')) + extraCss);
  await writeFile(join(project, 'story.txt'), '“Hello,” she said.\n');
  await writeFile(join(project, 'anthology.yaml'), `title: ${name}\ntheme: ${name}\n`);
  const warnings: string[] = [];
  const result = await buildAnthology({ input: project, out: join(project, 'out'), sourceDateEpoch: 0, onWarning: (warning) => warnings.push(warning) });
  return { project, stylesheet, result, warnings };
}

test('build picks up the project’s own theme from templates/ beside anthology.yaml', async () => {
  const { project, result } = await buildWithProjectTheme('mine', '\n/* mine */\n');
  const css = await (await unzipEpub(await readFile(result.files[0].path))).text('OEBPS/style.css');
  assert.match(css, /\/\* mine \*\//);
  await rm(project, { recursive: true });
});

test('a project theme whose stylesheet RMSDK would drop gets a warning naming the file and line', async () => {
  const { project, stylesheet, warnings } = await buildWithProjectTheme('risky', '\np { margin-left: calc(1em + 2px); }\n');
  const lines = (await readFile(stylesheet, 'utf8')).split('\n').length - 1;
  const rmsdk = warnings.filter((warning) => /rmsdk-function/.test(warning));
  assert.equal(rmsdk.length, 1, warnings.join('\n'));
  assert.match(rmsdk[0], new RegExp(`risky/epub\\.css:${lines}:\\d+: Unexpected .*calc`));
  await rm(project, { recursive: true });
});

const cli = (args: string[], cwd = repo) => runCliIn(cwd, args, {});

test('ficbind themes --json prints an array of { name, description }; a project’s themes are included', async () => {
  const bundled = await cli(['themes', '--json']);
  assert.equal(bundled.status, 0);
  const parsed = JSON.parse(bundled.out) as { name: string; description: string }[];
  assert.deepEqual(parsed.map((theme) => Object.keys(theme)), [['name', 'description'], ['name', 'description'], ['name', 'description']]);
  assert.deepEqual(parsed.map((theme) => theme.name), ['classic', 'modern', 'plain']);
  const { project } = await projectWithTheme('zine', (m) => (m.description = 'Photocopied.'));
  const text = await cli(['themes'], project);
  assert.match(text.out, /^zine {5}Photocopied\.  \(templates\/zine\)$/m);
  assert.match(text.out, /^classic {2}A printed book/m);
  await rm(project, { recursive: true });
});

test('ficbind build --theme nope exits 2 naming the themes there are', async () => {
  const result = await cli(['build', '--input', 'seeds', '--out', '/tmp/ficbind-never-written', '--theme', 'nope']);
  assert.equal(result.status, 2);
  assert.equal(result.out, 'ficbind: --theme: unknown theme "nope"; available: classic, modern, plain');
});

test('every book’s stylesheet starts with the structural rules, then the theme’s, so a theme can override them', async () => {
  const { project, result } = await buildWithProjectTheme('plainer', '\nimg { max-width: 50%; }\n');
  const css = await (await unzipEpub(await readFile(result.files[0].path))).text('OEBPS/style.css');
  const structural = css.indexOf('img {\n  max-width: 100%;');
  assert.ok(structural >= 0, 'the structural image rule is in the book');
  assert.ok(css.indexOf('img { max-width: 50%; }') > structural, 'the theme’s own rule comes after it');
  assert.match(css, /nav#landmarks \{\s*display: none;/);
  await rm(project, { recursive: true });
});
