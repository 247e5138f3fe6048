// `pnpm bench:similar`: near-duplicate detection on reposts made by code from the seeds and the
// eval pages (similar-corpus.ts). Fingerprints every document, finds candidates through an
// in-memory LSH band index (the Postgres band-key table's lookup, one key per band), classifies
// each candidate pair, and prints precision and recall against the construction's truth, per
// repost kind, with baselines measured in the same run. Exit 1 under the bar, 2 without eval pages.
import { fileURLToPath } from 'node:url';
import {
  classifyPair,
  compareFingerprints,
  compareShingleSets,
  type FingerprintOptions,
  fingerprintCharacters,
  fingerprintText,
  fmix32,
  NEAR_DUP_SCHEME,
  NEAR_DUPLICATE,
  type NearDupFingerprint,
  shingleHashes,
  shingleSet,
} from '@jianbao/core';
import { evalDirOrExit } from './corpus';
import {
  buildSimilarCorpus,
  type CorpusDoc,
  type DocKind,
  loadEvalOriginals,
  loadSeedOriginals,
  REPOST_KINDS,
  type SimilarCorpus,
  usableOriginals,
} from './similar-corpus';

const BAR = { precision: 0.99, recall: 0.95, fingerprintsPerSecond: 1000 } as const;
const SEED_DIR = fileURLToPath(new URL('../../seeds', import.meta.url));

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : 'n/a');
const key = (i: number, j: number) => (i < j ? `${i}/${j}` : `${j}/${i}`);

// ---- detection ---------------------------------------------------------------------------------

interface Detection {
  /** Pairs judged near-duplicate, `i/j` with i < j. */
  nearDuplicates: Set<string>;
  /** Every pair the band index proposed. */
  candidates: Set<string>;
}

/** Each document looks up the documents indexed before it, then is indexed itself. */
function detectWithBands(fingerprints: readonly NearDupFingerprint[]): Detection {
  const index = new Map<string, number[]>();
  const nearDuplicates = new Set<string>();
  const candidates = new Set<string>();
  fingerprints.forEach((fp, i) => {
    const found = new Set<number>();
    for (const band of fp.bands) for (const j of index.get(band) ?? []) found.add(j);
    for (const j of found) {
      candidates.add(key(i, j));
      if (classifyPair(fp, fingerprints[j]!).kind === 'near-duplicate')
        nearDuplicates.add(key(i, j));
    }
    for (const band of fp.bands) {
      const list = index.get(band);
      if (list) list.push(i);
      else index.set(band, [i]);
    }
  });
  return { nearDuplicates, candidates };
}

// ---- baseline: 64-bit SimHash at Hamming distance ≤ 3 -------------------------------------------

