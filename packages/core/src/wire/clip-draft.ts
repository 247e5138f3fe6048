import { z } from 'zod';
import { type Clip, zClipDate, zScript, zSourceKind, zTaxonomy, zWarning } from '../clip/schema';
import { countWords, excerptOf } from '../extract/finish';
import { detectScript, hashOfNormalized, normalizeText } from '../normalize';
import { classifyTaxonomy, detectSourceKind } from '../taxonomy';

/**
 * Sizes a client may send. Generous for any article (the longest page in the eval corpora has
 * about 60k characters of body) and small enough that one request cannot exhaust a server.
 */
export const CLIP_LIMITS = {
  title: 500,
  shortField: 500,
  url: 4096,
  listItems: 50,
  text: 1_000_000,
  html: 3_000_000,
} as const;

const short = () => z.string().max(CLIP_LIMITS.shortField);
const nullableShort = () => short().nullable().default(null);
const url = () => z.string().max(CLIP_LIMITS.url).nullable().default(null);
const list = () => z.array(short()).max(CLIP_LIMITS.listItems).default([]);

/**
 * A clip as a client sends it: what extraction produced, perhaps edited by the user. The fields
 * the server derives from the text (normalised text, fingerprints, word count) are not taken
 * from the client; taxonomy, script, source kind and excerpt are computed when absent. Unknown
 * fields are refused, so a typo is an error rather than lost data.
 */
export const zClipDraft = z.strictObject({
  url: url(),
  canonicalUrl: url(),
  originalUrl: url(),
  siteName: nullableShort(),
  title: z.string().trim().min(1).max(CLIP_LIMITS.title),
  subtitle: nullableShort(),
  publishedAt: zClipDate.nullable().default(null),
  originalPublishedAt: zClipDate.nullable().default(null),
  source: nullableShort(),
  authors: list(),
  editors: list(),
  newspaper: nullableShort(),
  edition: nullableShort(),
  column: nullableShort(),
  section: nullableShort(),
  breadcrumb: list(),
  script: zScript.optional(),
  lang: z.string().max(35).optional(),
  text: z.string().max(CLIP_LIMITS.text),
  /** Ignored: recomputed from `text`. Accepted so a clip from extraction can be sent as it is. */
  normalizedText: z.string().max(CLIP_LIMITS.text).optional(),
  html: z.string().max(CLIP_LIMITS.html).optional(),
  excerpt: z.string().max(2000).optional(),
  /** Ignored: recomputed from `text`. */
  wordCount: z.number().int().nonnegative().optional(),
  sourceKind: zSourceKind.optional(),
  taxonomy: zTaxonomy.optional(),
  /** Ignored: recomputed from `text`. */
  fingerprints: z.object({ textHash: z.string().nullable() }).optional(),
  warnings: z.array(zWarning).max(CLIP_LIMITS.listItems).default([]),
});
export type ClipDraft = z.input<typeof zClipDraft>;
type ParsedDraft = z.output<typeof zClipDraft>;

/** Editable metadata of a stored clip: any subset of the draft's fields. */
export const zClipEdit = zClipDraft.partial();
export type ClipEdit = z.input<typeof zClipEdit>;

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

/** A stored clip back as a draft, so an edit can be merged into it and completed again. */
export function draftOf(clip: Clip): ParsedDraft {
  const { normalizedText: _n, wordCount: _w, fingerprints: _f, ...rest } = clip;
  return rest;
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
