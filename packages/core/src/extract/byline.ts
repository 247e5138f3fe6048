import { toSimplified } from '../normalize';
import {
  BYLINE_DECORATION,
  BYLINE_LABELS,
  BYLINE_ROLES,
  NAME_TRAILER,
  NOT_NAMES,
  ORGANISATION_END,
  POSTER_PATTERNS,
  SURNAMES,
  SURNAMES_COMPOUND,
} from '../rules/bylines';
import type { Credit } from './names';
import type { PageLine } from './page-lines';
import type { ArticleSpan } from './pick-date';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = (a: string, b: string) => b.length - a.length;

const ROLE_OF = new Map<string, string>();
for (const r of BYLINE_ROLES) for (const w of r.words) ROLE_OF.set(w, r.role);
const ROLE_SPLIT = new RegExp(
  `(${[...ROLE_OF.keys()].sort(byLength).map(escapeRegExp).join('|')})`,
  'u',
);

const LABEL_OF = new Map<string, string>();
for (const r of BYLINE_LABELS) for (const w of r.words) LABEL_OF.set(w, r.role);
// A label starts the line or follows a space or bracket, and a colon or slash follows it.
const LABEL_RE = new RegExp(
  `(?:^|[\\s\\]】|｜)）])(${[...LABEL_OF.keys()].sort(byLength).map(escapeRegExp).join('|')})\\s*[:：/／]\\s*`,
  'u',
);

