import { z } from 'zod';
import { zClipDate, zScript, zSourceKind, zTaxonomy, zWarning } from '../clip/schema';

// The draft's schema (`@jianbao/core/draft`): zod only, so a client can check a draft as the
// server will without the extraction core. Completing a draft is in ./complete-clip.

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
/** A draft after validation (defaults filled in): what `completeClip` takes. */
export type ParsedDraft = z.output<typeof zClipDraft>;

/** Editable metadata of a stored clip: any subset of the draft's fields. */
export const zClipEdit = zClipDraft.partial();
export type ClipEdit = z.input<typeof zClipEdit>;
