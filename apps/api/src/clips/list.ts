import type { ListClipsQuery } from '@jianbao/core';
import {
  type ClipFilters,
  type Database,
  getClips,
  listClips,
  type StoredClip,
  searchClips,
} from '@jianbao/db';
import { clipView } from '../http/views';

/** A list shows clips without their bodies: a page of 50 full clips is half a megabyte. */
function summaryView(stored: StoredClip) {
  const view = clipView(stored);
  const { text: _text, normalizedText: _normalized, html: _html, ...clip } = view.clip;
  return { ...view, clip };
}

type Query = Omit<ListClipsQuery, 'limit'> & { limit: number };

/** The filters of a `GET /clips` or `GET /export` query, as the database takes them. */
export function filtersOf(
  query: Pick<
    ListClipsQuery,
    | 'tag'
    | 'topic'
    | 'region'
    | 'institution'
    | 'sourceKind'
    | 'source'
    | 'publishedFrom'
    | 'publishedTo'
  >,
): ClipFilters {
  return {
    facets: {
      tag: query.tag,
      topic: query.topic,
      region: query.region,
      institution: query.institution,
      source: query.sourceKind,
      outlet: query.source,
    },
    publishedFrom: query.publishedFrom,
    publishedTo: query.publishedTo,
  };
}

/**
 * `GET /clips`: a filtered list, newest clipped first or (`sort=published`) newest published
 * first; with `q`, search hits in search's own order (`sort` is ignored), with snippets.
 */
export async function listOrSearch(db: Database, collectionIds: string[], query: Query) {
  const filters = filtersOf(query);
  if (!query.q) {
    const page = await listClips(db, {
      collectionIds,
      ...filters,
      sort: query.sort,
      limit: query.limit,
      cursor: query.cursor,
      withoutBody: true,
    });
    return { clips: page.clips.map(summaryView), nextCursor: page.nextCursor };
  }
  const result = await searchClips(db, {
    collectionIds,
    query: query.q,
    filters,
    limit: query.limit,
    cursor: query.cursor,
  });
  const stored = await getClips(
    db,
    result.hits.map((hit) => hit.id),
    { withoutBody: true },
  );
  const matches = new Map(result.hits.map((hit) => [hit.id, hit]));
  return {
    clips: stored.map((clip) => {
      const hit = matches.get(clip.id)!;
      return {
        ...summaryView(clip),
        match: {
          titleHit: hit.titleHit,
          ranked: hit.ranked,
          rank: hit.rank,
          snippet: hit.snippet,
          highlight: hit.highlight,
        },
      };
    }),
    nextCursor: result.nextCursor,
    order: result.order,
  };
}
