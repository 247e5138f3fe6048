/**
 * "More like this" by content: character bigrams of the normalised texts weighted by TF-IDF,
 * compared by cosine. Bigrams, because Chinese has no spaces and two characters are the
 * commonest word length. The IDF is the corpus's when the caller has its document frequencies
 * (corpusIdf), so the stock phrases every story in a collection shares (党建引领, 高质量发展)
 * weigh little and what is particular (a hospital's name, a place, a programme) weighs much;
 * without them, it is taken from the texts compared.
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

/** A bigram's inverse document frequency. */
export type Idf = (bigram: string) => number;

/** Document frequencies of bigrams over `documents` texts (those missing are in at most one). */
export interface BigramFrequencies {
  documents: number;
  df: ReadonlyMap<string, number>;
}

const OTHER_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether a code point is Han, a letter or a digit: what a bigram is made of. */
function isGramChar(cp: number): boolean {
  if (cp < 0x80) {
    return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  }
  // The CJK blocks, extension A and the supplementary ideographic planes: no regex needed.
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || cp >= 0x20000) {
    return cp <= 0x3ffff;
  }
  return OTHER_LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
}

/**
 * Bigram counts of the Han and letter/digit runs of a text (punctuation breaks a run), keyed by
 * the two code points as one number: a number key is several times cheaper than a string's.
 */
function bigramKeys(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  let previous = -1;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (!isGramChar(cp)) {
      previous = -1;
      continue;
    }
    if (previous >= 0) {
      const key = previous * 0x110000 + cp;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    previous = cp;
  }
  return counts;
}

const gramOf = (key: number) =>
  String.fromCodePoint(Math.floor(key / 0x110000)) + String.fromCodePoint(key % 0x110000);

/** Bigram counts of the Han and letter/digit runs of a text (punctuation breaks a run). */
export function bigramCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [key, n] of bigramKeys(text)) counts.set(gramOf(key), n);
  return counts;
}

/** The share of the texts counted that hold a bigram (0 for one the frequencies do not list). */
export function bigramShare(frequencies: BigramFrequencies, gram: string): number {
  return (frequencies.df.get(gram) ?? 0) / Math.max(1, frequencies.documents);
}

/**
 * Smoothed IDF over a corpus, ln((1 + N) / (1 + df)) + 1: a bigram in every text weighs 1, one
 * in none ln(1 + N) + 1. A bigram the frequencies do not list counts as in one text.
 */
export function corpusIdf(frequencies: BigramFrequencies): Idf {
  const n = Math.max(1, frequencies.documents);
  return (gram) => Math.log((1 + n) / (1 + (frequencies.df.get(gram) ?? 1))) + 1;
}

/** A sparse TF-IDF vector: sub-linear TF (1 + ln tf) times the IDF, and its length. */
interface Vector {
  weights: Map<number, number>;
  norm: number;
}

function vectorOf(counts: Map<number, number>, idf: (key: number) => number): Vector {
  const weights = new Map<number, number>();
  let norm = 0;
  for (const [key, tf] of counts) {
    const w = (1 + Math.log(tf)) * idf(key);
    weights.set(key, w);
    norm += w * w;
  }
  return { weights, norm: Math.sqrt(norm) };
}

function cosine(q: Vector, d: Vector): number {
  if (q.norm === 0 || d.norm === 0) return 0;
  const [small, large] = q.weights.size <= d.weights.size ? [q, d] : [d, q];
  let dot = 0;
  for (const [key, w] of small.weights) {
    const other = large.weights.get(key);
    if (other !== undefined) dot += w * other;
  }
  return dot / (q.norm * d.norm);
}

/** An IDF by number key, each bigram's looked up once. */
function keyedIdf(idf: Idf): (key: number) => number {
  const known = new Map<number, number>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) {
      value = idf(gramOf(key));
      known.set(key, value);
    }
    return value;
  };
}

/**
 * Ranks candidates by TF-IDF cosine to the query, best first; those under `minScore` are left
 * out. With `idf` (corpusIdf of the collection's frequencies), each text is weighed on its own;
 * without, the IDF is ln((1 + N) / (1 + df)) + 1 over the query and the candidates.
 */
