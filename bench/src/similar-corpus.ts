// The near-duplicate benchmark's corpus, built by code: originals (the seeds' stories and the
// article bodies our extractor finds in ../shared/eval), reposts of each made the ways sites
// repost (other chrome, other script, cut, paragraphs dropped or moved, PDF hard wraps, WeChat
// credits), and hard negatives: other articles on the same subject, and "template twins", two
// articles given the same stock party-building sentences. Deterministic for a given seed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  extractArticle,
  extractFromText,
  type Script,
  textHash,
  toSimplified,
  toTraditional,
} from '@jianbao/core';
import { decodeHtml, parsePage } from '@jianbao/core/page';
import { loadCwced, loadGnePages } from './corpus';
import { pageUrl } from './extractors';

export interface Original {
  id: string;
  title: string;
  /** Paragraphs separated by blank lines, as a clip's text. */
  text: string;
  script: Script;
  /** Taxonomy topic ids, best first. */
  topics: string[];
  /** Terms that gave the party-building topic, where it has one: what template sentences hold. */
  templateTerms: string[];
}

export const REPOST_KINDS = [
  'other-chrome',
  'other-script',
  'cut-60',
  'paragraphs-dropped',
  'paragraphs-reordered',
  'hard-wraps',
  'wechat-credits',
  'mixed', // other script, cut to 60% and hard-wrapped at once: a PDF of a cut repost
] as const;
export type RepostKind = (typeof REPOST_KINDS)[number];
export type DocKind = 'original' | RepostKind | 'template-twin';

export interface CorpusDoc {
  id: string;
  /** The original this document is a copy of: same group = near-duplicate, by construction. */
  group: string;
  kind: DocKind;
  title: string;
  text: string;
  script: Script;
}

export interface HardNegative {
  a: string;
  b: string;
  why: 'same-topic' | 'tf-idf' | 'template-twins';
}

export interface SimilarCorpus {
  docs: CorpusDoc[];
  /** Pairs of docs (by id) of different groups chosen to look alike. */
  hardNegatives: HardNegative[];
}

// ---- seeded randomness -------------------------------------------------------------------------

export type Random = () => number;

