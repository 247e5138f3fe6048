import type { Clip, Script } from '../clip/schema';
import { classifyPair, type PairVerdict } from './compare';
import type { NearDupFingerprint } from './fingerprint';

/** A clip as grouping needs it: its fingerprint and what picks the canonical. */
export interface GroupMember {
  id: string;
  fingerprint: NearDupFingerprint;
  script?: Script | null;
  /** The normalised text's hash: equal hashes are duplicates whatever the fingerprints say. */
  textHash?: string | null;
  publishedAt: string | null;
  /** `metadataCompleteness` of the clip. */
  completeness: number;
  /** Order of arrival (clipped at, or position in a folder): the last tie-breaker. */
  order: number;
  /** When a user picked it as the canonical (ms); the latest pick in a group wins. */
  pickedAt?: number | null;
}

export interface DuplicatePair {
  a: string;
  b: string;
  verdict: PairVerdict;
}

export interface DuplicateGroup {
  /**
   * The clip kept: the one a user picked last, else the earliest published, then the most
   * complete, then the first.
   */
  canonical: string;
  /** Canonical first, then the others in the same order. */
  members: string[];
  /** The verified near-duplicate pairs that joined the group. */
  pairs: DuplicatePair[];
}

/** Metadata a researcher filters and cites by: more of it set makes a better canonical. */
export function metadataCompleteness(clip: Clip): number {
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

/**
 * Groups near-duplicates: the candidate pairs (those sharing an LSH band; found here from the
 * members' band keys when not given, as the database's band index finds them) are verified with
 * `classifyPair`, joined transitively, and each group of two or more gets its canonical.
 */
export function groupNearDuplicates(
  members: readonly GroupMember[],
  candidatePairs?: Iterable<readonly [string, string]>,
): DuplicateGroup[] {
  const byId = new Map(members.map((m) => [m.id, m]));
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const pairs: DuplicatePair[] = [];
  for (const [a, b] of candidatePairs ?? pairsSharingABand(members)) {
    const ma = byId.get(a);
    const mb = byId.get(b);
    if (!ma || !mb) continue;
    const verdict = classifyPair(ma.fingerprint, mb.fingerprint, { a: ma.script, b: mb.script });
    const sameText = Boolean(ma.textHash) && ma.textHash === mb.textHash;
    if (!sameText && verdict.kind !== 'near-duplicate') continue;
    pairs.push({ a, b, verdict });
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    parent.set(find(a), find(b));
  }
  const grouped = new Map<string, GroupMember[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    grouped.set(root, [...(grouped.get(root) ?? []), byId.get(id)!]);
  }
  const groups: DuplicateGroup[] = [];
  for (const list of grouped.values()) {
    const ranked = [...list].sort(
      (x, y) =>
        (y.pickedAt ?? 0) - (x.pickedAt ?? 0) ||
        compareDates(x.publishedAt, y.publishedAt) ||
        y.completeness - x.completeness ||
        x.order - y.order,
    );
    const ids = new Set(ranked.map((m) => m.id));
    groups.push({
      canonical: ranked[0]!.id,
      members: ranked.map((m) => m.id),
      pairs: pairs.filter((p) => ids.has(p.a)),
    });
  }
  return groups.sort((x, y) => y.members.length - x.members.length);
}

/** Pairs of members that share at least one band key, each once. */
function* pairsSharingABand(members: readonly GroupMember[]): Generator<[string, string]> {
  const byBand = new Map<string, string[]>();
  for (const member of members) {
    for (const band of member.fingerprint.bands) {
      const list = byBand.get(band);
      if (list) list.push(member.id);
      else byBand.set(band, [member.id]);
    }
  }
  const seen = new Set<string>();
  for (const ids of byBand.values()) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const [a, b] = ids[i]! < ids[j]! ? [ids[i]!, ids[j]!] : [ids[j]!, ids[i]!];
        const key = `${a}\u0000${b}`;
        if (seen.has(key)) continue;
        seen.add(key);
        yield [a, b];
      }
    }
  }
}

/** Earliest first; a clip without a date after any with one. */
function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  return a < b ? -1 : 1;
}
