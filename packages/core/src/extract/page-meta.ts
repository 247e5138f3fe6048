import { isoFromMachineDate } from './dates';

/** What a page says about itself in <head>: meta tags (incl. Chinese government CMS ones), JSON-LD, links. */
export interface PageMeta {
  titleTag: string | null;
  metaTitle: string | null;
  siteName: string | null;
  canonicalUrl: string | null;
  publishedAt: string | null;
  author: string | null;
  source: string | null;
  column: string | null;
  description: string | null;
  keywords: string | null;
}

/** Every named meta tag's first non-empty content, keyed by lower-case name/property/itemprop. */
function metaTags(doc: Document): Map<string, string> {
  const tags = new Map<string, string>();
  for (const el of Array.from(doc.getElementsByTagName('meta'))) {
    const key = (
      el.getAttribute('name') ??
      el.getAttribute('property') ??
      el.getAttribute('itemprop') ??
      ''
    ).toLowerCase();
    const value = (el.getAttribute('content') ?? '').trim();
    if (key && value && !tags.has(key)) tags.set(key, value);
  }
  return tags;
}

function pick(tags: Map<string, string>, ...names: string[]): string | null {
  for (const name of names) {
    const v = tags.get(name.toLowerCase());
    if (v) return v;
  }
  return null;
}

function jsonLd(doc: Document): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const el of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      const data: unknown = JSON.parse(el.textContent ?? '');
      const items = Array.isArray(data) ? data : [data];
      for (const item of items) {
        if (item && typeof item === 'object') {
          const graph = (item as { '@graph'?: unknown })['@graph'];
          if (Array.isArray(graph)) out.push(...(graph as Record<string, unknown>[]));
          else out.push(item as Record<string, unknown>);
        }
      }
    } catch {
      // malformed JSON-LD is common; ignore it
    }
  }
  return out;
}

function resolveUrl(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function readPageMeta(doc: Document, url: string): PageMeta {
  const tags = metaTags(doc);
  const meta = (...names: string[]) => pick(tags, ...names);
  const ld = jsonLd(doc).find(
    (x) => typeof x.headline === 'string' || typeof x.datePublished === 'string',
  );
  const ldAuthor = ld?.author;
  const ldAuthorName = Array.isArray(ldAuthor)
    ? ldAuthor
        .map((a) => (a as { name?: string }).name)
        .filter(Boolean)
        .join('、')
    : ((ldAuthor as { name?: string } | undefined)?.name ??
      (typeof ldAuthor === 'string' ? ldAuthor : null));
  const rawDate =
    meta(
      'article:published_time',
      'PubDate',
      'publishdate',
      'publish_date',
      'pubdate',
      'og:release_date',
      'datePublished',
      'weibo:article:create_at',
      'firstpublishedtime',
      'Maketime',
    ) ?? (typeof ld?.datePublished === 'string' ? ld.datePublished : null);
  const canonical =
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta('og:url');
  return {
    titleTag: doc.querySelector('title')?.textContent?.trim() || null,
    metaTitle:
      meta('ArticleTitle', 'og:title', 'twitter:title') ??
      (typeof ld?.headline === 'string' ? ld.headline : null),
    siteName: meta('og:site_name', 'SiteName', 'application-name') ?? null,
    canonicalUrl: resolveUrl(canonical, url),
    publishedAt: rawDate ? isoFromMachineDate(rawDate) : null,
    author: meta('author', 'article:author', 'Author') ?? ldAuthorName ?? null,
    source: meta('ContentSource', 'source', 'og:article:source', 'Source'),
    column: meta('ColumnName', 'column', 'ColumnType'),
    description: meta('description', 'og:description', 'Description'),
    keywords: meta('keywords', 'Keywords'),
  };
}
