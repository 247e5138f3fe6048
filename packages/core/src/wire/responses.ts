import { z } from 'zod';
import { zClip, zNotArticleReason } from '../clip/schema';
import { zRole } from './requests';

// Response bodies of the API, shared with its clients.

/** Every error, whatever the route: a machine-readable code, a sentence, the field at fault. */
export const zApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Dotted path of the field at fault (`draft.title`, `items.3.id`), when one is. */
    field: z.string().optional(),
  }),
});
export type ApiError = z.infer<typeof zApiError>;

export const zUserView = z.object({ id: z.uuid(), email: z.string(), name: z.string() });

export const zTokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
});

/** Sign-up and sign-in: the token is shown this once; only its hash is stored. */
export const zSession = z.object({ user: zUserView, token: z.string(), tokenInfo: zTokenView });

export const zNewToken = z.object({ token: z.string(), tokenInfo: zTokenView });

export const zTeamView = z.object({ id: z.uuid(), name: z.string(), role: zRole });

export const zMemberView = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: zRole,
  joinedAt: z.iso.datetime({ offset: true }),
});

export const zInvitationView = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  role: zRole,
  /** Give this to the person invited; `POST /invitations/{code}/accept` joins. */
  code: z.string(),
  /** The same as a link: `GET` it to see the invitation, `POST …/accept` to join. */
  link: z.url(),
  expiresAt: z.iso.datetime({ offset: true }),
});

/** What an invitation's link shows before joining. */
export const zInvitationPreview = z.object({
  team: z.object({ id: z.uuid(), name: z.string() }),
  role: zRole,
  expiresAt: z.iso.datetime({ offset: true }),
  /** `open`, or why it can no longer be used. */
  status: z.enum(['open', 'used', 'expired']),
});

export const zCollectionView = z.object({
  id: z.uuid(),
  name: z.string(),
  /** Null for a personal collection. */
  teamId: z.uuid().nullable(),
  role: zRole,
  /** Bumped by every write to the collection: the sync cursor. */
  version: z.number().int(),
});

export const zClipView = z.object({
  id: z.uuid(),
  collectionId: z.uuid(),
  /** Send it back in If-Match to update; also the clip's ETag. */
  version: z.number().int(),
  createdBy: z.uuid(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  tags: z.array(z.string()),
  /** A user picked it as the canonical of its near-duplicate group. */
  canonicalPick: z.boolean(),
  clip: zClip,
});
export type ClipView = z.infer<typeof zClipView>;

export const zSearchMatch = z.object({
  titleHit: z.boolean(),
  /** False past the newest matches that are ranked: those follow newest first, rank 0. */
  ranked: z.boolean(),
  rank: z.number(),
  snippet: z.string(),
  highlight: z.object({ start: z.number().int(), end: z.number().int() }).nullable(),
});

/** The clip without its body (text, normalised text, HTML): what a list shows. */
export const zClipSummary = zClip.omit({ text: true, normalizedText: true, html: true });

export const zClipList = z.object({
  /** Summaries: read `GET /clips/{id}` for the body. */
  clips: z.array(zClipView.extend({ clip: zClipSummary, match: zSearchMatch.optional() })),
  nextCursor: z.string().nullable(),
  /**
   * With `q`: `relevance` when every match was ranked (title hits, then how often the text has
   * the query); `recency` for a query in hundreds of clips, listed newest first with title hits
   * first within each page.
   */
  order: z.enum(['relevance', 'recency']).optional(),
});

export const zChangesView = z.object({
  version: z.number().int(),
  clips: z.array(zClipView),
  tombstones: z.array(z.object({ id: z.uuid(), version: z.number().int() })),
});

export const zBatchItemResult = z.object({
  /** The item's id, or null when the item had none that could be read. */
  id: z.string().nullable(),
  status: z.enum(['created', 'unchanged', 'duplicate', 'conflict', 'invalid', 'not-article']),
  clip: zClipView.optional(),
  /** For `duplicate`: the clip that already holds this URL or text, and which of the two. */
  duplicateOf: z.object({ id: z.uuid(), match: z.enum(['url', 'text']) }).optional(),
  error: zApiError.shape.error.optional(),
  /** For `not-article`: why the page is not one. */
  reason: zNotArticleReason.optional(),
});

export const zBatchResult = z.object({
  /** The collection's version after the batch. */
  version: z.number().int(),
  results: z.array(zBatchItemResult),
});

export const zHealth = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  migrations: z.object({ applied: z.number().int(), latest: z.string() }),
});

