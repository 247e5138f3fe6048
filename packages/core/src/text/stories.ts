import { lineWidth } from './hard-wraps';
import {
  BRACKETED_CAPTION,
  BYLINE,
  CHROME_LINES,
  CLAUSE_PUNCTUATION,
  CONTINUED_FROM,
  ENDS_SENTENCE,
  LABEL_OR_URL,
  LAYOUT,
  MERGED_OPENER,
  METADATA_LINE,
  matchesAny,
  PHOTO_CREDITS,
  STORY_OPENERS,
  SUBTITLE_DASH,
  TRAILING_BYLINE,
} from './rules';

export interface TextStory {
  /** The story's headline. */
  title: string | null;
  /** Second headline line; a leading "——" is removed. */
  subtitle: string | null;
  /**
   * Everything else of the story in reading order: meta lines, byline lines, body paragraphs,
   * section subheads (each its own paragraph).
   */
  paragraphs: string[];
  /** "第1版" when the story starts with （上接第1版）; that marker line is removed. */
  continuedFrom: string | null;
  /** Photo captions and credits taken out of the paragraphs. */
  captions: string[];
}

/** What a paragraph is on a newspaper page. */
export type ParagraphRole =
  | 'opener' // 本报讯 …: the first paragraph of a story
  | 'continued' // （上接第1版）
  | 'headline' // short, no sentence punctuation
  | 'subtitle' // ——副题
  | 'byline' // （陆水清 王炜昌）
  | 'caption' // photo caption or credit
  | 'body';

/** Paragraphs → stories: one for web-copied text, one per story for a newspaper page. */
export function splitStories(paragraphs: readonly string[]): TextStory[] {
  const separated = separateMerged(paragraphs.map((p) => p.trim()).filter((p) => p !== ''));
  if (separated.length === 0) return [];
  const web = webStory(separated);
  return web ? [web] : pageStories(separated);
}

/**
 * Undo two merges the PDF text makes: a headline run into the next story's opener
 * ("陕西汉阴：村医竞聘上岗 本报讯 …"), and a byline glued after the last sentence ("…。 （王柄钧）").
 */
function separateMerged(paragraphs: readonly string[]): string[] {
  const out: string[] = [];
  for (const paragraph of paragraphs) {
    const opener = MERGED_OPENER.exec(paragraph);
    const head = opener ? paragraph.slice(0, opener.index).trim() : '';
    const parts =
      opener && isHeadline(head, LAYOUT.maxHeadlineWidth)
        ? [head, paragraph.slice(opener.index).trim()]
        : [paragraph];
    for (const part of parts) {
      const byline = TRAILING_BYLINE.exec(part);
      if (byline?.[1] && byline.index > 0) {
        out.push(part.slice(0, byline.index).trim(), byline[1]);
      } else {
        out.push(part);
      }
    }
  }
  return out;
}

/** A headline: short, no sentence inside or at its end, not a label line or a marker. */
export function isHeadline(text: string, maxWidth: number): boolean {
  if (text === '' || lineWidth(text) > maxWidth) return false;
  if (ENDS_SENTENCE.test(text) || text.includes('。')) return false;
  if (/[，,、；;：:]$/.test(text)) return false;
  return !(
    matchesAny(STORY_OPENERS, text) ||
    matchesAny(CHROME_LINES, text) ||
    matchesAny(PHOTO_CREDITS, text) ||
    METADATA_LINE.test(text) ||
    CONTINUED_FROM.test(text) ||
    BYLINE.test(text) ||
    /^[（(].*[）)]$/.test(text)
  );
}

/** Captions any text may carry: photo credits, and bracketed lines describing a photo. */
function isMarkedCaption(text: string): boolean {
  return matchesAny(PHOTO_CREDITS, text) || (BRACKETED_CAPTION.test(text) && !BYLINE.test(text));
}

export function paragraphRole(text: string): ParagraphRole {
  if (matchesAny(STORY_OPENERS, text)) return 'opener';
  if (CONTINUED_FROM.test(text)) return 'continued';
  if (BYLINE.test(text)) return 'byline';
  if (isMarkedCaption(text)) return 'caption';
  if (SUBTITLE_DASH.test(text) && isHeadline(text, LAYOUT.maxWebHeadlineWidth)) return 'subtitle';
  if (isHeadline(text, LAYOUT.maxHeadlineWidth)) return 'headline';
  // On a newspaper page a line wider than a headline without a single clause mark is a photo
  // caption (often two run together: "医院医务人员下乡开展志愿服务 医院心血管内科团队为…").
  if (
    lineWidth(text) >= LAYOUT.minCaptionWidth &&
    !CLAUSE_PUNCTUATION.test(text) &&
    !LABEL_OR_URL.test(text)
  )
    return 'caption';
  return 'body';
}

/**
 * Web-copied text: one story, titled by the headline line(s) directly above the first metadata
 * line (发布时间/来源/日期 …), chrome lines skipped. Null when there is no such headline.
 */
function webStory(paragraphs: readonly string[]): TextStory | null {
  const depth = Math.min(paragraphs.length, LAYOUT.metadataSearchDepth);
  const metadataAt = paragraphs.slice(0, depth).findIndex((p) => METADATA_LINE.test(p));
  if (metadataAt <= 0) return null;
  const headlineAt: number[] = [];
  for (let i = metadataAt - 1; i >= 0 && headlineAt.length < 2; i--) {
    const text = paragraphs[i]!;
    if (!isHeadline(text, LAYOUT.maxWebHeadlineWidth)) break;
    headlineAt.unshift(i);
  }
  if (headlineAt.length === 0) return null;
  const [titleAt, subtitleAt] = headlineAt;
  const story = emptyStory();
  story.title = paragraphs[titleAt!]!;
  story.subtitle = subtitleAt === undefined ? null : stripDash(paragraphs[subtitleAt]!);
  paragraphs.forEach((text, i) => {
    if (headlineAt.includes(i)) return;
    if (isMarkedCaption(text)) story.captions.push(text);
    else story.paragraphs.push(text);
  });
  return story;
}

