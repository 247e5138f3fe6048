import type { Clip } from '../clip/schema';
import { countWords, excerptOf } from '../extract/finish';
import { detectScript, hashOfNormalized, normalizeText } from '../normalize';
import { classifyTaxonomy, detectSourceKind } from '../taxonomy';
import type { ParsedDraft } from './draft';

// The heavy half of ./clip-draft: completing a draft runs OpenCC (script, normalised text) and
// the taxonomy (region list, rules). Servers import it; clients that only send drafts need not.

/**
 * The full clip from a validated draft: derived fields computed from the text, so search and
 * duplicate detection never depend on what a client claims. HTML, when absent, is built from the
 * text's paragraphs; sanitising it is the server's job (core has no DOM sanitiser).
 */
export function completeClip(draft: ParsedDraft): Clip {
  const text = draft.text.replace(/\r\n?/g, '\n').trim();
  const script = draft.script ?? detectScript(`${draft.title}${text}`);
  const normalizedText = normalizeText(text);
  const normalizedTitle = script === 'Hant' ? normalizeText(draft.title) : draft.title;
  return {
    url: draft.url,
    canonicalUrl: draft.canonicalUrl,
    originalUrl: draft.originalUrl,
    siteName: draft.siteName,
    title: draft.title,
    subtitle: draft.subtitle,
    publishedAt: draft.publishedAt,
    originalPublishedAt: draft.originalPublishedAt,
    source: draft.source,
    authors: draft.authors,
    editors: draft.editors,
    newspaper: draft.newspaper,
    edition: draft.edition,
    column: draft.column,
    section: draft.section,
    breadcrumb: draft.breadcrumb,
    script,
    lang: draft.lang ?? (script === 'Hant' ? 'zh-Hant' : 'zh-Hans'),
    text,
    normalizedText,
    html: draft.html ?? paragraphsToHtml(text),
    excerpt: draft.excerpt ?? excerptOf(text),
    wordCount: countWords(text),
    sourceKind:
      draft.sourceKind ??
      detectSourceKind({
        url: draft.canonicalUrl ?? draft.url,
        siteName:
          draft.siteName ?? ([draft.source, ...draft.breadcrumb].filter(Boolean).join(' ') || null),
        title: draft.title,
        text,
        hints: { edition: draft.edition },
      }),
    taxonomy:
      draft.taxonomy ??
      classifyTaxonomy({ title: normalizedTitle, text: normalizedText }, undefined, {
        normalized: true,
      }),
    fingerprints: { textHash: text ? hashOfNormalized(normalizedText) : null },
    warnings: draft.warnings,
  };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function paragraphsToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.replace(/[&<>"]/g, (c) => ESCAPES[c]!).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}
