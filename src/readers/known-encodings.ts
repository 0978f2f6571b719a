// The text encodings ficbind can read, asked by the config's schema without loading the encoding detector.
import iconv from 'iconv-lite';

/** Whether `name` is an encoding ficbind can read (`encoding:` in anthology.yaml). */
export function isKnownEncoding(name: string): boolean {
  return iconv.encodingExists(name);
}
