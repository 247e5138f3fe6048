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

/**
 * The page's headline: the visible heading that shares the most with `<title>`/og:title (NOTES.md:
 * the longest common substring beats Readability's title on Chinese pages), preferring headings
 * close above the body; else the short line right above the body; else the best `<title>` segment.
 */
export function findHeadline(lines: PageLine[], meta: PageMeta, bodyStart = -1): Headline | null {
  const refs = [meta.titleTag, meta.metaTitle].filter((s): s is string => !!s);
  const segments = titleSegments(meta.titleTag);
  // The last of several `<title>` segments is the site's name, never the headline.
  const siteSegment = segments.length > 1 ? segments[segments.length - 1] : null;
  let best: { index: number; score: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const text = line.text;
    if (text.length < 4 || text.length > 120) continue;
    if (bodyStart >= 0 && i > bodyStart + 2) break;
    const heading = isHeadingTag(line.element);
    const hinted =
      TITLE_HINT.test(hintOf(line.element)) && !SUBTITLE_HINT.test(hintOf(line.element));
    if (!heading && !hinted && !refs.some((r) => r.includes(text) && text.length >= 8)) continue;
    // With no <title> to compare against, only a real heading element can be the headline.
    if (refs.length === 0 && !/^H[12]$/i.test(line.element.tagName)) continue;
    // A line opening with a dash is a subtitle (`——当代中国的精神危机`), never the headline.
    if (/^[—–-]{1,2}/.test(text)) continue;
    if (isMetaLine(text) || /[>＞»]/.test(text) || text === meta.siteName || text === siteSegment)
      continue;
    const common = Math.max(0, ...refs.map((r) => lcsLength(text, r)));
    const coverage = common / text.length;
    // A heading that shares little with <title> is a section or sidebar heading.
    if (refs.length > 0 && (coverage < 0.5 || common < 4)) continue;
    const near = bodyStart >= 0 && i <= bodyStart && bodyStart - i <= 15 ? 15 - (bodyStart - i) : 0;
    const score =
      coverage * 50 +
      Math.min(common, 30) * 2 +
      (line.element.tagName.toUpperCase() === 'H1' ? 8 : heading ? 4 : 2) +
      (line.linked ? -6 : 0) +
      near;
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
  const above = bodyStart >= 0 ? lineAboveBody(lines, bodyStart) : null;
  if (above) return above;
  // Nothing visible: the best segment of the page's own title.
  const fromMeta = meta.metaTitle ? titleSegments(meta.metaTitle)[0] : undefined;
  const fromTag = [...segments].sort((a, b) => b.length - a.length)[0];
  const title = fromMeta ?? fromTag;
  if (!title) return null;
  const index = lines.findIndex((l) => l.text === title);
  return { title, subtitle: null, lineIndex: index >= 0 ? index : null, subtitleIndex: null };
}

/**
 * The short line standing right above the body, skipping meta lines, dates and bylines; a blog's
 * post title is often a link, so linked lines get a second pass; a body opening with its own
 * headline (a short unpunctuated first line) gives that.
 */
function lineAboveBody(lines: PageLine[], bodyStart: number): Headline | null {
  const usable = (t: string) =>
    t.length >= 4 &&
    !/^[—–-]{1,2}/.test(t) &&
    t.length <= 80 &&
    // Headlines may end in ！ or ？; a full stop or comma inside makes it a sentence.
    !/[。，]/.test(t) &&
    !/^(?:首页|首頁|主页|网站首页)\s*[-—>»]/.test(t) &&
    !/[>＞»]/.test(t) &&
    !isMetaLine(t) &&
    !/\d{4}\s*[-/.年]\s*\d{1,2}/.test(t) &&
    !/^https?:/.test(t);
  // 标题 / 作者 / ——副标题 / 一、小标题 / body: a dash subtitle in the short lines above the body
  // marks the headline as the line above it (past a bare byline), not the section heading.
  for (let i = bodyStart - 1; i >= Math.max(1, bodyStart - 6); i--) {
    const t = lines[i]!.text;
    if (t.length > 80) break;
    if (!/^[—–]{1,2}\s*\S/.test(t)) continue;
    for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
      const above = lines[j]!.text;
      if (above.length <= 4) continue; // a bare byline between headline and subtitle
      if (usable(above)) {
        return {
          title: above,
          subtitle: t.replace(/^[—–]{1,2}\s*/, ''),
          lineIndex: j,
          subtitleIndex: i,
        };
      }
      break;
    }
  }
  // A body opening with a short unpunctuated line opens with its own headline.
  const opening = lines[bodyStart];
  if (opening && !opening.linked && usable(opening.text) && opening.text.length <= 60) {
    return { title: opening.text, subtitle: null, lineIndex: bodyStart, subtitleIndex: null };
  }
  for (const allowLinked of [false, true]) {
    for (let i = bodyStart - 1; i >= Math.max(0, bodyStart - 8); i--) {
      const line = lines[i]!;
      if ((!line.linked || allowLinked) && usable(line.text)) {
        return { title: line.text, subtitle: null, lineIndex: i, subtitleIndex: null };
      }
    }
  }
  return null;
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