/** mulberry32: small, fast, and the same sequence on every machine. */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
  };
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function intBetween(random: Random, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// ---- originals --------------------------------------------------------------------------------

/** Originals shorter than this (characters, whitespace aside) are too short to repost. */
export const MIN_ORIGINAL_CHARS = 200;

function bodyChars(text: string): number {
  return text.replace(/\s+/g, '').length;
}

function toOriginal(
  id: string,
  clip: {
    title: string;
    text: string;
    script: Script;
    taxonomy: { topics: { id: string; evidence: { term: string }[] }[] };
  },
): Original {
  const party = clip.taxonomy.topics.find((t) => t.id === 'party-building');
  return {
    id,
    title: clip.title,
    text: clip.text,
    script: clip.script,
    topics: clip.taxonomy.topics.map((t) => t.id),
    templateTerms: party ? party.evidence.map((e) => e.term) : [],
  };
}

/** The seed files' stories (a PDF page gives several), through our text-mode extractor. */
export function loadSeedOriginals(seedDir: string): Original[] {
  const out: Original[] = [];
  for (const file of readdirSync(seedDir).filter((f) => /^\d{3}_.*\.txt$/.test(f))) {
    const result = extractFromText(readFileSync(join(seedDir, file), 'utf8'));
    if (result.kind !== 'articles') continue;
    result.clips.forEach((clip, i) => {
      out.push(
        toOriginal(`seed:${file.slice(0, 3)}${result.clips.length > 1 ? `#${i}` : ''}`, clip),
      );
    });
  }
  return out;
}

/** Article bodies our extractor finds in the eval pages (read in place, never copied). */
export function loadEvalOriginals(evalDir: string): Original[] {
  const pages = [
    ...loadCwced(evalDir).map((p) => ({ id: `cwced:${p.id}`, path: p.path, bytes: p.bytes })),
    ...loadGnePages(evalDir).map((p) => ({ id: `gne:${p.file}`, path: p.path, bytes: p.bytes })),
  ];
  const out: Original[] = [];
  for (const page of pages) {
    const { text: html } = decodeHtml(page.bytes);
    const { document } = parsePage(html);
    try {
      const result = extractArticle(document, pageUrl(html, page.path), { mutate: true });
      if (result.kind === 'article') out.push(toOriginal(page.id, result.clip));
    } catch {
      // A page our extractor cannot read gives no original; the extraction eval reports it.
    }
  }
  return out;
}

/**
 * Originals fit to be ground truth: long enough, and no two of the same text (the eval pages hold
 * one article saved twice). Returns those kept and, for the report, those dropped and why.
 */
export function usableOriginals(originals: readonly Original[]): {
  kept: Original[];
  dropped: { id: string; why: string }[];
} {
  const kept: Original[] = [];
  const dropped: { id: string; why: string }[] = [];
  const byHash = new Map<string, string>();
  for (const o of originals) {
    if (bodyChars(o.text) < MIN_ORIGINAL_CHARS) {
      dropped.push({ id: o.id, why: `under ${MIN_ORIGINAL_CHARS} characters` });
      continue;
    }
    const hash = textHash(o.text);
    const twin = byHash.get(hash);
    if (twin) {
      dropped.push({ id: o.id, why: `same text as ${twin}` });
      continue;
    }
    byHash.set(hash, o.id);
    kept.push(o);
  }
  return { kept, dropped };
}

// ---- reposts ----------------------------------------------------------------------------------

function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** Sentences, each keeping its closing mark. */
function sentencesOf(text: string): string[] {
  return (text.replace(/\s*\n\s*/g, '').match(/[^。！？!?]+[。！？!?]*/g) ?? []).filter(
    (s) => s.trim() !== '',
  );
}

/** Paragraphs when there are enough to cut and move, else the sentences of the text. */
function unitsOf(text: string): string[] {
  const paragraphs = paragraphsOf(text);
  return paragraphs.length >= 4 ? paragraphs : sentencesOf(text);
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰红志鹏宇晨欣怡佳琪子轩浩然';

function personName(random: Random): string {
  const given = Array.from({ length: intBetween(random, 1, 2) }, () => pick(random, [...GIVEN]));
  return pick(random, [...SURNAMES]) + given.join('');
}

function dateLine(random: Random): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${intBetween(random, 2019, 2025)}-${pad(intBetween(random, 1, 12))}-${pad(intBetween(random, 1, 28))} ${pad(intBetween(random, 8, 22))}:${pad(intBetween(random, 0, 59))}`;
}

/** Site chrome left around a repost: a site's fixed lines plus a dated 来源 and 责任编辑 line. */
interface SiteChrome {
  header: (title: string, random: Random) => string[];
  footer: (random: Random) => string[];
}

const SITES: readonly SiteChrome[] = [
  {
    header: (title, r) => [
      '首页 | 医院概况 | 新闻中心 | 党建工作 | 科室导航 | 专家介绍 | 就医指南',
      '当前位置：首页 > 新闻中心 > 医院新闻',
      title,
      `发布时间：${dateLine(r)}  来源：党委办公室  浏览次数：${intBetween(r, 100, 9999)}`,
      '【字体：大 中 小】【打印本页】【关闭窗口】',
    ],
    footer: (r) => [
      `责任编辑：${personName(r)}`,
      '上一篇：我院召开党风廉政建设工作会议',
      '下一篇：我院开展“世界卫生日”义诊活动',
      '版权所有：市人民医院 地址：人民路1号 电话：0769-12345678 粤ICP备05012345号',
    ],
  },
  {
    header: (title, r) => [
      '政务公开 | 新闻动态 | 政策解读 | 互动交流 | 办事服务',
      '首页 > 新闻动态 > 基层动态',
      title,
      `${dateLine(r)} 来源：市卫生健康委员会 作者：${personName(r)}`,
    ],
    footer: (r) => [
      `【责任编辑：${personName(r)}】`,
      '分享到：微信 微博 QQ空间',
      '主办单位：市卫生健康委员会 网站标识码4401000001 公安机关备案号44010402000123',
      '免责声明：本网转载作品仅为传递信息，不代表本网观点。',
    ],
  },
  {
    header: (title, r) => [
      '新闻 | 财经 | 健康 | 教育 | 视频 | 专题',
      title,
      `${dateLine(r)}　来源：健康报　编辑：${personName(r)}`,
      '分享：',
    ],
    footer: (r) => [
      `（责任编辑：${personName(r)}）`,
      '热门推荐',
      '原标题已修改 转载请注明出处',
      '关于我们 | 联系我们 | 广告服务 | 网站地图 | 违法和不良信息举报电话：12377',
    ],
  },
];

function withChrome(original: Original, random: Random): string {
  const site = pick(random, SITES);
  return [...site.header(original.title, random), original.text, ...site.footer(random)].join(
    '\n\n',
  );
}

/** The same story in the other script, as OpenCC converts it. */
function otherScript(original: Original): string {
  return original.script === 'Hant' ? toSimplified(original.text) : toTraditional(original.text);
}

/** The leading units whose length comes closest to 60% of the text's (at least one). */
export function cutTo60(text: string): string {
  const units = unitsOf(text);
  const total = units.reduce((n, u) => n + u.length, 0);
  let kept = 0;
  let n = 0;
  while (n < units.length - 1) {
    const next = kept + units[n]!.length;
    if (Math.abs(next - 0.6 * total) > Math.abs(kept - 0.6 * total) && n > 0) break;
    kept = next;
    n++;
  }
  return units.slice(0, Math.max(1, n)).join('\n\n');
}

function joinUnits(units: readonly string[], text: string): string {
  return paragraphsOf(text).length >= 4 ? units.join('\n\n') : units.join('');
}

function dropParagraphs(text: string, random: Random): string {
  const units = unitsOf(text);
  const drop = new Set<number>();
  const howMany = units.length > 6 ? intBetween(random, 1, 2) : 1;
  while (drop.size < Math.min(howMany, units.length - 1))
    drop.add(intBetween(random, 0, units.length - 1));
  return joinUnits(
    units.filter((_, i) => !drop.has(i)),
    text,
  );
}

/** Moves two or three units elsewhere, as an editor rearranging a story does. */
function reorderParagraphs(text: string, random: Random): string {
  const units = unitsOf(text);
  if (units.length < 2) return text;
  const out = [...units];
  const moves = Math.min(intBetween(random, 2, 3), units.length);
  for (let m = 0; m < moves; m++) {
    const [unit] = out.splice(intBetween(random, 0, out.length - 1), 1);
    out.splice(intBetween(random, 0, out.length), 0, unit!);
  }
  if (out.every((u, i) => u === units[i])) out.reverse();
  return joinUnits(out, text);
}

/** A PDF's text: each paragraph broken into lines of the column's width (14–20 characters). */
export function hardWrap(text: string, random: Random): string {
  const width = intBetween(random, 14, 20);
  return paragraphsOf(text)
    .map((p) => {
      const chars = [...p];
      const lines: string[] = [];
      for (let i = 0; i < chars.length; i += width) lines.push(chars.slice(i, i + width).join(''));
      return lines.join('\n');
    })
    .join('\n');
}

function withWechatCredits(original: Original, random: Random): string {
  return [
    '点击蓝字 关注我们',
    original.text,
    `文稿撰写 | ${personName(random)}  ${personName(random)}`,
    `编审 | ${personName(random)}`,
    `责任编辑 | ${personName(random)}`,
    '— END —',
    '长按识别二维码关注',
    '点分享 点收藏 点点赞 点在看',
  ].join('\n\n');
}

export function makeRepost(original: Original, kind: RepostKind, random: Random): CorpusDoc {
  const other: Script = original.script === 'Hant' ? 'Hans' : 'Hant';
  const doc = (text: string, script: Script = original.script): CorpusDoc => ({
    id: `${original.id}~${kind}`,
    group: original.id,
    kind,
    title: original.title,
    text,
    script,
  });
  switch (kind) {
    case 'other-chrome':
      return doc(withChrome(original, random));
    case 'other-script':
      return doc(otherScript(original), other);
    case 'cut-60':
      return doc(cutTo60(original.text));
    case 'paragraphs-dropped':
      return doc(dropParagraphs(original.text, random));
    case 'paragraphs-reordered':
      return doc(reorderParagraphs(original.text, random));
    case 'hard-wraps':
      return doc(hardWrap(original.text, random));
    case 'wechat-credits':
      return doc(withWechatCredits(original, random));
    case 'mixed':
      return doc(hardWrap(cutTo60(otherScript(original)), random), other);
  }
}

// ---- hard negatives ---------------------------------------------------------------------------

/** Character-bigram TF-IDF vectors, unit length. */
function tfIdfVectors(texts: readonly string[]): Map<string, number>[] {
  const counts = texts.map((t) => {
    const m = new Map<string, number>();
    const chars = [...toSimplified(t).replace(/[\s\p{P}\p{S}]+/gu, '')];
    for (let i = 0; i + 1 < chars.length; i++) {
      const g = chars[i]! + chars[i + 1]!;
      m.set(g, (m.get(g) ?? 0) + 1);
    }
    return m;
  });
  const df = new Map<string, number>();
  for (const m of counts) for (const g of m.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  return counts.map((m) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [g, tf] of m) {
      const w = (1 + Math.log(tf)) * Math.log(texts.length / df.get(g)!);
      v.set(g, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [g, w] of v) v.set(g, w / norm);
    return v;
  });
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [g, w] of small) dot += w * (large.get(g) ?? 0);
  return dot;
}

/** Pairs of different originals on one subject: a shared topic, or among the nearest by TF-IDF. */
export function sameSubjectPairs(originals: readonly Original[], nearest = 3): HardNegative[] {
  const seen = new Set<string>();
  const out: HardNegative[] = [];
  const add = (i: number, j: number, why: HardNegative['why']) => {
    const [x, y] = i < j ? [i, j] : [j, i];
    const key = `${x}/${y}`;
    if (x === y || seen.has(key)) return;
    seen.add(key);
    out.push({ a: originals[x]!.id, b: originals[y]!.id, why });
  };
  for (let i = 0; i < originals.length; i++) {
    for (let j = i + 1; j < originals.length; j++) {
      if (originals[i]!.topics.some((t) => originals[j]!.topics.includes(t)))
        add(i, j, 'same-topic');
    }
  }
  const vectors = tfIdfVectors(originals.map((o) => o.text));
  for (let i = 0; i < originals.length; i++) {
    const ranked = vectors
      .map((v, j) => ({ j, s: j === i ? -1 : cosine(vectors[i]!, v) }))
      .sort((a, b) => b.s - a.s);
    for (const { j } of ranked.slice(0, nearest)) add(i, j, 'tf-idf');
  }
  return out;
}

/** Sentences of party-building stories that carry the template's stock terms. */
export function templateSentences(original: Original): string[] {
  if (original.templateTerms.length === 0) return [];
  return sentencesOf(original.text).filter(
    (s) => s.length >= 12 && original.templateTerms.some((t) => toSimplified(s).includes(t)),
  );
}

/** Share of the shorter article that the stock sentences make up in a template twin, drawn per pair. */
export const TEMPLATE_SHARE = { min: 0.1, max: 0.5 } as const;

function insertAtRandom(text: string, inserts: readonly string[], random: Random): string {
  const paragraphs = paragraphsOf(text);
  for (const s of inserts) paragraphs.splice(intBetween(random, 0, paragraphs.length), 0, s);
  return paragraphs.join('\n\n');
}

/**
 * Template twins: two different originals, each given the same stock sentences from a third
 * party-building story (a TEMPLATE_SHARE of the shorter one), as two hospitals writing up
 * their own events in the one template language do.
 */
export function templateTwins(
  originals: readonly Original[],
  pairs: readonly [Original, Original][],
  random: Random,
): { docs: CorpusDoc[]; hardNegatives: HardNegative[] } {
  const sources = originals.filter((o) => templateSentences(o).length > 0);
  const docs: CorpusDoc[] = [];
  const hardNegatives: HardNegative[] = [];
  pairs.forEach(([a, b], n) => {
    const candidates = sources.filter((s) => s.id !== a.id && s.id !== b.id);
    if (candidates.length === 0) return;
    const pool = shuffled(random, templateSentences(pick(random, candidates)));
    const share = TEMPLATE_SHARE.min + random() * (TEMPLATE_SHARE.max - TEMPLATE_SHARE.min);
    const budget = share * Math.min(bodyChars(a.text), bodyChars(b.text));
    const chosen: string[] = [];
    let length = 0;
    for (const s of pool) {
      if (length >= budget) break;
      chosen.push(s);
      length += s.length;
    }
    const twin = (o: Original): CorpusDoc => ({
      id: `${o.id}~twin${n}`,
      group: o.id,
      kind: 'template-twin',
      title: o.title,
      // The stock sentences in the twin's own script, as its site would print them.
      text: insertAtRandom(
        o.text,
        chosen.map((s) => (o.script === 'Hant' ? toTraditional(s) : toSimplified(s))),
        random,
      ),
      script: o.script,
    });
    const [ta, tb] = [twin(a), twin(b)];
    docs.push(ta, tb);
    hardNegatives.push({ a: ta.id, b: tb.id, why: 'template-twins' });
  });
  return { docs, hardNegatives };
}

export interface CorpusOptions {
  seed?: number;
  /** How many template-twin pairs to make (same-subject pairs first, then random ones). */
  twins?: number;
}

export function buildSimilarCorpus(
  originals: readonly Original[],
  options: CorpusOptions = {},
): SimilarCorpus {
  const random = seededRandom(options.seed ?? 20240601);
  const docs: CorpusDoc[] = originals.map((o) => ({
    id: o.id,
    group: o.id,
    kind: 'original',
    title: o.title,
    text: o.text,
    script: o.script,
  }));
  for (const o of originals)
    for (const kind of REPOST_KINDS) docs.push(makeRepost(o, kind, random));

  const sameSubject = sameSubjectPairs(originals);
  const byId = new Map(originals.map((o) => [o.id, o]));
  const wanted = options.twins ?? 60;
  const twinPairs: [Original, Original][] = shuffled(
    random,
    sameSubject.filter((p) => p.why === 'same-topic'),
  )
    .slice(0, wanted)
    .map((p) => [byId.get(p.a)!, byId.get(p.b)!]);
  while (twinPairs.length < wanted && originals.length > 1) {
    const a = pick(random, originals);
    const b = pick(random, originals);
    if (a.id !== b.id) twinPairs.push([a, b]);
  }
  const twins = templateTwins(originals, twinPairs, random);
  docs.push(...twins.docs);
  return { docs, hardNegatives: [...sameSubject, ...twins.hardNegatives] };
}