/** Charikar's SimHash over the same shingles (t2s included), each occurrence one vote. */
function simhash64(text: string): [number, number] {
  const votes = new Int32Array(64);
  for (const h of shingleHashes(fingerprintCharacters(text))) {
    const lo = fmix32(h ^ 0x9e3779b9);
    const hi = fmix32(h ^ 0x7f4a7c15);
    for (let b = 0; b < 32; b++) {
      votes[b]! += (lo >>> b) & 1 ? 1 : -1;
      votes[b + 32]! += (hi >>> b) & 1 ? 1 : -1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let b = 0; b < 32; b++) {
    if (votes[b]! > 0) lo |= 1 << b;
    if (votes[b + 32]! > 0) hi |= 1 << b;
  }
  return [lo >>> 0, hi >>> 0];
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** SimHash compares every pair (its usual permuted-table lookup finds the same pairs). */
function detectWithSimhash(docs: readonly CorpusDoc[], maxDistance = 3): Detection {
  const hashes = docs.map((d) => simhash64(d.text));
  const nearDuplicates = new Set<string>();
  for (let i = 0; i < hashes.length; i++) {
    const [lo, hi] = hashes[i]!;
    for (let j = 0; j < i; j++) {
      const [lo2, hi2] = hashes[j]!;
      if (popcount(lo ^ lo2) + popcount(hi ^ hi2) <= maxDistance) nearDuplicates.add(key(i, j));
    }
  }
  return { nearDuplicates, candidates: nearDuplicates };
}

// ---- scoring -----------------------------------------------------------------------------------

interface Score {
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  /** Repost pairs (original, repost) found, per kind. */
  perKind: Map<DocKind, { found: number; total: number; falsePositives: number }>;
  /** Pairs of the same group (any two copies of one story) found. */
  groupRecall: number;
}

function repostPairs(docs: readonly CorpusDoc[]): { original: number; repost: number }[] {
  const originalOf = new Map<string, number>();
  docs.forEach((d, i) => {
    if (d.kind === 'original') originalOf.set(d.group, i);
  });
  const out: { original: number; repost: number }[] = [];
  docs.forEach((d, i) => {
    if (d.kind !== 'original') out.push({ original: originalOf.get(d.group)!, repost: i });
  });
  return out;
}

function score(docs: readonly CorpusDoc[], detection: Detection): Score {
  let truePositives = 0;
  let falsePositives = 0;
  const perKind = new Map<DocKind, { found: number; total: number; falsePositives: number }>();
  const tally = (kind: DocKind) => {
    let t = perKind.get(kind);
    if (!t) {
      t = { found: 0, total: 0, falsePositives: 0 };
      perKind.set(kind, t);
    }
    return t;
  };
  for (const pair of detection.nearDuplicates) {
    const [i, j] = pair.split('/').map(Number) as [number, number];
    if (docs[i]!.group === docs[j]!.group) truePositives++;
    else {
      falsePositives++;
      tally(docs[i]!.kind).falsePositives++;
      if (docs[j]!.kind !== docs[i]!.kind) tally(docs[j]!.kind).falsePositives++;
    }
  }
  const pairs = repostPairs(docs);
  let found = 0;
  for (const { original, repost } of pairs) {
    const t = tally(docs[repost]!.kind);
    t.total++;
    if (detection.nearDuplicates.has(key(original, repost))) {
      t.found++;
      found++;
    }
  }
  const groupSizes = new Map<string, number>();
  for (const d of docs) groupSizes.set(d.group, (groupSizes.get(d.group) ?? 0) + 1);
  const groupPairs = [...groupSizes.values()].reduce((n, s) => n + (s * (s - 1)) / 2, 0);
  return {
    precision: truePositives / (truePositives + falsePositives),
    recall: found / pairs.length,
    truePositives,
    falsePositives,
    perKind,
    groupRecall: truePositives / groupPairs,
  };
}

// ---- report ------------------------------------------------------------------------------------

function printKinds(s: Score): void {
  console.log(`  ${'kind'.padEnd(22)} ${'recall'.padStart(16)}  false positives involving it`);
  for (const kind of [...REPOST_KINDS, 'template-twin', 'original'] as DocKind[]) {
    const t = s.perKind.get(kind);
    if (!t) continue;
    const recall = t.total ? `${pct(t.found / t.total)} (${t.found}/${t.total})` : '—';
    console.log(`  ${kind.padEnd(22)} ${recall.padStart(16)}  ${t.falsePositives}`);
  }
}

function printMisses(
  docs: readonly CorpusDoc[],
  fps: readonly NearDupFingerprint[],
  detection: Detection,
  limit: number,
): void {
  const misses = repostPairs(docs)
    .filter(({ original, repost }) => !detection.nearDuplicates.has(key(original, repost)))
    .map(({ original, repost }) => ({
      original,
      repost,
      overlap: compareFingerprints(fps[original]!, fps[repost]!),
      candidate: detection.candidates.has(key(original, repost)),
    }))
    .sort((a, b) => a.overlap.containment - b.overlap.containment);
  console.log(`\nWorst misses (${misses.length} in all):`);
  for (const m of misses.slice(0, limit)) {
    const d = docs[m.repost]!;
    console.log(
      `  ${d.kind.padEnd(20)} J=${m.overlap.jaccard.toFixed(2)} C=${m.overlap.containment.toFixed(2)} ` +
        `${m.candidate ? 'candidate' : 'not in a band'}  ${d.title.slice(0, 40)} [${d.group}] ` +
        `(${fps[m.original]!.length}→${fps[m.repost]!.length} chars)`,
    );
  }
}

function printFalsePositives(
  docs: readonly CorpusDoc[],
  fps: readonly NearDupFingerprint[],
  detection: Detection,
  limit: number,
): void {
  const wrong = [...detection.nearDuplicates]
    .map((p) => p.split('/').map(Number) as [number, number])
    .filter(([i, j]) => docs[i]!.group !== docs[j]!.group)
    .map(([i, j]) => ({ i, j, overlap: compareFingerprints(fps[i]!, fps[j]!) }))
    .sort((a, b) => b.overlap.containment - a.overlap.containment);
  console.log(`\nFalse positives (${wrong.length} in all):`);
  for (const w of wrong.slice(0, limit)) {
    const [a, b] = [docs[w.i]!, docs[w.j]!];
    console.log(
      `  J=${w.overlap.jaccard.toFixed(2)} C=${w.overlap.containment.toFixed(2)}  ` +
        `${a.title.slice(0, 30)} (${a.kind}) ≈ ${b.title.slice(0, 30)} (${b.kind})`,
    );
  }
}

/** Hard negatives classified directly, whether or not the band index would propose them. */
function printHardNegatives(corpus: SimilarCorpus, fps: readonly NearDupFingerprint[]): number {
  const at = new Map(corpus.docs.map((d, i) => [d.id, i]));
  const byWhy = new Map<string, { n: number; nearDup: number; similar: number; max: number }>();
  let nearDup = 0;
  for (const h of corpus.hardNegatives) {
    const v = classifyPair(fps[at.get(h.a)!]!, fps[at.get(h.b)!]!);
    let t = byWhy.get(h.why);
    if (!t) {
      t = { n: 0, nearDup: 0, similar: 0, max: 0 };
      byWhy.set(h.why, t);
    }
    t.n++;
    if (v.kind === 'near-duplicate') {
      t.nearDup++;
      nearDup++;
    }
    if (v.kind === 'similar') t.similar++;
    t.max = Math.max(t.max, v.containment);
  }
  console.log('\nHard negatives, classified directly (no band lookup):');
  for (const [why, t] of byWhy) {
    console.log(
      `  ${why.padEnd(15)} ${String(t.n).padStart(5)} pairs: ${t.nearDup} near-duplicate, ` +
        `${t.similar} similar, highest containment ${t.max.toFixed(2)}`,
    );
  }
  return nearDup;
}

/**
 * Precision and recall at other containment thresholds, over the pairs the band index proposed
 * and the hard negatives (which it mostly does not propose: they are here to find the margin).
 */
function printSweep(corpus: SimilarCorpus, fps: readonly NearDupFingerprint[], d: Detection) {
  const { docs } = corpus;
  const at = new Map(docs.map((doc, i) => [doc.id, i]));
  const keys = new Set(d.candidates);
  for (const h of corpus.hardNegatives) keys.add(key(at.get(h.a)!, at.get(h.b)!));
  const pairs = [...keys].map((p) => {
    const [i, j] = p.split('/').map(Number) as [number, number];
    return {
      i,
      j,
      same: docs[i]!.group === docs[j]!.group,
      o: compareFingerprints(fps[i]!, fps[j]!),
    };
  });
  const repostKeys = new Set(repostPairs(docs).map((p) => key(p.original, p.repost)));
  console.log(
    `\nThreshold sweep over candidates and hard negatives (containment; Jaccard ≥ ` +
      `${NEAR_DUPLICATE.minJaccard}; chosen ${NEAR_DUPLICATE.minContainment}):`,
  );
  for (const t of [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) {
    const cells = [0, NEAR_DUPLICATE.minJaccard].map((minJaccard) => {
      const hit = pairs.filter((p) => p.o.containment >= t && p.o.jaccard >= minJaccard);
      const tp = hit.filter((p) => p.same).length;
      const found = hit.filter((p) => repostKeys.has(key(p.i, p.j))).length;
      return (
        `${minJaccard ? `& J ≥ ${minJaccard}` : 'alone'}: precision ${pct(tp / hit.length)}, ` +
        `recall ${pct(found / repostKeys.size)}`
      );
    });
    console.log(`  ≥ ${t.toFixed(1)} ${cells[0]!.padEnd(38)} ${cells[1]}`);
  }
  const crossMax = Math.max(0, ...pairs.filter((p) => !p.same).map((p) => p.o.containment));
  const sameContainments = pairs
    .filter((p) => repostKeys.has(key(p.i, p.j)))
    .map((p) => p.o.containment)
    .sort((a, b) => a - b);
  console.log(
    `  repost pairs' containment: min ${sameContainments[0]?.toFixed(2)}, ` +
      `5th percentile ${sameContainments[Math.floor(sameContainments.length * 0.05)]?.toFixed(2)}; ` +
      `other stories' highest: ${crossMax.toFixed(2)}`,
  );
}

/** How far the MinHash estimates are from the exact shingle-set overlap on the repost pairs. */
function printEstimatorError(docs: readonly CorpusDoc[], fps: readonly NearDupFingerprint[]) {
  const sets = new Map<number, Set<number>>();
  const set = (i: number) => {
    let s = sets.get(i);
    if (!s) {
      s = shingleSet(docs[i]!.text);
      sets.set(i, s);
    }
    return s;
  };
  let jErr = 0;
  let cErr = 0;
  let n = 0;
  for (const { original, repost } of repostPairs(docs)) {
    const exact = compareShingleSets(set(original), set(repost));
    const est = compareFingerprints(fps[original]!, fps[repost]!);
    jErr += Math.abs(exact.jaccard - est.jaccard);
    cErr += Math.abs(exact.containment - est.containment);
    n++;
  }
  console.log(
    `\nMinHash vs exact overlap on repost pairs: mean |ΔJaccard| ${(jErr / n).toFixed(3)}, ` +
      `mean |Δcontainment| ${(cErr / n).toFixed(3)}`,
  );
}

// ---- speed -------------------------------------------------------------------------------------

/** 5,000-character articles cut from the corpus, in the given script. */
function articlesOf5000(docs: readonly CorpusDoc[], script: 'Hans' | 'Hant'): string[] {
  const all = docs
    .filter((d) => d.kind === (script === 'Hans' ? 'original' : 'other-script'))
    .filter((d) => d.script === script)
    .map((d) => d.text)
    .join('\n\n');
  const out: string[] = [];
  for (let at = 0; at + 5000 <= all.length && out.length < 200; at += 1733) {
    out.push(all.slice(at, at + 5000));
  }
  return out;
}

/**
 * Fingerprints per second of this process's CPU time (one thread: one core), so other work on a
 * shared machine does not count against it; the wall-clock rate is printed beside it.
 */
function fingerprintsPerSecond(
  texts: readonly string[],
  options?: FingerprintOptions,
): { cpu: number; wall: number } {
  for (const t of texts.slice(0, 20)) fingerprintText(t, options); // warm up: JIT and the t2s dictionary
  let n = 0;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  while (performance.now() - wall0 < 2000) fingerprintText(texts[n++ % texts.length]!, options);
  const cpu = process.cpuUsage(cpu0);
  return {
    cpu: (n * 1e6) / (cpu.user + cpu.system),
    wall: (n * 1000) / (performance.now() - wall0),
  };
}

// ---- main --------------------------------------------------------------------------------------

function main(): void {
  const started = performance.now();
  const evalDir = evalDirOrExit();
  const { kept, dropped } = usableOriginals([
    ...loadSeedOriginals(SEED_DIR),
    ...loadEvalOriginals(evalDir),
  ]);
  const corpus = buildSimilarCorpus(kept);
  const { docs } = corpus;
  console.log(
    `Near-duplicate benchmark (${NEAR_DUP_SCHEME}): ${kept.length} originals ` +
      `(${dropped.length} dropped: ${dropped.map((d) => `${d.id} ${d.why}`).join('; ')}), ` +
      `${docs.length} documents, ${repostPairs(docs).length} repost pairs, ` +
      `${corpus.hardNegatives.length} hard-negative pairs`,
  );

  const methods: { name: string; detect: () => { d: Detection; fps?: NearDupFingerprint[] } }[] = [
    {
      name: 'MinHash 128, 5-grams, t2s, bands 32×4 (ours)',
      detect: () => {
        const fps = docs.map((d) => fingerprintText(d.text));
        return { d: detectWithBands(fps), fps };
      },
    },
    {
      name: 'same, without t2s',
      detect: () => ({
        d: detectWithBands(docs.map((d) => fingerprintText(d.text, { simplify: false }))),
      }),
    },
    {
      name: 'same, punctuation kept',
      detect: () => ({
        d: detectWithBands(docs.map((d) => fingerprintText(d.text, { keepPunctuation: true }))),
      }),
    },
    { name: 'SimHash 64, Hamming ≤ 3, t2s', detect: () => ({ d: detectWithSimhash(docs) }) },
  ];

  let ours: { score: Score; d: Detection; fps: NearDupFingerprint[] } | null = null;
  console.log(
    `\n${'method'.padEnd(46)} ${'precision'.padStart(10)} ${'recall'.padStart(8)}  other-script  all-copies recall`,
  );
  for (const m of methods) {
    const { d, fps } = m.detect();
    const s = score(docs, d);
    if (fps && !ours) ours = { score: s, d, fps };
    const script = s.perKind.get('other-script');
    console.log(
      `${m.name.padEnd(46)} ${pct(s.precision).padStart(10)} ${pct(s.recall).padStart(8)}  ` +
        `${pct(script ? script.found / script.total : Number.NaN).padStart(12)}  ${pct(s.groupRecall)}`,
    );
  }
  if (!ours) throw new Error('no MinHash run');

  console.log(
    `\nOurs per kind (precision ${pct(ours.score.precision)}: ${ours.score.truePositives} right, ` +
      `${ours.score.falsePositives} wrong):`,
  );
  printKinds(ours.score);
  printMisses(docs, ours.fps, ours.d, 10);
  printFalsePositives(docs, ours.fps, ours.d, 10);
  const hardNegativeErrors = printHardNegatives(corpus, ours.fps);
  printSweep(corpus, ours.fps, ours.d);
  printEstimatorError(docs, ours.fps);

  const hans = articlesOf5000(docs, 'Hans');
  const hant = articlesOf5000(docs, 'Hant');
  const rateHans = fingerprintsPerSecond(hans);
  const rateHant = fingerprintsPerSecond(hant);
  const rateNormalized = fingerprintsPerSecond(hans, { normalized: true });
  const rate = (r: { cpu: number; wall: number }) =>
    `${r.cpu.toFixed(0)}/s (wall clock ${r.wall.toFixed(0)}/s)`;
  console.log(
    `\nSpeed, one core, 5,000-character articles (${hans.length} and ${hant.length} texts), per ` +
      `second of CPU time:\n  simplified input ${rate(rateHans)}\n  traditional input ` +
      `${rate(rateHant)} (t2s included)\n  a clip's normalizedText ${rate(rateNormalized)} (no ` +
      `NFKC or t2s)\n  target ≥ ${BAR.fingerprintsPerSecond}/s`,
  );

  const failures: string[] = [];
  if (!(ours.score.precision >= BAR.precision))
    failures.push(`precision ${pct(ours.score.precision)} < ${pct(BAR.precision)}`);
  if (!(ours.score.recall >= BAR.recall))
    failures.push(`recall ${pct(ours.score.recall)} < ${pct(BAR.recall)}`);
  const slowest = Math.min(rateHans.cpu, rateHant.cpu);
  if (slowest < BAR.fingerprintsPerSecond)
    failures.push(`speed ${slowest.toFixed(0)}/s < ${BAR.fingerprintsPerSecond}/s`);
  console.log(
    `\n${failures.length === 0 ? 'PASS' : `FAIL: ${failures.join('; ')}`} ` +
      `(bar: precision ≥ ${pct(BAR.precision)}, recall ≥ ${pct(BAR.recall)}; ` +
      `${hardNegativeErrors} hard negatives judged near-duplicate; ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  process.exit(failures.length === 0 ? 0 : 1);
}

main();
