import {
  CHROME_BLOCKS,
  CHROME_PREFIXES,
  CONTACT_LINE,
  END_MARK,
  FOOTER_LINE,
  PAGINATION_LINE,
  TAIL_CUT_MARKERS,
} from '../rules/boilerplate';
import type { Block } from './body';
import { type FoundDate, findDates } from './dates';
import { isMetaLine, type LabelledValue, readLabelledLine } from './meta-line';
import { type Credit, parseBracketByline } from './names';

/** What cleaning took out of the body that is metadata, not chrome. */
export interface Harvest {
  labelled: LabelledValue[];
  credits: Credit[];
  /** A WeChat article's own line under its title: `集团全媒体中心 白云精康医院 2023-07-11 21:05`. */
  repostLine: { names: string[]; date: FoundDate } | null;
  breadcrumbLines: string[];
}

export interface CleanOptions {
  title: string | null;
  subtitle: string | null;
  /** Text mode: a short unpunctuated line between paragraphs is a heading. */
  plainHeadings?: boolean;
  /** True when the text stands on the page entirely inside links (a related or navigation list). */
  isLinked?: (text: string) => boolean;
}

const SENTENCE_PUNCT = /[。！？!?；;，,、：:…]/;
const SENTENCE_END = /[。！？!?；;…”」』）)]$/;
const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');

const isImage = (b: Block | undefined) => !!b && (b.kind === 'img' || isPlaceholder(b.text));
function isPlaceholder(text: string): boolean {
  const t = squash(text);
  return t === '图片' || t === '圖片' || t === '[图片]' || t === '【图片】' || t === '图';
}

function isChrome(text: string): boolean {
  const t = squash(text);
  if (CHROME_BLOCKS.some((c) => squash(c) === t)) return true;
  if (t.length <= 40 && CHROME_PREFIXES.some((p) => t.startsWith(squash(p)))) return true;
  if (t.length <= 60 && PAGINATION_LINE.test(text.trim())) return true;
  return CONTACT_LINE.test(text) || (t.length <= 120 && FOOTER_LINE.test(text));
}

const TAIL_MARKERS = TAIL_CUT_MARKERS.map(squash);

function isTailCut(text: string): boolean {
  if (END_MARK.test(text)) return true;
  const t = squash(text);
  return TAIL_MARKERS.some((marker) => {
    if (!t.startsWith(marker)) return false;
    // Statements run long; a list heading or a control is short.
    return t.length <= 60 || /声明|聲明/.test(marker);
  });
}

/**
 * A chrome marker ends the body only where what follows is the page's tail: little text, or
 * short lines (lists, credits). Mid-body `延伸阅读` boxes are followed by more of the article.
 */
function isTail(blocks: Block[], i: number, charsFromHere: number): boolean {
  const rest = blocks.slice(i + 1).filter((b) => b.kind !== 'img');
  const long = rest.filter((b) => b.text.length >= 80).reduce((n, b) => n + b.text.length, 0);
  return long <= 400 || charsFromHere <= 0.25 * (charsFromHere + i * 40);
}

/** Spaced-out slogans (`云 医 心 向 党`), `A&B` taglines, section numbers `01`. */
function isDecoration(text: string): boolean {
  const t = text.trim();
  if (/^(?:\S{1,2}\s+){2,}\S{1,2}$/u.test(t) && !/\d{4}/.test(t)) return true;
  if (t.length <= 14 && /[&＆|｜]/.test(t) && !SENTENCE_PUNCT.test(t)) return true;
  if (/^[+＋]\d{1,4}$/.test(t)) return true; // a like counter: `+1`
  return /^(?:0?\d{1,2}|[一二三四五六七八九十]{1,3}|[IVX]{1,4})$/.test(t) && t.length <= 3;
}

function isBreadcrumb(text: string): boolean {
  const labelled = readLabelledLine(text).some((v) => v.field === 'breadcrumb');
  return (
    labelled ||
    ((text.match(/[>＞»→]/g)?.length ?? 0) >= 2 && text.length <= 120 && !SENTENCE_END.test(text))
  );
}

