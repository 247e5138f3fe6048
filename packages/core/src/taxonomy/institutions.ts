import type { Taxonomy } from '../clip/schema';
import { firstPlaceName, leadingPlacesLength, placeNameAt } from './regions';
import type { InstitutionKind, InstitutionPattern, TaxonomyRules } from './rules/types';

type Institution = Taxonomy['institutions'][number];

/** One place in the text where an institution is named. */
export interface InstitutionMention {
  name: string;
  kind: InstitutionKind;
  start: number;
  end: number;
}

interface Candidate extends InstitutionMention {
  stem: string;
  /** Set off on both sides (by punctuation, quotes or a space): “大医二院心血管病医院”. */
  standalone: boolean;
  pattern: InstitutionPattern;
}

// A name is a run of Han characters, Latin letters and digits (301医院); anything else ends it.
const nameChar = /[\p{Script=Han}A-Za-z0-9]/u;
const longestName = 30;

/** Where the institution's own name begins inside `run`, the text before its suffix. */
function nameStart(run: string, stemLength: number, rules: TaxonomyRules): number {
  let start = 0;
  // Cut after the last stop word or role (的, 由, 管理, 局长兼 …) that leaves a stem of two or more.
  for (const word of [...rules.institutionStopWords, ...rules.roles]) {
    for (
      let at = run.lastIndexOf(word, stemLength - 1);
      at >= 0;
      at = run.lastIndexOf(word, at - 1)
    ) {
      const after = at + word.length;
      if (after <= start) break;
      if (stemLength - after >= 2) {
        start = after;
        break;
      }
      if (at === 0) break;
    }
  }
  // A place name further in starts the name (建立|辽宁…), unless what precedes it is part of a
  // proper name (南方医科大学深圳医院).
  const rest = run.slice(start, stemLength);
  const place = firstPlaceName(rest, rules);
  const before = rest.slice(0, place);
  const properBefore =
    rules.institutionNameWords.some((w) => before.includes(w)) ||
    rules.nationalNameStarts.some((w) => before.startsWith(w));
  if (place > 0 && !properBefore) {
    start += place;
  }
  return start;
}

/**
 * Is the stem a name? It names a place first (信宜市人民), holds a word of proper names
 * (暨南大学附属第六), ends with a township (人和镇), or stands alone in quotes or between spaces;
 * and it is not only places (大连市医院) nor generic (该院, 公立医院).
 */
function isProperStem(c: Candidate, rules: TaxonomyRules): boolean {
  const { stem } = c;
  if (stem.length < 2 || rules.genericInstitutionStems.includes(stem)) return false;
  // A count or a determiner (一家, 各镇, 该院), not a name.
  if (/^[一二三四五六七八九十两几多][家所个座]?$|^[各每该本此这那首我]/.test(stem)) return false;
  if (rules.genericStemEndings.some((w) => stem.endsWith(w))) return false;
  // …旗下医院: a stop word just before the suffix leaves nothing to name.
  if (rules.institutionStopWords.some((w) => w.length > 1 && stem.endsWith(w))) return false;
  const places = leadingPlacesLength(stem, rules);
  if (places === stem.length && c.pattern.placeAloneIsGeneric) return false;
  return (
    places > 0 ||
    placeNameAt(stem, 0, rules, true) > 0 ||
    rules.nationalNameStarts.some((w) => stem.startsWith(w)) ||
    rules.institutionNameWords.some((w) => stem.includes(w)) ||
    rules.localPlaceEndings.some((w) => stem.length > w.length && stem.endsWith(w)) ||
    c.standalone ||
    c.pattern.anyStemIsProper === true
  );
}

