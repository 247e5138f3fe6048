// The two extractors under comparison, each run on its own fresh linkedom parse of the same HTML,
// reduced to the fields the evaluation scores.
import { pathToFileURL } from 'node:url';
import type { ExtractResult } from '@jianbao/core';
import { parsePage } from '@jianbao/core/page';
import { Readability } from '@mozilla/readability';
import { splitByline } from './score';

export type ExtractorName = 'ours' | 'readability';

/** What an extractor gave for one page, in the clip's terms. */
export interface Extraction {
  /** Why there is no article: a thrown error, or ours' not-article reason. */
  error: string | null;
  title: string | null;
  subtitle: string | null;
  publishedAt: string | null;
  source: string | null;
  authors: string[];
  editors: string[];
  text: string;
}

const EMPTY: Omit<Extraction, 'error'> = {
  title: null,
  subtitle: null,
  publishedAt: null,
  source: null,
  authors: [],
  editors: [],
  text: '',
};

/**
 * The URL a page is extracted under: its canonical link when it names an http(s) address (site
 * rules may key on the host, as a browser would give it), else the saved file's file:// URL.
 */
export function pageUrl(html: string, path: string): string {
  const m =
    /<link\b[^>]*\brel=["']?canonical["']?[^>]*\bhref=["']([^"']+)["']/i.exec(html) ??
    /<link\b[^>]*\bhref=["']([^"']+)["'][^>]*\brel=["']?canonical\b/i.exec(html);
  const href = m?.[1]?.trim();
  if (href && /^https?:\/\/[^/]/i.test(href)) return href;
  return pathToFileURL(path).href;
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Our extractor, or why `@jianbao/core` could not be loaded. */
export type OursExtract = (document: Document, url: string) => ExtractResult;

/**
 * Load `extractArticle` at run time. While core is being built, a module in it may fail to load;
 * this keeps the Readability column and the rest of the report running instead of dying on import.
 */
export async function loadOurs(): Promise<OursExtract | string> {
  try {
    const core = await import('@jianbao/core');
    // Each run gets its own fresh parse, as Readability does: ours may rewrite it too.
    return (document, url) => core.extractArticle(document, url, { mutate: true });
  } catch (e) {
    return `could not load @jianbao/core: ${errorMessage(e)}`;
  }
}

/** Our pipeline on a document (the caller parses it: the benchmark times parsing separately). */
export function runOursOn(ours: OursExtract | string, document: Document, url: string): Extraction {
  if (typeof ours === 'string') return { ...EMPTY, error: ours };
  try {
    const result = ours(document, url);
    if (result.kind !== 'article') return { ...EMPTY, error: `not-article: ${result.reason}` };
    const c = result.clip;
    return {
      error: null,
      title: c.title,
      subtitle: c.subtitle,
      publishedAt: c.publishedAt,
      source: c.source,
      authors: c.authors,
      editors: c.editors,
      text: c.text,
    };
  } catch (e) {
    return { ...EMPTY, error: errorMessage(e) };
  }
}

/**
 * Bare Readability (default options) on a document. It has no source, editor or subtitle fields:
 * `siteName` stands in for the source, the byline split into names for the authors.
 */
export function runReadabilityOn(document: Document): Extraction {
  try {
    const article = new Readability(document).parse();
    if (!article) return { ...EMPTY, error: 'readability returned null' };
    return {
      error: null,
      title: article.title ?? null,
      subtitle: null,
      publishedAt: article.publishedTime ?? null,
      source: article.siteName ?? null,
      authors: splitByline(article.byline),
      editors: [],
      text: article.textContent ?? '',
    };
  } catch (e) {
    return { ...EMPTY, error: errorMessage(e) };
  }
}

/** Run one extractor on a fresh parse of `html`. */
export function runExtractor(
  name: ExtractorName,
  ours: OursExtract | string,
  html: string,
  url: string,
): Extraction {
  const { document } = parsePage(html);
  return name === 'ours' ? runOursOn(ours, document, url) : runReadabilityOn(document);
}