/** `集团全媒体中心 白云精康医院 2023-07-11 21:05`: a few short names and a date with a time. */
function readRepostLine(text: string): { names: string[]; date: FoundDate } | null {
  if (text.length > 60) return null;
  const [date] = findDates(text);
  if (!date || date.hour === null) return null;
  const rest = (text.slice(0, date.index) + text.slice(date.index + date.length)).trim();
  const names = rest.split(/\s+/).filter(Boolean);
  if (
    names.length === 0 ||
    names.length > 4 ||
    names.some((n) => n.length > 16 || SENTENCE_PUNCT.test(n))
  )
    return null;
  return { names, date };
}

function isTitleRepeat(text: string, opts: CleanOptions): boolean {
  const t = squash(text);
  const title = squash(opts.title ?? '');
  const subtitle = squash(opts.subtitle ?? '');
  if (!title || !t) return false;
  return (
    t === title ||
    t === subtitle ||
    t === title + subtitle ||
    (t.length >= 6 && title.includes(t)) ||
    (title.length >= 6 && t.startsWith(title) && t.length - title.length <= 2)
  );
}

/**
 * Strips the page's chrome from a body and harvests the metadata it carried: headline repeats,
 * meta lines, breadcrumbs and decoration at the start; related lists, statements, share bars,
 * `— END —` and credits at the end; placeholders, captions and bylines anywhere.
 */
