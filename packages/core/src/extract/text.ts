import type { Clip, TextExtractResult, Warning } from '../clip/schema';
import { isHardWrapped, joinHardWraps, splitStories, type TextStory } from '../text';
import { assembleMeta } from './assemble-meta';
import type { Block } from './body';
import { cleanBlocks } from './clean';
import { cstDay, type DayRef, findDates } from './dates';
import { finishClip } from './finish';
import { isMetaLine, readLabelledLine } from './meta-line';
import { openerCredits } from './names';
import { MAX_ARTICLE_CHARS, notArticle } from './verdict';

export interface TextExtractOptions {
  /** The page the text was selected on, if any. */
  url?: string | null;
  /** "Now", for the year of a yearless date when the text carries no clock of its own. */
  now?: Date;
  /** The text is a PDF's (a newspaper page): its clips are `pdf-newspaper`. Detected from hard wraps otherwise. */
  pdf?: boolean;
}

const SHORT_CHROME = /^[^。！？!?，,]{1,20}$/;
const WEEKDAY = /^(?:星期|周|禮拜|礼拜)[一二三四五六日天]$/;
const BREADCRUMB_LIKE = /(?:首页|首頁)\s*[>＞»]/;

/**
 * Text selected on a page or copied from a PDF → one clip per story. Hard-wrapped lines are
 * joined, a newspaper page is split into its stories, and each story's metadata is read from
 * its own lines with the same rules as pages.
 */
export function extractFromText(text: string, options: TextExtractOptions = {}): TextExtractResult {
  if (!text.trim()) return notArticle('empty', 'The text is empty.');
  if (text.length > MAX_ARTICLE_CHARS) {
    return notArticle(
      'too-large',
      `The text holds ${text.length} characters, more than an article (limit ${MAX_ARTICLE_CHARS}).`,
    );
  }
  const pdf = options.pdf ?? isHardWrapped(text);
  const stories = splitStories(joinHardWraps(text));
  const clips = stories
    .map((s) => storyToClip(s, { ...options, pdf }))
    .filter((c): c is Clip => c !== null);
  if (clips.length === 0) {
    return notArticle('too-short', 'The text holds no story long enough to be an article.');
  }
  return { kind: 'articles', clips };
}

function storyToClip(
  story: TextStory,
  options: TextExtractOptions & { pdf: boolean },
): Clip | null {
  let paragraphs = story.paragraphs;
  // Chrome above the metadata (a reader's name, its clock, a column name) goes; a clock dates
  // yearless dates.
  const metaEnd = lastHeaderLine(paragraphs);
  let clock: DayRef | null = null;
  if (metaEnd >= 0) {
    const head = paragraphs.slice(0, metaEnd + 1);
    for (const line of head) {
      if (isMetaLine(line)) continue;
      const d = findDates(line)[0];
      if (d && d.year !== null && !clock) clock = { year: d.year, month: d.month, day: d.day };
    }
    paragraphs = [
      ...head.filter((l) => isMetaLine(l) || BREADCRUMB_LIKE.test(l) || !SHORT_CHROME.test(l)),
      ...paragraphs.slice(metaEnd + 1),
    ];
  }
  const blocks: Block[] = paragraphs.map((p) => ({ kind: 'p', text: p }));
  const title = story.title;
  const { blocks: body, harvest } = cleanBlocks(blocks, {
    title,
    subtitle: story.subtitle,
    plainHeadings: true,
  });
  const bodyChars = body.reduce((n, b) => n + b.text.length, 0);
  if (!title || bodyChars < 40) return null;

  harvest.credits.push(...openerCredits(body[0]?.text));
  // A file on disk is no address for a clip: only a web page's URL is kept, as for pages.
  const url = options.url && /^https?:/.test(options.url) ? options.url : null;
  const refDay = clock ?? cstDay(options.now ?? new Date());
  const meta = assembleMeta({
    header: harvest.labelled,
    headerLines: [],
    elsewhere: [],
    harvest,
    breadcrumbLines: [],
    declared: { publishedAt: null, source: null, author: null, column: null },
    siteName: null,
    title,
    refDay,
    url,
    isRepost: true,
    bylineHint: null,
  });
  const warnings: Warning[] = [];
  if (story.continuedFrom) {
    warnings.push({
      code: 'continued-from',
      message: `The story continues from ${story.continuedFrom}; its start is not in this text.`,
    });
  }
  if (!meta.publishedAt && !options.pdf)
    warnings.push({ code: 'no-date', message: 'No publish date was found in the text.' });
  return finishClip({
    url,
    canonicalUrl: null,
    siteName: null,
    title,
    subtitle: story.subtitle,
    meta,
    blocks: body,
    hints: { pdf: options.pdf, epaper: !!meta.newspaper || !!meta.edition },
    warnings,
  });
}

/** The last metadata or breadcrumb line among the lines before the first body paragraph, or -1. */
function lastHeaderLine(paragraphs: string[]): number {
  let last = -1;
  for (let i = 0; i < Math.min(paragraphs.length, 16); i++) {
    const p = paragraphs[i]!;
    if (
      isMetaLine(p) ||
      BREADCRUMB_LIKE.test(p) ||
      readLabelledLine(p).some((v) => v.field === 'breadcrumb')
    )
      last = i;
    else if (WEEKDAY.test(p) || SHORT_CHROME.test(p)) continue;
    else if (p.length > 40) break;
  }
  return last;
}