function candidatesFor(
  text: string,
  pattern: InstitutionPattern,
  rules: TaxonomyRules,
): Candidate[] {
  const found: Candidate[] = [];
  const notAfter = rules.notAfterSuffix[pattern.suffix] ?? [];
  for (let at = text.indexOf(pattern.suffix); at >= 0; at = text.indexOf(pattern.suffix, at + 1)) {
    const end = at + pattern.suffix.length;
    if (notAfter.some((w) => text.startsWith(w, end))) continue;
    let runStart = at;
    while (runStart > 0 && at - runStart < longestName && nameChar.test(text[runStart - 1]!)) {
      runStart--;
    }
    const start = runStart + nameStart(text.slice(runStart, end), at - runStart, rules);
    const name = text.slice(start, end);
    if (pattern.prefix && !name.startsWith(pattern.prefix)) continue;
    const standalone =
      start === runStart && (end === text.length || !nameChar.test(text[end]!)) && start > 0;
    found.push({
      name,
      kind: pattern.kind,
      start,
      end,
      stem: text.slice(start, at),
      standalone,
      pattern,
    });
  }
  return found;
}

/**
 * Every place an institution is named, its longest proper name each time. A name inside a
 * longer one (暨南大学 in 暨南大学附属第六医院) is dropped, except inside a party organ or a
 * government, which name the organisation they belong to (东莞市东部中心医院党委).
 */
export function findInstitutionMentions(text: string, rules: TaxonomyRules): InstitutionMention[] {
  const named = rules.institutionPatterns
    .filter((p) => !p.needsNamedOwner)
    .flatMap((p) => candidatesFor(text, p, rules));
  const accepted = named.filter((c) => isProperStem(c, rules));
  // Names inside an accepted name (暨南大学 in 暨南大学附属第六医院) and short forms of one
  // (华西医院 of 四川大学华西医院) are names too, wherever else they stand.
  const names = new Set(accepted.map((c) => c.name));
  for (const c of named) {
    if (
      accepted.some((a) => a !== c && a.start <= c.start && a.end >= c.end) &&
      c.stem.length >= 2
    ) {
      names.add(c.name);
    }
  }
  for (const c of named) {
    if (
      accepted.includes(c) ||
      c.stem.length < 2 ||
      rules.genericInstitutionStems.includes(c.stem)
    ) {
      continue;
    }
    if ([...names].some((n) => n.endsWith(c.name))) accepted.push(c);
  }
  const ownerNames = [...new Set(accepted.map((c) => c.name))];
  const owned = rules.institutionPatterns
    .filter((p) => p.needsNamedOwner)
    .flatMap((p) => candidatesFor(text, p, rules))
    .filter(
      (c) =>
        rules.ownerEndings.some((w) => c.stem.endsWith(w)) &&
        (placeNameAt(c.stem, 0, rules, true) > 0 ||
          rules.nationalNameStarts.some((w) => c.stem.startsWith(w)) ||
          ownerNames.some((n) => c.stem.endsWith(n))),
    );
  const all: InstitutionMention[] = [...accepted, ...owned].map(({ name, kind, start, end }) => ({
    name,
    kind,
    start,
    end,
  }));
  const containers: InstitutionKind[] = ['party', 'government'];
  return all
    .filter(
      (m) =>
        !all.some(
          (o) =>
            o !== m &&
            o.start <= m.start &&
            o.end >= m.end &&
            o.end - o.start > m.end - m.start &&
            !containers.includes(o.kind),
        ),
    )
    .sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Institutions named in the text, each once with how often it is named. A name that only adds
 * a place before another (广东省信宜市人民医院, 信宜市人民医院) is counted with it, under the
 * form the text uses most.
 */
export function findInstitutions(text: string, rules: TaxonomyRules): Institution[] {
  const counts = new Map<string, Institution>();
  for (const m of findInstitutionMentions(text, rules)) {
    const entry = counts.get(m.name);
    if (entry) entry.count++;
    else counts.set(m.name, { name: m.name, kind: m.kind, count: 1 });
  }
  const list = [...counts.values()];
  for (const longer of list) {
    const shorter = list.find(
      (s) =>
        s !== longer &&
        s.count > 0 &&
        s.kind === longer.kind &&
        longer.name.endsWith(s.name) &&
        leadingPlacesLength(longer.name, rules) >= longer.name.length - s.name.length,
    );
    if (!shorter || longer.count === 0) continue;
    const [keep, drop] = shorter.count > longer.count ? [shorter, longer] : [longer, shorter];
    keep.count += drop.count;
    drop.count = 0;
  }
  return list
    .filter((i) => i.count > 0)
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh'));
}
