import { z } from 'zod';

/** Where a clip came from, by the shape of the page (DESIGN.md, taxonomy). */
export const zSourceKind = z.enum([
  'epaper', // e-paper reader page (电子报)
  'pdf-newspaper', // text of a PDF newspaper page
  'government', // government or party portal
  'hospital', // hospital website
  'wechat', // WeChat article, or a repost of one
  'news', // news portal
  'university',
  'other',
]);
export type SourceKind = z.infer<typeof zSourceKind>;

export const zScript = z.enum(['Hans', 'Hant']);
export type Script = z.infer<typeof zScript>;

/**
 * ISO 8601 at the precision the page gives: a time with its offset (`2024-11-20T23:46:40+08:00`),
 * a day (`2023-08-09`), or only a month (`1998-03`, a magazine's issue).
 */
export const zClipDate = z
  .string()
  .regex(/^\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2}))?)?$/)
  .refine(isCalendarDate, { message: 'not a date on the calendar' });

/** 2023-02-30 or 24:61 has the shape of a date but is none. */
function isCalendarDate(value: string): boolean {
  const [, y, m, d, hh, mm, ss] =
    /^(\d{4})-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?)?/.exec(value) ?? [];
  const month = Number(m);
  if (month < 1 || month > 12) return false;
  if (d !== undefined) {
    const days = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
    if (Number(d) < 1 || Number(d) > days) return false;
  }
  if (hh !== undefined && (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59))
    return false;
  return true;
}

export const zEvidence = z.object({
  /** The term that matched, as written in the text. */
  term: z.string(),
  /** How many times it occurs. */
  count: z.number().int().nonnegative(),
});

export const zTopic = z.object({
  id: z.string(),
  label: z.string(),
  score: z.number(),
  evidence: z.array(zEvidence),
});

export const zInstitution = z.object({
  name: z.string(),
  kind: z.enum(['hospital', 'university', 'health-commission', 'government', 'party', 'other']),
  count: z.number().int().positive(),
});

export const zRegion = z.object({
  /** GB/T 2260 code (6 digits for county level, fewer for province/city). */
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'county']),
  /** Full path, province first: ['广东省', '东莞市']. */
  path: z.array(z.string()),
  count: z.number().int().positive(),
});

export const zPerson = z.object({
  name: z.string(),
  roles: z.array(z.string()),
  /** The organisation named with the role, where the text gives one. */
  organization: z.string().nullable(),
});

export const zTaxonomy = z.object({
  version: z.string(),
  topics: z.array(zTopic),
  institutions: z.array(zInstitution),
  regions: z.array(zRegion),
  people: z.array(zPerson),
});
export type Taxonomy = z.infer<typeof zTaxonomy>;

export const zFingerprints = z.object({
  /** Hash of the normalised text (simplified, NFKC, no whitespace or punctuation). */
  textHash: z.string().nullable(),
});

export const zWarning = z.object({ code: z.string(), message: z.string() });
export type Warning = z.infer<typeof zWarning>;

/** The clip as JSON: one shape on the wire, in exports and from the command line. */
export const zClip = z.object({
  url: z.string().nullable(),
  canonicalUrl: z.string().nullable(),
  originalUrl: z.string().nullable(),
  siteName: z.string().nullable(),
  title: z.string(),
  subtitle: z.string().nullable(),
  publishedAt: zClipDate.nullable(),
  originalPublishedAt: zClipDate.nullable(),
  source: z.string().nullable(),
  authors: z.array(z.string()),
  editors: z.array(z.string()),
  newspaper: z.string().nullable(),
  edition: z.string().nullable(),
  column: z.string().nullable(),
  section: z.string().nullable(),
  breadcrumb: z.array(z.string()),
  script: zScript,
  lang: z.string(),
  text: z.string(),
  /** traditional→simplified, NFKC: what fingerprints and search are computed on. */
  normalizedText: z.string(),
  html: z.string(),
  excerpt: z.string(),
  wordCount: z.number().int().nonnegative(),
  sourceKind: zSourceKind,
  taxonomy: zTaxonomy,
  fingerprints: zFingerprints,
  warnings: z.array(zWarning),
});
export type Clip = z.infer<typeof zClip>;

export const zNotArticleReason = z.enum([
  'empty', // no text at all
  'home-page',
  'list-page', // a list of links to articles
  'login-page',
  'too-short', // some text, but not enough to be an article
  'not-html', // binary or otherwise unreadable input
  'too-large', // more text than any article: a book, a dump, a generated page
]);
export type NotArticleReason = z.infer<typeof zNotArticleReason>;

export const zNotArticle = z.object({
  kind: z.literal('not-article'),
  reason: zNotArticleReason,
  message: z.string(),
});
export type NotArticle = z.infer<typeof zNotArticle>;

export type ExtractResult = { kind: 'article'; clip: Clip } | NotArticle;
/** Text mode may find several stories on one page (a PDF newspaper page). */
export type TextExtractResult = { kind: 'articles'; clips: Clip[] } | NotArticle;