const HAN_NAME = /^[\p{Script=Han}]{2,4}$/u;
// Minority and foreign names written with a middle dot: `买买提·艾力`.
const DOTTED_NAME = /^[\p{Script=Han}]{1,8}(?:[·・•][\p{Script=Han}]{1,8})+$/u;
const PEN_NAME = /^[\p{Script=Han}]{2,6}$/u;
const USER_NAME = /^[A-Za-z][A-Za-z0-9_.-]{2,19}$/;
const SENTENCE_PUNCT = /[，。！？!?；;“”"「」『』…]/u;
const HAS_TIME = /\d{1,2}:\d{2}|\d{2,4}\s*[-/年.]\s*\d{1,2}/;
const NAME_SEPARATORS = /[\s\u3000、，,]+/u;

type NameKind = 'person' | 'pen' | 'user';

function hasSurname(written: string): boolean {
  const name = toSimplified(written);
  return SURNAMES_COMPOUND.some((s) => name.startsWith(s)) || SURNAMES.includes(name[0] ?? '');
}

/** Whether a token is a name of the given kinds: people's names always, pen and user names where allowed. */
function isName(token: string, kinds: NameKind[]): boolean {
  if (NOT_NAMES.includes(token) || ORGANISATION_END.test(token)) return false;
  if (HAN_NAME.test(token) || DOTTED_NAME.test(token)) return true;
  if (kinds.includes('pen') && PEN_NAME.test(token)) return true;
  return kinds.includes('user') && USER_NAME.test(token);
}

/** Every token of `text` a name, after a trailer (`发自北京`, `上海报道`) is cut; else null. */
function namesOf(text: string, kinds: NameKind[], surnameOnly = false): string[] | null {
  const tokens = text.replace(NAME_TRAILER, '').trim().split(NAME_SEPARATORS).filter(Boolean);
  if (tokens.length === 0 || tokens.length > 6) return null;
  for (const t of tokens) {
    if (!isName(t, kinds)) return null;
    if (surnameOnly && !hasSurname(t)) return null;
  }
  return tokens;
}

/** Leading names of `text` up to the first token that is not one: `赵婕 出自[人民文学出版社]`. */
function leadingNames(text: string, kinds: NameKind[]): string[] {
  const out: string[] = [];
  for (const t of text.replace(NAME_TRAILER, '').trim().split(NAME_SEPARATORS)) {
    if (!t || !isName(t, kinds)) break;
    out.push(t);
  }
  return out;
}

/**
 * `光明日报记者 王建宏 张文攀`, `本报记者 张三 通讯员 李四`: role words with names after each, an
 * organisation's name allowed before the first. `maxPrefix` 0 when the role must open the text.
 */
function readRoleByline(text: string, maxPrefix: number): Credit[] | null {
  const parts = text.split(ROLE_SPLIT);
  if (parts.length < 3) return null;
  const prefix = parts[0]!.trim();
  if (prefix.length > maxPrefix || SENTENCE_PUNCT.test(prefix)) return null;
  const credits: Credit[] = [];
  for (let i = 1; i < parts.length; i += 2) {
    const names = namesOf(parts[i + 1] ?? '', ['person']);
    if (!names) return null;
    credits.push({ role: ROLE_OF.get(parts[i]!)!, names });
  }
  return credits;
}

/** `文：眉间尺`, `作者:zboygirl 阅读(1660)`, `执笔人：闵乐夫 赵兰波`, `作者： 赵婕 出自[…]`. */
function readLabelByline(text: string): Credit[] | null {
  const m = LABEL_RE.exec(text);
  if (!m || m.index > 20) return null;
  const names = leadingNames(text.slice(m.index + m[0].length), ['person', 'pen', 'user']);
  return names.length > 0 ? [{ role: LABEL_OF.get(m[1]!)!, names }] : null;
}

/** `ggjjzhzz 发表于 2005-9-15`, `由海姑娘张贴 @ …`, `… 22:11:42 by 眉间尺 〓`, `08:19 [ 黄宇 ]`. */
function readPosterLine(text: string): Credit[] | null {
  if (!HAS_TIME.test(text)) return null;
  for (const { pattern, surnameOnly } of POSTER_PATTERNS) {
    const name = pattern.exec(text)?.groups?.name;
    if (!name) continue;
    const names = namesOf(name, surnameOnly ? ['person'] : ['person', 'pen', 'user'], surnameOnly);
    if (names?.length === 1) return [{ role: '作者', names }];
  }
  return null;
}

/** A bracket's inside as a byline: `记者 格桑边觉`, `姚峰 上海报道`, `袁源`. */
function readBracketInside(inside: string): Credit[] | null {
  const text = inside.trim();
  // A newsroom may stand before the role: `（总台记者 张倩）`.
  const withRole = readRoleByline(text, 6);
  if (withRole) return withRole;
  if (ROLE_SPLIT.test(text)) return null;
  // No role word: only people's names with a known surname, so `（新华社）` or `（完）` stay out.
  const names = namesOf(text, ['person'], true);
  return names ? [{ role: '作者', names }] : null;
}

// `据新华社拉萨电（记者 格桑边觉）`, `本报讯（记者 张三）` opening the first paragraph.
const OPENING_BRACKET =
  /^(?:据|據)?[^，。！？（(]{0,20}?(?:电|電|讯|訊)\s*[（(](?<inside>[^（）()]{2,40})[）)]/u;
// `…（姚峰 上海报道）`, `（袁源）` closing the last paragraph.
const CLOSING_BRACKET = /[（(](?<inside>[^（）()]{2,40})[）)]\s*[。.]?\s*$/u;

/** A byline line on its own: short, not a sentence. */
function readBylineLine(raw: string): Credit[] | null {
  const text = raw.replace(BYLINE_DECORATION, '').trim();
  if (text.length < 3 || text.length > 80) return null;
  if (text.length <= 50 && !SENTENCE_PUNCT.test(text)) {
    const role = readRoleByline(text, 20);
    if (role) return role;
  }
  return readLabelByline(text) ?? readPosterLine(text);
}

interface Found {
  index: number;
  score: number;
  credits: Credit[];
}

/**
 * Bylines in the lines around an article, most confident first: role bylines (`本报记者 葛灵丹`,
 * `新京报记者 彭冲 山东冠县报道`), writer labels the metadata rules do not read (`执笔人：…`),
 * bracketed bylines opening the first or closing the last paragraph, and forum posters. Only the
 * best byline is returned, with byline lines right next to it (`本报记者 甲` / `通讯员 乙`).
 */
export function findBylines(lines: PageLine[], span: ArticleSpan): Credit[] {
  const top = span.head >= 0 ? span.head : span.bodyStart;
  if (top < 0) return [];
  const found: Found[] = [];
  const seen = new Set<number>();
  const scan = (from: number, to: number, score: number) => {
    for (let i = Math.max(0, from); i <= Math.min(lines.length - 1, to); i++) {
      if (seen.has(i) || lines[i]!.linked) continue;
      seen.add(i);
      const credits = readBylineLine(lines[i]!.text);
      if (credits) found.push({ index: i, score: score - Math.abs(i - top) / 100, credits });
    }
  };
  const bodyStart = span.bodyStart >= 0 ? span.bodyStart : top + 1;
  // Between the headline and the body sits the usual byline; above the headline a kicker line.
  scan(top + 1, Math.min(bodyStart + 1, top + 16), 90);
  scan(top - 3, top - 1, 70);
  // The headline found may be the page's banner: the lines just above the body then hold the byline.
  scan(bodyStart - 4, bodyStart + 1, 85);
  const bodyEnd = span.bodyEnd >= bodyStart ? span.bodyEnd : -1;
  // Forum and blog posts: the poster line is distinctive enough to look for through the whole
  // post, even in a line of links (a blog's `由海姑娘张贴 @ …` under each entry).
  for (let i = top + 1; i <= Math.min(lines.length - 1, Math.max(bodyEnd, bodyStart) + 8); i++) {
    if (seen.has(i) && found.some((f) => f.index === i)) continue;
    const credits = readPosterLine(lines[i]!.text);
    if (credits) {
      found.push({ index: i, score: 50 - Math.abs(i - top) / 100, credits });
      break;
    }
  }
  if (bodyEnd >= 0) {
    scan(bodyEnd - 1, bodyEnd + 8, 75);
    const first = lines[bodyStart]?.text ?? '';
    const opening = OPENING_BRACKET.exec(first)?.groups?.inside;
    const openingCredits = opening ? readBracketInside(opening) : null;
    if (openingCredits) found.push({ index: bodyStart, score: 85, credits: openingCredits });
    for (let i = bodyEnd; i <= Math.min(lines.length - 1, bodyEnd + 2); i++) {
      const closing = CLOSING_BRACKET.exec(lines[i]!.text)?.groups?.inside;
      const credits = closing ? readBracketInside(closing) : null;
      if (credits) {
        found.push({ index: i, score: 80, credits });
        break;
      }
    }
  }
  // Bare names standing alone right under the headline (`赵延东、风笑天`), or a pen name
  // sandwiched between the headline and the body (`茉莉`).
  if (span.head >= 0) {
    // span.head is the subtitle where there is one: the byline may stand just above it.
    for (let i = span.head - 1; i <= Math.min(span.head + 2, bodyStart); i++) {
      if (i === span.head || i < 0) continue;
      const line = lines[i]!;
      // Role bylines are read above; this is for names with no role word at all.
      if (
        line.linked ||
        ROLE_SPLIT.test(line.text) ||
        SENTENCE_PUNCT.test(line.text.replace(/[、，,]/g, ''))
      )
        continue;
      // A pen name (`茉莉`) only alone on its line, between the headline and the body.
      const sandwiched = i === span.head + 1 && i === bodyStart - 1 && !/\s/.test(line.text.trim());
      const names = namesOf(line.text, sandwiched ? ['person', 'pen'] : ['person']);
      if (names && names.length <= 3 && (sandwiched || names.some(hasSurname)))
        found.push({ index: i, score: 60, credits: [{ role: '作者', names }] });
    }
  }
  if (found.length === 0) return [];
  found.sort((a, b) => b.score - a.score);
  const best = found[0]!;
  // A byline broken over neighbouring lines (`本报记者 甲` / `通讯员 乙`): keep the touching run.
  const at = new Map(found.map((f) => [f.index, f]));
  const run = [best];
  for (let i = best.index - 1; at.has(i); i--) run.push(at.get(i)!);
  for (let i = best.index + 1; at.has(i); i++) run.push(at.get(i)!);
  const credits: Credit[] = [];
  const named = new Set<string>();
  for (const f of run) {
    for (const c of f.credits) {
      const names = c.names.filter((n) => !named.has(n));
      for (const n of names) named.add(n);
      if (names.length > 0) credits.push({ role: c.role, names });
    }
  }
  return credits;
}
