// Keeps a PDF to its pinned fonts: their PostScript names against the PDF's /BaseFont names, their cmaps against the text.

/**
 * The PostScript names (name table, id 6) of the fonts in an OpenType/TrueType file or collection. Returns none
 * when the file cannot be read as a font; Typst would ignore such a file too.
 */
export function postscriptNames(bytes: Uint8Array): string[] {
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (tag(data, 0) === 'ttcf') {
      const count = data.getUint32(8);
      const names: string[] = [];
      for (let i = 0; i < count; i++) names.push(...fontName(data, data.getUint32(12 + 4 * i)));
      return names;
    }
    return fontName(data, 0);
  } catch {
    return [];
  }
}

function fontName(data: DataView, offset: number): string[] {
  const table = tableOffset(data, offset, 'name');
  return table === undefined ? [] : postscriptNameIn(data, table);
}

function tableOffset(data: DataView, font: number, name: string): number | undefined {
  const tables = data.getUint16(font + 4);
  for (let i = 0; i < tables; i++) {
    const record = font + 12 + 16 * i;
    if (tag(data, record) === name) return data.getUint32(record + 8);
  }
  return undefined;
}

/** The characters an OpenType/TrueType file has glyphs for, from its Unicode cmap (format 12, else format 4). */
export function coveredCharacters(bytes: Uint8Array): Set<number> {
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const covered = new Set<number>();
  try {
    const cmap = tableOffset(data, tag(data, 0) === 'ttcf' ? data.getUint32(12) : 0, 'cmap');
    if (cmap === undefined) return covered;
    const subtables = new Map<number, number>();
    for (let i = 0; i < data.getUint16(cmap + 2); i++) {
      const record = cmap + 4 + 8 * i;
      const offset = cmap + data.getUint32(record + 4);
      const platform = data.getUint16(record);
      const encoding = data.getUint16(record + 2);
      if (platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))) subtables.set(data.getUint16(offset), offset);
    }
    const format12 = subtables.get(12);
    const format4 = subtables.get(4);
    if (format12 !== undefined) {
      for (let group = 0; group < data.getUint32(format12 + 12); group++) {
        const at = format12 + 16 + 12 * group;
        for (let c = data.getUint32(at); c <= data.getUint32(at + 4); c++) covered.add(c);
      }
    } else if (format4 !== undefined) {
      const segments = data.getUint16(format4 + 6) / 2;
      const ends = format4 + 14;
      const starts = ends + 2 * segments + 2;
      const deltas = starts + 2 * segments;
      const rangeOffsets = deltas + 2 * segments;
      for (let i = 0; i < segments; i++) {
        const delta = data.getUint16(deltas + 2 * i);
        const rangeOffset = data.getUint16(rangeOffsets + 2 * i);
        for (let c = data.getUint16(starts + 2 * i); c <= data.getUint16(ends + 2 * i) && c !== 0xffff; c++) {
          const glyph = rangeOffset === 0 ? (c + delta) & 0xffff : data.getUint16(rangeOffsets + 2 * i + rangeOffset + 2 * (c - data.getUint16(starts + 2 * i)));
          if (glyph !== 0) covered.add(c);
        }
      }
    }
  } catch {
    // A font Typst cannot read either: it covers nothing.
  }
  return covered;
}

/** Characters of `text` no font covers, in order of first use. Controls, format characters, variation selectors and spaces (Typst sets those itself) need no glyph. */
export function uncoveredCharacters(text: string, covered: ReadonlySet<number>): string[] {
  const missing = new Set<string>();
  for (const character of text) {
    if (/[\p{Cc}\p{Cf}\p{Z}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/u.test(character)) continue;
    if (!covered.has(character.codePointAt(0)!)) missing.add(character);
  }
  return [...missing];
}

function postscriptNameIn(data: DataView, table: number): string[] {
  const count = data.getUint16(table + 2);
  const strings = table + data.getUint16(table + 4);
  const names = new Set<string>();
  for (let i = 0; i < count; i++) {
    const record = table + 6 + 12 * i;
    const platform = data.getUint16(record);
    const nameId = data.getUint16(record + 6);
    if (nameId !== 6) continue;
    const length = data.getUint16(record + 8);
    const start = strings + data.getUint16(record + 10);
    const utf16 = platform === 0 || platform === 3;
    let name = '';
    for (let at = start; at < start + length; at += utf16 ? 2 : 1) {
      name += String.fromCharCode(utf16 ? data.getUint16(at) : data.getUint8(at));
    }
    if (name) names.add(name);
  }
  return [...names];
}

function tag(data: DataView, offset: number): string {
  return String.fromCharCode(data.getUint8(offset), data.getUint8(offset + 1), data.getUint8(offset + 2), data.getUint8(offset + 3));
}

/**
 * Font names a PDF declares that are not among `allowed`. Reads the uncompressed `/BaseFont` entries Typst writes,
 * without the six-letter subset tag (`ABCDEF+`) and the CID suffix (`-Identity-H`).
 */
export function foreignFonts(pdf: Uint8Array, allowed: ReadonlySet<string>): string[] {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const found = new Set<string>();
  for (const match of text.matchAll(/\/BaseFont\s*\/([^\s/<>[\]()]+)/g)) {
    const name = match[1].replace(/^[A-Z]{6}\+/, '').replace(/-Identity-[HV]$/, '');
    if (!allowed.has(name)) found.add(name);
  }
  return [...found].sort();
}
