import {
  type Clip,
  classifyPair,
  fingerprintText,
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

export interface DuplicateGroup {
  /** The clip kept by default: the earliest published, then the most complete, then the first clipped. */
  canonical: string;
  clips: (Match & { canonical: boolean })[];
}

/** Metadata fields a researcher filters and cites by: more of them set is a better canonical. */
function completeness(clip: Clip): number {
  return [
    clip.publishedAt,
    clip.source,
    clip.authors.length > 0,
    clip.newspaper,
    clip.edition,
    clip.originalUrl,
    clip.url,
    clip.subtitle,
  ].filter(Boolean).length;
}

/** The collection's near-duplicate groups, each with its canonical pick. */
export async function duplicateGroups(
  db: Database,
  collectionId: string,
): Promise<DuplicateGroup[]> {
  const { pairs, clips } = await bandPairsIn(db, collectionId);
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (const { a, b } of pairs) {
    const ca = clips.get(a);
    const cb = clips.get(b);
    if (!ca?.fingerprint || !cb?.fingerprint) continue;
    const same =
      ca.clip.data.fingerprints.textHash === cb.clip.data.fingerprints.textHash ||
      classifyPair(ca.fingerprint, cb.fingerprint).kind === 'near-duplicate';
    if (!same) continue;
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    parent.set(find(a), find(b));
  }
  const groups = new Map<string, DuplicateCandidate[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    groups.set(root, [...(groups.get(root) ?? []), clips.get(id)!]);
  }
  const result: DuplicateGroup[] = [];
  for (const members of groups.values()) {
    const ranked = [...members].sort(
      (x, y) =>
        compareDates(x.clip.data.publishedAt, y.clip.data.publishedAt) ||
        completeness(y.clip.data) - completeness(x.clip.data) ||
        x.clip.createdAt.getTime() - y.clip.createdAt.getTime(),
    );
    const canonical = ranked[0]!;
    result.push({
      canonical: canonical.clip.id,
      clips: ranked.map((member) => {
        const isCanonical = member === canonical;
        const verdict = isCanonical
          ? undefined
          : classifyPair(member.fingerprint!, canonical.fingerprint!, {
              a: member.clip.data.script,
              b: canonical.clip.data.script,
            });
        return { ...matchOf(member, verdict), canonical: isCanonical };
      }),
    });
  }
  return result.sort((x, y) => y.clips.length - x.clips.length);
}

/** Earliest first; a clip without a date after any with one. */
function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  return a < b ? -1 : 1;
}
