// Keeps a theme to itself: files read only inside its folder, ornament SVGs and stylesheets that load nothing, Typst with no packages.
import { constants, openSync, closeSync, fstatSync, readSync, realpathSync, statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { parse, walk, type CssNode } from 'css-tree';
import { ConfigError, lineAt } from '../errors.ts';
import { parseSvg, serializeSvg } from '../covers/svg-tree.ts';
import { checkTemplateTree } from '../covers/template-checks.ts';

/** The largest theme file read: fonts are the big ones, and none comes near it. */
export const maxThemeFileBytes = 32 * 1024 * 1024;

/**
 * Where `path` really is (symbolic links followed) when that is inside `folder`, else why not. The manifest checker
 * turns the reason into an error at the key's line.
 */
export function realFileInside(path: string, folder: string): { real: string } | { problem: string } {
  let real: string;
  let base: string;
  try {
    real = realpathSync(path);
    base = realpathSync(folder);
  } catch {
    return { problem: `an existing file (${path} is missing)` };
  }
  const inside = relative(base, real);
  if (inside === '' || inside.startsWith('..' + sep) || inside === '..' || inside.startsWith(sep)) {
    return { problem: `a file inside the theme (or font package) folder (it links to ${real})` };
  }
  if (!statSync(real).isFile()) return { problem: 'a regular file (not a FIFO, device or folder)' };
  return { real };
}

/**
 * A theme file's bytes: read through one descriptor that must be a regular file (not a FIFO, device or folder)
 * within the size limit, so nothing swapped in after the manifest was checked can block or flood the build.
 */
export function readThemeFileSync(path: string): Buffer {
  // Non-blocking, so opening a FIFO returns at once and is refused below instead of waiting for a writer.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new ConfigError('Unexpected special file in a theme (a FIFO, device or folder), expected a regular file', { file: path });
    if (stats.size > maxThemeFileBytes) throw new ConfigError(`Unexpected theme file of ${stats.size} bytes, expected at most ${maxThemeFileBytes}`, { file: path });
    const bytes = Buffer.alloc(stats.size);
    let read = 0;
    while (read < stats.size) {
      const count = readSync(fd, bytes, read, stats.size - read, read);
      if (count === 0) break;
      read += count;
    }
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * The ornament drawing as it goes into the book: checked like a cover template (no script, handler, foreign object,
 * entity, animation, or reference but `#id` and `data:image/…`), then written back from the tree, so comments and
 * processing instructions are gone.
 */
export function checkedOrnamentSvg(source: string, file: string): string {
  const tree = parseSvg(source, file);
  const references = checkTemplateTree(tree, file, () => false);
  const local = references[0];
  if (local) {
    throw new ConfigError(`Unexpected reference ${local.attribute}="${local.path}" in an ornament: it may point only at its own elements (#id) or data:image URIs`, { file, line: local.line });
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + serializeSvg(tree) + '\n';
}

/**
 * Refuses what would make a theme's stylesheet load anything from outside the book: `@import`, and `url()` with a
 * scheme (`https:`, `file:`, `javascript:`; `data:` only for images and fonts), an absolute path or a parent folder.
 */
export function checkThemeCss(css: string, file: string): void {
  const ast = parse(css, { positions: true });
  walk(ast, (node: CssNode) => {
    const line = node.loc?.start.line;
    if (node.type === 'Atrule' && node.name.toLowerCase() === 'import') {
      throw new ConfigError('Unexpected @import in a theme stylesheet, expected one self-contained stylesheet', { file, line });
    }
    if (node.type === 'Raw' && /url\s*\(|@import|image-set\s*\(/i.test(node.value)) {
      throw new ConfigError(`Unexpected unparseable ${node.value.trim().slice(0, 60)} in a theme stylesheet, expected url() naming a file of the theme`, { file, line });
    }
    if (node.type === 'Url' && !isLocalUrl(node.value)) {
      throw new ConfigError(`Unexpected url(${node.value.slice(0, 60)}) in a theme stylesheet, expected a file of the theme (images/ornament.svg) or a data:image URI`, { file, line });
    }
    if (node.type === 'Function' && /^(image-set|-webkit-image-set|image|src)$/i.test(node.name)) {
      walk(node, (inner: CssNode) => {
        if (inner.type === 'String' && !isLocalUrl(inner.value)) {
          throw new ConfigError(`Unexpected ${node.name}("${inner.value.slice(0, 60)}") in a theme stylesheet, expected a file of the theme`, { file, line });
        }
      });
    }
  });
}

function isLocalUrl(value: string): boolean {
  const url = value.trim();
  if (/^data:(image\/(png|jpeg|gif|svg\+xml)|font\/(ttf|otf|woff2?))[;,]/i.test(url)) return true;
  if (url === '' || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/') || url.startsWith('\\') || url.startsWith('//')) return false;
  return !url.split(/[\\/]/).includes('..');
}

/**
 * Refuses Typst package imports (`#import "@preview/…"`, `"@local/…"`) and imports of a computed name, which could
 * make the compiler download a package or read the user's package folders; the template reads only the book's data.
 */
export function checkTypstTemplate(source: string, file: string): void {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' ')).replace(/\/\/[^\n]*/g, '');
  for (const match of code.matchAll(/(?<![\w-])(import|include)\b(\s*)(\S?)/g)) {
    const [, keyword, , next] = match;
    const line = lineAt(source, match.index);
    if (next !== '"') {
      if (!code.slice(0, match.index).endsWith('#') && !/[{;(]\s*$/.test(code.slice(Math.max(0, match.index - 40), match.index))) continue;
      throw new ConfigError(`Unexpected ${keyword} of a computed name in the PDF template, expected a quoted file name inside the theme`, { file, line });
    }
    const target = code.slice(match.index + match[0].length).split('"')[0];
    if (target.startsWith('@')) {
      throw new ConfigError(`Unexpected Typst package ${keyword} "${target}" in the PDF template: ficbind runs Typst with no package registry, so the build never downloads; copy what you need into the theme`, { file, line });
    }
  }
}
