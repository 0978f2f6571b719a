// Loads the writer's template files: the EJS templates epub-gen-memory renders, and the default theme's stylesheet.
import { readFile } from 'node:fs/promises';
import { OutputError } from '../../errors.ts';

export interface EpubTemplates {
  contentOPF: string;
  tocNCX: string;
  tocXHTML: string;
  chapterXHTML: string;
}

const templateFiles: Record<keyof EpubTemplates, URL> = {
  contentOPF: new URL('./templates/content.opf.ejs', import.meta.url),
  tocNCX: new URL('./templates/toc.ncx.ejs', import.meta.url),
  tocXHTML: new URL('./templates/nav.xhtml.ejs', import.meta.url),
  chapterXHTML: new URL('./templates/chapter.xhtml.ejs', import.meta.url),
};

/** The default theme's EPUB stylesheet (`templates/classic/epub.css`); it names EB Garamond, falling back to Georgia. */
export const defaultEpubStylesheetUrl = new URL('../../../templates/classic/epub.css', import.meta.url);

let loading: Promise<EpubTemplates> | undefined;

/** The EJS templates in `./templates/`, read once per process. */
export function loadTemplates(): Promise<EpubTemplates> {
  loading ??= readTemplates().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** The text of the default stylesheet, for callers with no stylesheet of their own. */
export function readDefaultEpubStylesheet(): Promise<string> {
  return readTemplateFile(defaultEpubStylesheetUrl);
}

async function readTemplates(): Promise<EpubTemplates> {
  const [contentOPF, tocNCX, tocXHTML, chapterXHTML] = await Promise.all(
    [templateFiles.contentOPF, templateFiles.tocNCX, templateFiles.tocXHTML, templateFiles.chapterXHTML].map(readTemplateFile),
  );
  return { contentOPF, tocNCX, tocXHTML, chapterXHTML };
}

async function readTemplateFile(url: URL): Promise<string> {
  try {
    return await readFile(url, 'utf8');
  } catch (error) {
    throw new OutputError(`Cannot read the EPUB writer's template ${url.pathname}; reinstall ficbind.`, undefined, { cause: error });
  }
}