export function cleanBlocks(
  input: Block[],
  opts: CleanOptions,
): { blocks: Block[]; harvest: Harvest } {
  const harvest: Harvest = {
    labelled: [],
    credits: [],
    repostLine: null,
    breadcrumbLines: [],
  };
  let blocks = input.filter((b) => b.kind === 'img' || b.text.trim() !== '');

  // Anywhere: a short block that is only labelled metadata (文/…, 责任编辑：…, 原文链接:…) is metadata.
  const harvestMeta = (b: Block): boolean => {
    if (b.kind === 'img') return false;
    if (isMetaLine(b.text)) {
      harvest.labelled.push(...readLabelledLine(b.text));
      return true;
    }
    const credits = parseBracketByline(b.text);
    if (credits) {
      harvest.credits.push(...credits);
      return true;
    }
    return false;
  };

  // Tail: cut at the first chrome marker in the last part of the body, keeping the metadata.
  const totalChars = blocks.reduce((n, b) => n + b.text.length, 0);
  let seen = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (
      i > 0 &&
      seen >= Math.min(100, totalChars * 0.3) &&
      isTailCut(b.text) &&
      isTail(blocks, i, totalChars - seen)
    ) {
      for (const rest of blocks.slice(i)) {
        if (rest.kind !== 'img' && rest.text.length <= 200) harvestMeta(rest);
      }
      blocks = blocks.slice(0, i);
      break;
    }
    seen += b.text.length;
  }

  // A related-reading box inside the body (`延伸阅读：…` and a run of linked headlines) goes whole.
  if (opts.isLinked) {
    const kept: Block[] = [];
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (isTailCut(b.text) && !END_MARK.test(b.text) && opts.isLinked(blocks[i + 1]?.text ?? '')) {
        let j = i + 1;
        while (j < blocks.length && opts.isLinked(blocks[j]!.text)) j++;
        i = j - 1;
        continue;
      }
      kept.push(b);
    }
    blocks = kept;
  }

  // Whatever stands above the headline's repeat inside the body is chrome (a navigation box title).
  const firstLong = blocks.findIndex((b) => b.text.length >= 60);
  const repeat = blocks.findIndex(
    (b, i) =>
      i < 8 && (firstLong < 0 || i < firstLong) && b.kind !== 'img' && isTitleRepeat(b.text, opts),
  );
  if (repeat > 0) {
    for (const b of blocks.slice(0, repeat)) {
      if (!harvestMeta(b) && isBreadcrumb(b.text)) harvest.breadcrumbLines.push(b.text);
    }
    blocks = blocks.slice(repeat);
  }

  // Head: headline repeats, meta lines, breadcrumbs, a repost's own line, chrome, decoration.
  let start = 0;
  for (; start < blocks.length; start++) {
    const b = blocks[start]!;
    if (b.kind === 'img' || isPlaceholder(b.text)) continue;
    const text = b.text;
    if (harvestMeta(b)) continue;
    if (isTitleRepeat(text, opts) || isChrome(text) || isDecoration(text)) continue;
    if (isBreadcrumb(text)) {
      harvest.breadcrumbLines.push(text);
      continue;
    }
    const repost = !harvest.repostLine ? readRepostLine(text) : null;
    if (repost) {
      harvest.repostLine = repost;
      continue;
    }
    // A date line opening the body stays: a press release's dateline is part of its text.
    // A short unpunctuated line next to images before the first paragraph is a banner slogan.
    if (
      text.length <= 16 &&
      !/\d/.test(text) &&
      !SENTENCE_PUNCT.test(text) &&
      (isImage(blocks[start + 1]) || isImage(blocks[start - 1]))
    )
      continue;
    break;
  }
  // Keep real images that stood at the head (a lead photo), drop the rest of the head.
  const head = blocks
    .slice(0, start)
    .filter((b) => b.kind === 'img' && b.src && !isPlaceholder(b.alt ?? ''));
  blocks = [...head, ...blocks.slice(start)];

  // Tail again: trailing link lists and their headings, credits, bylines, contact and footer lines, images.
  let poppedLinks = false;
  while (blocks.length > 0) {
    const b = blocks[blocks.length - 1]!;
    if (b.kind !== 'img' && opts.isLinked?.(b.text)) {
      blocks.pop();
      poppedLinks = true;
      continue;
    }
    if (
      isTitleRepeat(b.text, opts) ||
      (poppedLinks && b.text.length <= 10 && !SENTENCE_PUNCT.test(b.text))
    ) {
      blocks.pop(); // the list's heading: 版面导航, 热点文章
      continue;
    }
    if (
      b.kind === 'img' ||
      isPlaceholder(b.text) ||
      isChrome(b.text) ||
      isDecoration(b.text) ||
      END_MARK.test(b.text)
    ) {
      blocks.pop();
      continue;
    }
    if (b.text.length <= 80 && harvestMeta(b)) {
      blocks.pop();
      continue;
    }
    break;
  }

  // Anywhere: placeholders, decoration, captions under images, bylines and credit lines.
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === 'img') {
      if (b.src && !isPlaceholder(b.alt ?? '')) out.push(b);
      continue;
    }
    const text = b.text;
    if (isPlaceholder(text) || isDecoration(text)) continue;
    if (b.text.length <= 60 && harvestMeta(b)) continue;
    const prevIsImage =
      isImage(blocks[i - 1]) || (isImage(blocks[i - 2]) && isDecoration(blocks[i - 1]?.text ?? ''));
    if (b.kind === 'caption' || (prevIsImage && /^[（(][^（）()]{4,}[）)]$/.test(text.trim()))) {
      out.push({ kind: 'caption', text: text.replace(/^[（(]|[）)]$/g, '') });
      continue;
    }
    if (
      text.length <= 16 &&
      !/\d/.test(text) &&
      !SENTENCE_PUNCT.test(text) &&
      isImage(blocks[i - 1]) &&
      isImage(blocks[i + 1])
    )
      continue;
    out.push(headingOrSelf(b, blocks, i, opts));
  }
  return { blocks: out, harvest };
}

function headingOrSelf(b: Block, blocks: Block[], i: number, opts: CleanOptions): Block {
  if (b.kind !== 'p') return b;
  const text = b.text;
  const unpunctuated = !/[。！？!?；;…]/.test(text);
  if (b.bold && text.length <= 40 && unpunctuated) return { ...b, kind: 'h' };
  if (
    opts.plainHeadings &&
    text.length <= 30 &&
    unpunctuated &&
    !SENTENCE_END.test(text) &&
    i + 1 < blocks.length
  ) {
    return { ...b, kind: 'h' };
  }
  return b;
}
