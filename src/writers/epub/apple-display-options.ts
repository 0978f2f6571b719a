// Apple Books' display options file: without it Apple Books ignores the fonts a book embeds.
import { x } from 'xastscript';
import { serializeXml, xmlDocument } from '../xml-document.ts';

/** Where Apple Books looks for it. EPUBCheck accepts extra files in `META-INF/`. */
export const appleDisplayOptionsPath = 'META-INF/com.apple.ibooks.display-options.xml';

/** `specified-fonts` on every platform (`*`): use the book's embedded fonts, not the reader's default. */
export const appleDisplayOptions = serializeXml(
  xmlDocument(x('display_options', [x('platform', { name: '*' }, [x('option', { name: 'specified-fonts' }, 'true')])])),
);
