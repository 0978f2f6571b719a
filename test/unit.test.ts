// The unit tests (typography rules, readers, config, labels, themes, progress, send to a folder: no external programs or servers) in one
// test process. Each file alone paid about 2 s of start-up and module loading, most of its time; run one by itself
// with `node --import tsx --test test/unit/<name>.test.ts`.
import './unit/author-notes.test.ts';
import './unit/chapters.test.ts';
import './unit/config.test.ts';
import './unit/css-lint.test.ts';
import './unit/dashes.test.ts';
import './unit/decode.test.ts';
import './unit/ellipses.test.ts';
import './unit/epub-reader.test.ts';
import './unit/fuzz-scripts.test.ts';
import './unit/html-readers.test.ts';
import './unit/labels.test.ts';
import './unit/openings.test.ts';
import './unit/plain-text-reader.test.ts';
import './unit/primes.test.ts';
import './unit/progress.test.ts';
import './unit/punctuation-spacing.test.ts';
import './unit/quotes.test.ts';
import './unit/scene-breaks.test.ts';
import './unit/schema.test.ts';
import './unit/send.test.ts';
import './unit/signs.test.ts';
import './unit/story-metadata.test.ts';
import './unit/studio-config-edits.test.ts';
import './unit/themes.test.ts';
import './unit/whitespace.test.ts';
import './unit/word-count.test.ts';
import './unit/xhtml-body.test.ts';
import './unit/zip-archive.test.ts';