export function moreLikeThis(
  query: string,
  candidates: readonly MoreLikeThisCandidate[],
  options: { limit?: number; minScore?: number; idf?: Idf } = {},
): MoreLikeThisHit[] {
  const docs = [bigramKeys(query), ...candidates.map((c) => bigramKeys(c.text))];
  let idf: (key: number) => number;
  if (options.idf) {
    idf = keyedIdf(options.idf);
  } else {
    const df = new Map<number, number>();
    for (const doc of docs) for (const key of doc.keys()) df.set(key, (df.get(key) ?? 0) + 1);
    const n = docs.length;
    idf = (key) => Math.log((1 + n) / (1 + df.get(key)!)) + 1;
  }
  const q = vectorOf(docs[0]!, idf);
  if (q.norm === 0) return [];
  const hits: MoreLikeThisHit[] = [];
  candidates.forEach((candidate, i) => {
    const score = cosine(q, vectorOf(docs[i + 1]!, idf));
    if (score > 0 && score >= (options.minScore ?? 0)) hits.push({ id: candidate.id, score });
  });
  hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return hits.slice(0, options.limit ?? 10);
}

/** A bigram in more than this share of a corpus's texts is no search term (see tellingBigrams). */
const COMMON_SHARE = 0.05;
/** …in a corpus of at least this many texts: below, every list read is short. */
const COMMON_FROM = 1_000;
/** Fewer telling bigrams than this, and the least common of the common ones make up the rest. */
const MIN_TERMS = 4;

/**
 * The query's most telling Han bigrams, by weight (1 + ln tf) × IDF, best first: what a search
 * for texts like it asks the index for; on a tie, the earlier. A bigram overlapping one already
 * taken (信宜 after 宜市, in 信宜市) is skipped: it would count the same word twice. The rarest
 * bigrams tell most but may be in no other text: a bigram the frequencies do not list (in one
 * text at most, of those counted) is taken only while fewer than half the terms are such. A
 * bigram in more than COMMON_SHARE of the texts (of a corpus of COMMON_FROM texts or more) is
 * not taken while MIN_TERMS others can be: it tells little, and the index would read every
 * text holding it.
 */
export function tellingBigrams(
  query: string,
  frequencies: BigramFrequencies,
  count: number,
): string[] {
  const idf = corpusIdf(frequencies);
  const han = /^[\p{Script=Han}]{2}$/u;
  const ranked: { gram: string; weight: number; order: number }[] = [];
  let order = 0;
  for (const [gram, tf] of bigramCounts(query)) {
    order++;
    if (!han.test(gram)) continue;
    ranked.push({ gram, weight: (1 + Math.log(tf)) * idf(gram), order });
  }
  ranked.sort((a, b) => b.weight - a.weight || a.order - b.order);
  const unseenAllowed = Math.floor(count / 2);
  const common = (gram: string) =>
    frequencies.documents >= COMMON_FROM && bigramShare(frequencies, gram) > COMMON_SHARE;
  const taken: string[] = [];
  const chars = new Set<string>();
  /** Takes the bigram unless it overlaps one taken; whether it did. */
  const take = (gram: string) => {
    const [first, second] = [...gram];
    if (chars.has(first!) || chars.has(second!)) return false;
    taken.push(gram);
    chars.add(first!);
    chars.add(second!);
    return true;
  };
  let unseen = 0;
  for (const { gram } of ranked) {
    if (taken.length >= count) break;
    const df = frequencies.df.get(gram);
    if (df === undefined ? unseen >= unseenAllowed : common(gram)) continue;
    if (take(gram) && df === undefined) unseen++;
  }
  // A text made only of common bigrams still asks for a few: the least common of them.
  if (taken.length < MIN_TERMS) {
    const rest = ranked
      .filter(({ gram }) => common(gram))
      .sort(
        (a, b) => frequencies.df.get(a.gram)! - frequencies.df.get(b.gram)! || a.order - b.order,
      );
    for (const { gram } of rest) {
      if (taken.length >= MIN_TERMS) break;
      take(gram);
    }
  }
  return taken;
}
