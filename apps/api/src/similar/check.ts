import {
  bigramShare,
  type Clip,
  classifyPair,
  compareFingerprints,
  corpusIdf,
  fingerprintText,
  type GroupMember,
  groupNearDuplicates,
  metadataCompleteness,
  moreLikeThis,
  type NearDupFingerprint,
  normalizeText,
  normalizeUrl,
  type PairVerdict,
  type SimilarResult,
  tellingBigrams,
} from '@jianbao/core';
import {
  bandPairsIn,
  bigramFrequencies,
  contentNeighbours,
  type Database,
  exactMatches,
  nearDuplicateCandidates,
} from '@jianbao/db';

type Match = SimilarResult['sameUrl'][number];

/** A candidate as the duplicate lookups return it, named by its columns; a whole one is one too. */
type Candidate = Awaited<ReturnType<typeof nearDuplicateCandidates>>[number];

function matchOf(candidate: Candidate, verdict?: PairVerdict): Match {
  const { clip } = candidate;
  return {
    clipId: clip.id,
    collectionId: clip.collectionId,
    title: clip.data.title,
    url: clip.data.url,
    publishedAt: clip.data.publishedAt,
    clippedBy: candidate.clippedBy,
    clippedAt: clip.createdAt.toISOString(),
    score: verdict ? round(verdict.score) : 1,
    jaccard: verdict ? round(verdict.jaccard) : 1,
    differs: verdict?.differs ?? [],
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * What the collections already hold of this clip: the same URL, the same text, near-duplicates
 * (found through the band index, then verified on the MinHash) and similar clips.
 */
export async function similarTo(
  db: Database,
  clip: Clip,
  collectionIds: string[],
  excludeClipId?: string,
): Promise<SimilarResult> {
  const fingerprint = fingerprintText(clip.normalizedText, { normalized: true });
  const [exact, candidates] = await Promise.all([
    exactMatches(db, {
      collectionIds,
      normalizedUrl: normalizeUrl(clip.canonicalUrl ?? clip.url),
      textHash: clip.fingerprints.textHash,
      excludeClipId,
    }),
    nearDuplicateCandidates(db, { collectionIds, bands: fingerprint.bands, excludeClipId }),
  ]);
  const sameText = new Set(exact.sameText.map((c) => c.clip.id));
  const nearDuplicates: Match[] = [];
  const similar: Match[] = [];
  for (const candidate of candidates) {
    if (!candidate.fingerprint || sameText.has(candidate.clip.id)) continue;
    const verdict = classifyPair(fingerprint, candidate.fingerprint, {
      a: clip.script,
      b: candidate.clip.data.script,
    });
    if (verdict.kind === 'near-duplicate') nearDuplicates.push(matchOf(candidate, verdict));
    else if (verdict.kind === 'similar') similar.push(matchOf(candidate, verdict));
  }
  const taken = new Set([
    ...sameText,
    ...exact.sameUrl.map((c) => c.clip.id),
    ...nearDuplicates.map((m) => m.clipId),
    ...similar.map((m) => m.clipId),
  ]);
  similar.push(
    ...(await moreLikeThisIn(db, clip, fingerprint, collectionIds, taken, excludeClipId)),
  );
  const byScore = (x: Match, y: Match) => y.score - x.score;
  return {
    sameUrl: exact.sameUrl.map((c) => matchOf(c)),
    sameText: exact.sameText.map((c) => matchOf(c)),
    nearDuplicates: nearDuplicates.sort(byScore),
    similar: similar.sort(byScore).slice(0, SIMILAR_LIMIT),
  };
}

const SIMILAR_LIMIT = 10;
/**
 * TF-IDF cosine (corpus IDF) from which a clip counts as similar. Measured with the IDF of the
 * seed stories and the 69 cwced news pages: a seed story's second half against its first half
 * 0.11-0.37, against other hospitals' stories (same subject) up to 0.18, against the news pages
 * at most 0.085.
 */
const MIN_SIMILARITY = 0.1;
/** How many of the clip's telling bigrams the index is asked for. */
const TELLING_TERMS = 12;
/** How many clips holding them are read and ranked. */
const RANKED = 40;

/**
 * "More like this": clips anywhere in the collections holding many of the clip's telling bigrams
 * (weighed by the collections' IDF), found through the search index, then ranked by TF-IDF
 * cosine of character bigrams with the same IDF (core's moreLikeThis).
 */
async function moreLikeThisIn(
  db: Database,
  clip: Clip,
  fingerprint: NearDupFingerprint,
  collectionIds: string[],
  taken: Set<string>,
  excludeClipId?: string,
): Promise<Match[]> {
  const query = `${normalizeText(clip.title)}\n${clip.normalizedText}`;
  const frequencies = await bigramFrequencies(db, collectionIds);
  const idf = corpusIdf(frequencies);
  const terms = tellingBigrams(query, frequencies, TELLING_TERMS);
  const neighbours = await contentNeighbours(db, {
    collectionIds,
    terms,
    shares: terms.map((term) => bigramShare(frequencies, term)),
    excludeClipIds: excludeClipId ? [...taken, excludeClipId] : [...taken],
    limit: RANKED,
  });
  const hits = moreLikeThis(
    query,
    neighbours.map((n) => ({ id: n.clip.id, text: n.text })),
    { limit: SIMILAR_LIMIT, minScore: MIN_SIMILARITY, idf },
  );
  const byId = new Map(neighbours.map((n) => [n.clip.id, n]));
  return hits.map((hit) => {
    const neighbour = byId.get(hit.id)!;
    const overlap = neighbour.fingerprint
      ? compareFingerprints(fingerprint, neighbour.fingerprint)
      : { jaccard: 0 };
    return { ...matchOf(neighbour), score: round(hit.score), jaccard: round(overlap.jaccard) };
  });
}

export interface DuplicateGroupView {
  canonical: string;
  clips: (Match & { canonical: boolean })[];
}

/** The collection's near-duplicate groups (pairs from the band index), each with its canonical. */
export async function duplicateGroups(
  db: Database,
  collectionId: string,
): Promise<DuplicateGroupView[]> {
  const { pairs, clips } = await bandPairsIn(db, collectionId);
  const members: GroupMember[] = [];
  for (const candidate of clips.values()) {
    if (!candidate.fingerprint) continue;
    const { data, id, createdAt } = candidate.clip;
    members.push({
      id,
      fingerprint: candidate.fingerprint,
      script: data.script,
      textHash: data.fingerprints.textHash,
      publishedAt: data.publishedAt,
      completeness: metadataCompleteness(data),
      order: createdAt.getTime(),
      pickedAt: candidate.clip.canonicalPickedAt?.getTime() ?? null,
    });
  }
  const groups = groupNearDuplicates(
    members,
    pairs.map((p) => [p.a, p.b] as const),
  );
  return groups.map((group) => {
    const canonical = clips.get(group.canonical)!;
    return {
      canonical: group.canonical,
      clips: group.members.map((id) => {
        const member = clips.get(id)!;
        const isCanonical = id === group.canonical;
        const verdict = isCanonical
          ? undefined
          : classifyPair(member.fingerprint!, canonical.fingerprint!, {
              a: member.clip.data.script,
              b: canonical.clip.data.script,
            });
        return { ...matchOf(member, verdict), canonical: isCanonical };
      }),
    };
  });
}
