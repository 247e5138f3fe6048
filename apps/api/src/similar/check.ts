import {
  type Clip,
  classifyPair,
  fingerprintText,
  type GroupMember,
  groupNearDuplicates,
  metadataCompleteness,
  normalizeUrl,
  type PairVerdict,
  type SimilarResult,
} from '@jianbao/core';
import {
  bandPairsIn,
  type Database,
  type DuplicateCandidate,
  exactMatches,
  nearDuplicateCandidates,
} from '@jianbao/db';

type Match = SimilarResult['sameUrl'][number];

function matchOf(candidate: DuplicateCandidate, verdict?: PairVerdict): Match {
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
  const byScore = (x: Match, y: Match) => y.score - x.score;
  return {
    sameUrl: exact.sameUrl.map((c) => matchOf(c)),
    sameText: exact.sameText.map((c) => matchOf(c)),
    nearDuplicates: nearDuplicates.sort(byScore),
    similar: similar.sort(byScore),
  };
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
