import { z } from 'zod';
import { zClipDate, zSourceKind } from '../clip/schema';
import { CLIP_LIMITS, zClipDraft, zClipEdit } from './draft';

// Request bodies of the API, shared with its clients (extension, CLI, web pages).

export const zRole = z.enum(['owner', 'editor', 'viewer']);
export type Role = z.infer<typeof zRole>;

const name = () => z.string().trim().min(1).max(200);

export const zSignUp = z.strictObject({
  email: z.email().max(320),
  name: name(),
  /** At least 10 characters; long passphrases welcome (scrypt takes any length). */
  password: z.string().min(10).max(1024),
});
export type SignUp = z.infer<typeof zSignUp>;

export const zSignIn = z.strictObject({
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
  /** The name the returned token is listed under (`Chrome on laptop`). */
  tokenName: name().optional(),
});
export type SignIn = z.infer<typeof zSignIn>;

export const zCreateToken = z.strictObject({ name: name() });

export const zCreateTeam = z.strictObject({ name: name() });
export const zRename = z.strictObject({ name: name() });

export const zCreateInvitation = z.strictObject({
  role: zRole.exclude(['owner']).default('editor'),
  /** 1 hour to 30 days; a week by default. */
  expiresInHours: z.number().int().min(1).max(720).default(168),
});

export const zChangeRole = z.strictObject({ role: zRole });

export const zCreateCollection = z.strictObject({
  name: name(),
  /** The team that owns it; a personal collection when absent. */
  teamId: z.uuid().optional(),
});

const tagName = z.string().trim().min(1).max(64);
export const zTags = z.array(tagName).max(CLIP_LIMITS.listItems);

/** A page the server extracts itself (linkedom + core), for clients that only have HTML. */
export const zPageSource = z.strictObject({
  html: z.string().min(1).max(CLIP_LIMITS.html),
  url: z.url({ protocol: /^https?$/ }).max(CLIP_LIMITS.url),
});

/**
 * One clip to create, under the id the client made (UUIDv7), from a draft or from a page.
 * Sending the same again is a retry and creates nothing.
 */
export const zCreateClip = z
  .strictObject({
    id: z.uuid(),
    draft: zClipDraft.optional(),
    page: zPageSource.optional(),
    tags: zTags.default([]),
  })
  .superRefine((value, ctx) => {
    if ((value.draft === undefined) === (value.page === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['draft'],
        message: 'give exactly one of draft (an extracted clip) or page (html and url)',
      });
    }
  });
export type CreateClip = z.input<typeof zCreateClip>;

export const MAX_BATCH = 100;

/** An offline queue's flush: each item gets its own result. */
export const zCreateClipBatch = z.strictObject({
  items: z.array(z.unknown()).min(1).max(MAX_BATCH),
  /**
   * `skip`: an item whose URL or text the collection already holds (under another id), or an
   * earlier item of the batch holds, is not stored but answered `duplicate` with that clip's id
   * (an import's re-run). `store` (default): stored all the same (a clip is the user's call).
   */
  ifDuplicate: z.enum(['store', 'skip']).default('store'),
});
export type CreateClipBatch = { items: CreateClip[]; ifDuplicate?: 'store' | 'skip' };

export const zUpdateClip = z.strictObject({
  clip: zClipEdit.optional(),
  tags: zTags.optional(),
  /** true: keep this clip as its near-duplicate group's canonical; false: withdraw the pick. */
  canonical: z.boolean().optional(),
});
export type UpdateClip = z.input<typeof zUpdateClip>;

/** The orders of `GET /clips` without `q`. */
export const zClipSort = z.enum(['clipped', 'published']);
export type ClipSort = z.infer<typeof zClipSort>;

/** Query of `GET /clips`: every filter optional, all combined with AND. */
export const zListClipsQuery = z.strictObject({
  collection: z.uuid().optional(),
  tag: z.string().max(64).optional(),
  topic: z.string().max(64).optional(),
  region: z.string().max(12).optional(),
  institution: z.string().max(200).optional(),
  sourceKind: zSourceKind.optional(),
  /** The clip's source (来源) as written, else its site name: `人民日报`, `中国纪检监察报`. */
  source: z.string().max(200).optional(),
  publishedFrom: zClipDate.optional(),
  publishedTo: zClipDate.optional(),
  q: z.string().max(200).optional(),
  /**
   * `clipped` (default): newest clipped first. `published`: newest published first (dates
   * compared as written: a day-only date after that day's timed ones), clips without a date
   * last. Each order has its own cursors: one from the other order is a 400. Ignored with `q`:
   * a search orders its hits itself (relevance, or recency for a broad query).
   */
  sort: zClipSort.default('clipped'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListClipsQuery = z.input<typeof zListClipsQuery>;

/**
 * Query of `GET /collections/{id}/facets` and `GET /collections/{id}/overview`: the filters of
 * `GET /clips` (all optional, combined with AND; `q` is the same Chinese substring search).
 */
export const zCollectionStatsQuery = zListClipsQuery.pick({
  tag: true,
  topic: true,
  region: true,
  institution: true,
  sourceKind: true,
  source: true,
  publishedFrom: true,
  publishedTo: true,
  q: true,
});
export type CollectionStatsQuery = z.input<typeof zCollectionStatsQuery>;

/**
 * Query of `GET /collections/{id}/duplicates`: a window on the groups (largest first). Without
 * `limit`, every group from `offset` on.
 */
export const zDuplicatesQuery = z.strictObject({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
export type DuplicatesQuery = z.input<typeof zDuplicatesQuery>;

/** `POST /similar/check`: is this draft already in the collections the caller can read? */
export const zSimilarCheck = z.strictObject({
  draft: zClipDraft,
  /** Only this collection (the one the clip is about to go to); all readable ones when absent. */
  collection: z.uuid().optional(),
});
export type SimilarCheck = z.input<typeof zSimilarCheck>;
