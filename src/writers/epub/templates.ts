// Loads the writer's templates once per process: the EJS ones epub-gen-memory renders, and the structural stylesheet.
import { readFile } from 'node:fs/promises';
import { OutputError } from '../../errors.ts';

export interface EpubTemplates {
  contentOPF: string;
  tocNCX: string;
  tocXHTML: string;
  chapterXHTML: string;
  /** Rules the writer's markup needs in every theme; they go before the theme's stylesheet. */
  structureCss: string;
}

const templateFiles: Record<keyof EpubTemplates, URL> = {
  contentOPF: new URL('./templates/content.opf.ejs', import.meta.url),
  tocNCX: new URL('./templates/toc.ncx.ejs', import.meta.url),
  tocXHTML: new URL('./templates/nav.xhtml.ejs', import.meta.url),
  chapterXHTML: new URL('./templates/chapter.xhtml.ejs', import.meta.url),
  structureCss: new URL('./templates/structure.css', import.meta.url),
};

let loading: Promise<EpubTemplates> | undefined;

/** The EJS templates in `./templates/`, read once per process. */
export function loadTemplates(): Promise<EpubTemplates> {
  loading ??= readTemplates().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function readTemplates(): Promise<EpubTemplates> {
  const { contentOPF, tocNCX, tocXHTML, chapterXHTML, structureCss } = templateFiles;
  const [opf, ncx, nav, chapter, structure] = await Promise.all([contentOPF, tocNCX, tocXHTML, chapterXHTML, structureCss].map(readTemplateFile));
  return { contentOPF: opf, tocNCX: ncx, tocXHTML: nav, chapterXHTML: chapter, structureCss: structure };
}

async function readTemplateFile(url: URL): Promise<string> {
  try {
    return await readFile(url, 'utf8');
  } catch (error) {
    throw new OutputError(`Cannot read the EPUB writer's template ${url.pathname}; reinstall ficbind.`, undefined, { cause: error });
  }
}