/**
 * A newspaper page's stories. A story starts at an opener (本报讯 …) or a continuation marker;
 * its headline is the headline run next to it: after its body when the page prints headlines
 * after the stories (the page then ends in a headline), else before it. A headline followed by
 * a ——subtitle is a story's headline wherever it stands, and what follows it up to the story's
 * end is the lead printed under it, which reads first.
 */
function pageStories(paragraphs: readonly string[]): TextStory[] {
  const roles = paragraphs.map(paragraphRole);
  const lastContent = roles.findLastIndex((role) => role !== 'caption');
  // Headlines trail when the page ends in one; only a page with story markers is read so, since
  // a selection can end in any short line.
  const marked = roles.some(
    (role, i) =>
      role === 'opener' ||
      role === 'continued' ||
      (role === 'headline' && roles[i + 1] === 'subtitle'),
  );
  const headlinesTrail = marked && lastContent > 0 && isHeadlineRole(roles[lastContent]!);

  const starts: number[] = [0];
  roles.forEach((role, i) => {
    if (i === 0 || (role !== 'opener' && role !== 'continued')) return;
    let start = i;
    if (!headlinesTrail) {
      // Headlines lead: the headline run above the opener belongs to the story it opens.
      while (start > 0 && isHeadlineRole(roles[start - 1]!)) start--;
    }
    // A continuation marker directly above an opener belongs with it.
    if (roles[start - 1] === 'continued') start--;
    if (start > starts.at(-1)!) starts.push(start);
  });

  return starts.map((start, k) => {
    const end = starts[k + 1] ?? paragraphs.length;
    return storyOf(paragraphs.slice(start, end), roles.slice(start, end), headlinesTrail);
  });
}

function isHeadlineRole(role: ParagraphRole): boolean {
  return role === 'headline' || role === 'subtitle';
}

function storyOf(
  paragraphs: readonly string[],
  roles: readonly ParagraphRole[],
  headlinesTrail: boolean,
): TextStory {
  const story = emptyStory();
  const [titleAt, subtitleAt] = findTitle(roles, headlinesTrail);
  if (titleAt !== undefined) story.title = paragraphs[titleAt]!;
  if (subtitleAt !== undefined) story.subtitle = stripDash(paragraphs[subtitleAt]!);
  const headlineEnd = subtitleAt ?? titleAt ?? -1;

  // The marker counts when it opens the story: only headlines or captions stand before it.
  const markerAt = roles.findIndex((role) => role !== 'caption' && !isHeadlineRole(role));
  const before: string[] = [];
  const lead: string[] = [];
  paragraphs.forEach((text, i) => {
    if (i === titleAt || i === subtitleAt) return;
    const role = roles[i]!;
    if (role === 'caption') {
      story.captions.push(text);
    } else if (role === 'continued' && i === markerAt) {
      story.continuedFrom = CONTINUED_FROM.exec(text)![1]!.replace(/\s+/g, '');
    } else if (titleAt !== undefined && i > headlineEnd) {
      lead.push(text);
    } else {
      before.push(text);
    }
  });
  // Under a headline that trails its body, the lead printed beneath it reads first.
  story.paragraphs =
    headlinesTrail && titleAt !== undefined ? [...lead, ...before] : [...before, ...lead];
  return story;
}

/** Indices of the title and subtitle within a story's paragraphs. */
function findTitle(roles: readonly ParagraphRole[], headlinesTrail: boolean): [number?, number?] {
  const dashed = roles.findIndex((role, i) => role === 'headline' && roles[i + 1] === 'subtitle');
  if (dashed >= 0) return [dashed, dashed + 1];
  const content = roles.flatMap((role, i) =>
    role === 'caption' || role === 'continued' ? [] : [i],
  );
  if (content.length < 2) return [];
  const run = headlinesTrail ? content.slice(-2) : content.slice(0, 2);
  const inRun = run.filter((i) => isHeadlineRole(roles[i]!));
  if (headlinesTrail) {
    // The last one or two content paragraphs, if they are headlines.
    if (inRun.length === 2 && run[0]! + 1 === run[1]) return [run[0]!, run[1]!];
    const last = run.at(-1)!;
    return isHeadlineRole(roles[last]!) ? [last] : [];
  }
  // Headlines lead: the first one or two, if something other than headlines follows them.
  if (!isHeadlineRole(roles[run[0]!]!)) return [];
  const restHasBody = content.some((i) => !isHeadlineRole(roles[i]!));
  if (!restHasBody) return [];
  // Two headline lines above the body: the second is the subtitle (a two-line headline).
  const twoLines = inRun.length === 2 && run[0]! + 1 === run[1];
  const bodyAfterTwo = content.slice(2).some((i) => !isHeadlineRole(roles[i]!));
  return twoLines && bodyAfterTwo ? [run[0]!, run[1]!] : [run[0]!];
}

function stripDash(text: string): string {
  return text.replace(SUBTITLE_DASH, '');
}

function emptyStory(): TextStory {
  return { title: null, subtitle: null, paragraphs: [], continuedFrom: null, captions: [] };
}