/** A stored clip that matches: what it is, who clipped it when, and how it compares. */
export const zSimilarMatch = z.object({
  clipId: z.uuid(),
  collectionId: z.uuid(),
  title: z.string(),
  url: z.string().nullable(),
  publishedAt: z.string().nullable(),
  clippedBy: z.object({ id: z.uuid(), name: z.string() }),
  clippedAt: z.iso.datetime({ offset: true }),
  /**
   * 0–1. Near-duplicates: containment, how much of the shorter text the longer holds; similar
   * clips: TF-IDF cosine of character bigrams; 1 for the same URL or text.
   */
  score: z.number(),
  jaccard: z.number(),
  /** How the checked text differs from this clip's. */
  differs: z.array(z.enum(['longer', 'shorter', 'other-script'])),
});

export const zSimilarResult = z.object({
  /** The same page (URLs compared without scheme, www, tracking parameters, fragment). */
  sameUrl: z.array(zSimilarMatch),
  /** The same text, exactly (after normalisation). */
  sameText: z.array(zSimilarMatch),
  /** Another copy of the same article: reposted, cut, in the other script. */
  nearDuplicates: z.array(zSimilarMatch),
  /**
   * Related stories, not copies: sharing text, or on the same subject (a topic, institution or
   * city in common) and alike in content.
   */
  similar: z.array(zSimilarMatch),
});
export type SimilarResult = z.infer<typeof zSimilarResult>;

/** One value of a facet and how many clips have it. */
export const zFacetCount = z.object({
  /** What to filter by: the `GET /clips` parameter of the same name takes it as it is. */
  value: z.string(),
  /**
   * What to show: a topic's label, a region's name (广东省); for source kinds, institutions and
   * tags the value itself (the UI translates source kinds).
   */
  label: z.string(),
  count: z.number().int(),
});
export type FacetCount = z.infer<typeof zFacetCount>;

/**
 * `GET /collections/{id}/facets`: how the clips matching the filters divide. Each list is the
 * top 20 by count, then by value (code point order).
 */
export const zFacetCounts = z.object({
  /** Clips matching the filters. */
  total: z.number().int(),
  facets: z.object({
    sourceKind: z.array(zFacetCount),
    /** By outlet: the clip's source (来源), else its site name; the `source` filter's values. */
    source: z.array(zFacetCount),
    topic: z.array(zFacetCount),
    /**
     * GB/T 2260 divisions one level below the `region` filter: provinces (2 digits) without
     * one; with `region=44`, its cities (4 digits); with a city, its counties. A municipality's
     * districts (and a province's directly administered counties) are its next level too.
     */
    region: z.array(zFacetCount),
    institution: z.array(zFacetCount),
    tag: z.array(zFacetCount),
  }),
  /** The earliest and latest `publishedAt` among the matches, as written; null when none has one. */
  published: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
});
export type FacetCounts = z.infer<typeof zFacetCounts>;

/** A topic or province over time, for a chart. */
export const zOverviewSeries = z.object({
  value: z.string(),
  label: z.string(),
  /** Matching clips with this value, dated or not, in the window or before it. */
  total: z.number().int(),
  /** Per month of `months` (same positions): dated clips with this value published that month. */
  counts: z.array(z.number().int()),
});

/** `GET /collections/{id}/overview`: what the charts page draws, for the clips matching the filters. */
export const zOverview = z.object({
  /** Clips matching the filters. */
  total: z.number().int(),
  /**
   * `YYYY-MM` of `publishedAt` as written, ascending, every month from the first present to the
   * last (gaps filled with zeros), at most the last 120; empty when no clip has a date.
   */
  months: z.array(z.string()),
  /** Clips without `publishedAt` (left out of every series). */
  undated: z.number().int(),
  /** Per month of `months` (same positions): the matching clips published that month. */
  perMonth: z.array(z.number().int()),
  /** The 8 topics with the most clips. */
  byTopic: z.array(zOverviewSeries),
  /** The 8 provinces (2-digit GB/T 2260 codes) with the most clips. */
  byRegion: z.array(zOverviewSeries),
  /** The 10 commonest sources (the clip's `source`, else its `siteName`); label = value. */
  sources: z.array(zFacetCount),
  /** The 10 institutions named in the most clips; label = value. */
  institutions: z.array(zFacetCount),
});
export type Overview = z.infer<typeof zOverview>;
