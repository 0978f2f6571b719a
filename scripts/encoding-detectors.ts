// Measures how often jschardet and chardet pick an encoding that decodes our samples to their text: `npx tsx scripts/encoding-detectors.ts`.
import iconv from 'iconv-lite';
import jschardet from 'jschardet';
import chardet from 'chardet';
import { legacyEncodings, story } from './encoding-samples.ts';

const decodesRight = (bytes: Buffer, name: string | null | undefined, text: string): boolean => {
  if (!name || !iconv.encodingExists(name)) return false;
  return iconv.decode(bytes, name) === text;
};

const detectors: Record<string, (bytes: Buffer) => string | null | undefined> = {
  jschardet: (bytes) => jschardet.detect(bytes).encoding,
  chardet: (bytes) => chardet.detect(bytes),
};

const score: Record<string, number> = { jschardet: 0, chardet: 0 };
let cases = 0;
for (const [language, encodings] of Object.entries(legacyEncodings)) {
  for (const encoding of encodings) {
    for (const paragraphs of [1, 3, 12]) {
      // Characters the encoding lacks (… and „ in ISO-8859-2) become `?`: the text to get back is the round trip.
      const bytes = iconv.encode(story(language, paragraphs), encoding);
      const text = iconv.decode(bytes, encoding);
      cases++;
      const row = [`${language} ${encoding} ×${paragraphs}`.padEnd(24)];
      for (const [name, detect] of Object.entries(detectors)) {
        const guess = detect(bytes);
        const right = decodesRight(bytes, guess, text);
        if (right) score[name]++;
        row.push(`${name}: ${String(guess).padEnd(14)} ${right ? 'ok' : 'WRONG'}`);
      }
      console.log(row.join('  '));
    }
  }
}
for (const [name, right] of Object.entries(score)) console.log(`${name}: ${right} of ${cases} right`);
