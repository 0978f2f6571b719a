// Apple Books' display options file: without it Apple Books ignores the fonts a book embeds.

/** Where Apple Books looks for it. EPUBCheck accepts extra files in `META-INF/`. */
export const appleDisplayOptionsPath = 'META-INF/com.apple.ibooks.display-options.xml';

/** `specified-fonts` on every platform (`*`): use the book's embedded fonts, not the reader's default. */
export const appleDisplayOptions = `<?xml version="1.0" encoding="UTF-8"?>
<display_options>
  <platform name="*">
    <option name="specified-fonts">true</option>
  </platform>
</display_options>
`;
