/**
 * "More like this" by content: character bigrams of the normalised texts weighted by TF-IDF,
 * compared by cosine. Bigrams, because Chinese has no spaces and two characters are the
 * commonest word length; IDF from the texts compared (the candidates and the query), so the
 * stock phrases every story in a topic shares (党建引领, 高质量发展) weigh little and what
 * is particular (a hospital's name, a place, a programme) weighs much.
 */

export interface MoreLikeThisCandidate {
  id: string;
  /** The candidate's normalised text (and title). */
  text: string;
}

export interface MoreLikeThisHit {
  id: string;
  /** Cosine of the TF-IDF vectors, 0–1. */
  score: number;
}

const HAN_OR_WORD = /[\p{Script=Han}\p{L}\p{N}]/u;

/** Bigram counts of the Han and letter/digit runs of a text (punctuation breaks a run). */
export function bigramCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  let previous = '';
  for (const ch of text) {
    if (!HAN_OR_WORD.test(ch)) {
      previous = '';
      continue;
    }
    if (previous) {
      const gram = previous + ch;
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
    previous = ch;
  }
  return counts;
}

/**
 * Ranks candidates by TF-IDF cosine to the query, best first; those under `minScore` are left
 * out. Sub-linear TF (1 + ln tf), smoothed IDF ln((1 + N) / (1 + df)) + 1 over query and
 * candidates.
 */
export function moreLikeThis(
  query: string,
  candidates: readonly MoreLikeThisCandidate[],
  options: { limit?: number; minScore?: number } = {},
): MoreLikeThisHit[] {
  const docs = [bigramCounts(query), ...candidates.map((c) => bigramCounts(c.text))];
  const df = new Map<string, number>();
  for (const doc of docs) for (const gram of doc.keys()) df.set(gram, (df.get(gram) ?? 0) + 1);
  const n = docs.length;
  const weigh = (doc: Map<string, number>) => {
    const vector = new Map<string, number>();
    let norm = 0;
    for (const [gram, tf] of doc) {
      const w = (1 + Math.log(tf)) * (Math.log((1 + n) / (1 + df.get(gram)!)) + 1);
      vector.set(gram, w);
      norm += w * w;
    }
    return { vector, norm: Math.sqrt(norm) };
  };
  const q = weigh(docs[0]!);
  if (q.norm === 0) return [];
  const hits: MoreLikeThisHit[] = [];
  candidates.forEach((candidate, i) => {
    const d = weigh(docs[i + 1]!);
    if (d.norm === 0) return;
    const [small, large] =
      q.vector.size <= d.vector.size ? [q.vector, d.vector] : [d.vector, q.vector];
    let dot = 0;
    for (const [gram, w] of small) {
      const other = large.get(gram);
      if (other !== undefined) dot += w * other;
    }
    const score = dot / (q.norm * d.norm);
    if (score >= (options.minScore ?? 0)) hits.push({ id: candidate.id, score });
  });
  hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return hits.slice(0, options.limit ?? 10);
}
