// Loads the writer's EJS templates, the ones epub-gen-memory renders, once per process.
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
  const [contentOPF, tocNCX, tocXHTML, chapterXHTML] = await Promise.all(
    Object.values(templateFiles).map(readTemplateFile),
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
