import { isMetaLine } from './meta-line';
import type { PageLine } from './page-lines';
import type { PageMeta } from './page-meta';

export interface Headline {
  title: string;
  subtitle: string | null;
  /** The headline's line in `lines`, when it is visible on the page. */
  lineIndex: number | null;
  /** The subtitle's line, when there is one. */
  subtitleIndex: number | null;
}

/** Longest common substring length (dynamic programming; the strings are short). */
export function lcsLength(a: string, b: string): number {
  if (!a || !b) return 0;
  let best = 0;
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? prev[j - 1]! + 1 : 0;
      if (cur[j]! > best) best = cur[j]!;
    }
    [prev, cur] = [cur, prev];
    cur.fill(0);
  }
  return best;
}

const TITLE_HINT =
  /(?:^|[\s_-])(?:title|headline|biaoti|bt|tit|article-?title|news_?title|detail-?title|arti_?title|h_?title)(?:$|[\s_-])/i;
const SUBTITLE_HINT = /sub-?title|fbt|futi|sub_?head|subhead|vice|fu-?title/i;
const SENTENCE_END = /[。！？!?；;…]$/;
/** Separators between a headline and the site/column names in `<title>`. */
export const TITLE_SEPARATORS = /\s*(?:_|\||｜|--|—{1,2}|–| - |-(?=[\p{Script=Han}])|·|::|:: )\s*/u;

function hintOf(el: Element): string {
  let s = '';
  let cur: Element | null = el;
  for (let i = 0; i < 2 && cur; i++, cur = cur.parentElement) {
    s += ` ${cur.getAttribute('class') ?? ''} ${cur.getAttribute('id') ?? ''}`;
  }
  return s;
}

function isHeadingTag(el: Element): boolean {
  return /^H[1-3]$/i.test(el.tagName);
}

/** `<title>` split into segments, with the site name and column names among them. */
export function titleSegments(titleTag: string | null): string[] {
  if (!titleTag) return [];
  return titleTag
    .split(TITLE_SEPARATORS)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function findHeadline(lines: PageLine[], meta: PageMeta): Headline | null {
  const refs = [meta.titleTag, meta.metaTitle].filter((s): s is string => !!s);
  let best: { index: number; score: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const text = line.text;
    if (text.length < 4 || text.length > 120) continue;
    const heading = isHeadingTag(line.element);
    const hinted =
      TITLE_HINT.test(hintOf(line.element)) && !SUBTITLE_HINT.test(hintOf(line.element));
    if (!heading && !hinted && !refs.some((r) => r.includes(text) && text.length >= 8)) continue;
    if (isMetaLine(text)) continue;
    const common = Math.max(0, ...refs.map((r) => lcsLength(text, r)));
    const coverage = common / text.length;
    if (refs.length > 0 && coverage < 0.5) {
      // A heading that shares nothing with <title> is a section or sidebar heading.
      continue;
    }
    // Prefer full coverage, then the page's main heading, then unlinked text, then length.
    const score =
      coverage * 100 +
      (line.element.tagName.toUpperCase() === 'H1' ? 8 : heading ? 4 : 2) +
      (line.linked ? -6 : 0) +
      Math.min(common, 40) / 10;
    if (!best || score > best.score) best = { index: i, score };
  }
  if (best) {
    const index = best.index;
    const sub = findSubtitle(lines, index);
    return {
      title: lines[index]!.text,
      subtitle: sub?.text ?? null,
      lineIndex: index,
      subtitleIndex: sub?.index ?? null,
    };
  }
  // No visible heading matches: take the best segment of the page's own title.
  const fromMeta = meta.metaTitle ? titleSegments(meta.metaTitle)[0] : undefined;
  const segments = titleSegments(meta.titleTag);
  const fromTag = segments.sort((a, b) => b.length - a.length)[0];
  const title = fromMeta ?? fromTag;
  if (!title) return null;
  const index = lines.findIndex((l) => l.text === title);
  return { title, subtitle: null, lineIndex: index >= 0 ? index : null, subtitleIndex: null };
}

function findSubtitle(lines: PageLine[], index: number): { text: string; index: number } | null {
  const title = lines[index]!;
  const next = lines[index + 1];
  if (!next) return null;
  const text = next.text;
  if (text.length < 2 || text.length > 60 || SENTENCE_END.test(text) || isMetaLine(text))
    return null;
  if (/\d{4}\s*[-/.年]\s*\d{1,2}/.test(text)) return null;
  const dashed = /^[—–\-－]{1,2}/.test(text);
  const sameKind =
    next.element.tagName === title.element.tagName &&
    /^H[1-4]$/i.test(next.element.tagName) &&
    next.element !== title.element;
  const hinted = SUBTITLE_HINT.test(hintOf(next.element)) || /^H[2-4]$/i.test(next.element.tagName);
  if (!dashed && !sameKind && !hinted) return null;
  return { text: text.replace(/^[—–\-－]{1,2}\s*/, ''), index: index + 1 };
}

/** The site's name: declared, else the `<title>` segment that is not the headline. */
export function findSiteName(meta: PageMeta, title: string | null): string | null {
  if (meta.siteName) return meta.siteName;
  const segments = titleSegments(meta.titleTag).filter(
    (s) => !title || lcsLength(s, title) < Math.min(s.length, title.length) * 0.6,
  );
  const last = segments[segments.length - 1];
  if (last && last.length <= 30) return last;
  return null;
}
