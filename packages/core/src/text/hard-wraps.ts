import {
  BYLINE,
  CONTINUED_FROM,
  CONTINUED_ON,
  ENDS_SENTENCE,
  LAYOUT,
  matchesAny,
  PHOTO_CREDITS,
  STORY_OPENERS,
  SUBTITLE_DASH,
  TRAILING_BYLINE,
} from './rules';

/** One non-blank source line, with what the layout decisions need to know about it. */
interface SourceLine {
  text: string;
  width: number;
  /** A blank line separates it from the line before. */
  blankBefore: boolean;
  /** The source line had whitespace after its last character. */
  trailingSpace: boolean;
}

/** Whitespace of any kind, including the full-width space used for indentation. */
const WHITESPACE_RUN = /[\s\u00a0\u3000\ufeff]+/g;
const ASCII_ALNUM = /[A-Za-z0-9]/;

/** Collapse whitespace runs to one space and trim; characters are otherwise left as they are. */
export function normalizeLine(line: string): string {
  return line.replace(WHITESPACE_RUN, ' ').trim();
}

/** Printed width in column units: ASCII is half as wide as a CJK character or full-width mark. */
export function lineWidth(line: string): number {
  let width = 0;
  for (const char of line) width += char.charCodeAt(0) < 0x7f ? 0.5 : 1;
  return width;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * A text is hard-wrapped when most of its lines have nearly the column's width and do not end
 * a sentence: the line breaks are the column's, not the author's.
 */
export function isHardWrapped(text: string): boolean {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map(normalizeLine)
    .filter((line) => line !== '');
  return looksHardWrapped(lines);
}

function looksHardWrapped(lines: readonly string[]): boolean {
  if (lines.length < 4) return false;
  const column = median(lines.map(lineWidth));
  if (column < LAYOUT.minColumnWidth || column > LAYOUT.maxColumnWidth) return false;
  const wrapped = lines.filter(
    (line) => !ENDS_SENTENCE.test(line) && Math.abs(lineWidth(line) - column) <= column * 0.25,
  );
  return wrapped.length >= lines.length * LAYOUT.wrappedShare;
}

/**
 * Paragraphs of a selection or of a PDF page's text. Hard-wrapped text (a newspaper column cut
 * every ~14 characters) has its wrapped lines joined; a blank line that falls mid-sentence after
 * a full line is a column break and is joined over. Other text gives one paragraph per non-empty
 * line. Only whitespace changes: indentation and runs of spaces; no space is put between CJK
 * characters, and a line break between two Latin or digit runs becomes one space.
 */
export function joinHardWraps(text: string): string[] {
  const rawLines = text.split(/\r\n|\r|\n/);
  const lines: SourceLine[] = [];
  let blankBefore = false;
  for (const raw of rawLines) {
    const line = normalizeLine(raw);
    if (line === '') {
      blankBefore = lines.length > 0;
      continue;
    }
    lines.push({
      text: line,
      width: lineWidth(line),
      blankBefore,
      trailingSpace: /[\s\u00a0\u3000]$/.test(raw),
    });
    blankBefore = false;
  }
  if (!looksHardWrapped(lines.map((line) => line.text))) return lines.map((line) => line.text);

  const columns = localColumnWidths(lines);
  // Pages that separate paragraphs with blank lines let a full line ending a sentence run on.
  const blankSeparated = usesBlankSeparators(lines, columns);
  const paragraphs: string[] = [];
  let current = lines[0]!.text;
  let quoteDepth = quoteBalance(current);
  for (let i = 1; i < lines.length; i++) {
    const previous = lines[i - 1]!;
    const line = lines[i]!;
    // Across a blank line the column after the break counts too: a short subhead above a
    // wide column is short even when a narrow column (a lead under the headline) precedes it.
    const column = line.blankBefore ? Math.max(columns[i - 1]!, columns[i]!) : columns[i - 1]!;
    if (continues(previous, line, column, blankSeparated, quoteDepth)) {
      current = joinLine(current, previous, line);
      quoteDepth += quoteBalance(line.text);
    } else {
      paragraphs.push(current);
      current = line.text;
      quoteDepth = quoteBalance(line.text);
    }
  }
  paragraphs.push(current);
  return paragraphs;
}

/** The column width around each line: the median width of its neighbours. */
function localColumnWidths(lines: readonly SourceLine[]): number[] {
  return lines.map((_, i) => {
    const from = Math.max(0, i - LAYOUT.widthWindow);
    const to = Math.min(lines.length, i + LAYOUT.widthWindow + 1);
    return median(lines.slice(from, to).map((line) => line.width));
  });
}

function usesBlankSeparators(lines: readonly SourceLine[], columns: readonly number[]): boolean {
  let ends = 0;
  let blankAfterEnds = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    if (!ENDS_SENTENCE.test(line.text) || line.width >= columns[i]! * LAYOUT.fullLineRatio)
      continue;
    // A short line ending a sentence surely ends its paragraph: is a blank line after it?
    ends++;
    if (lines[i + 1]!.blankBefore) blankAfterEnds++;
  }
  return ends > 0 && blankAfterEnds >= ends / 2;
}

/** Does `line` carry on the paragraph that `previous` is part of? */
function continues(
  previous: SourceLine,
  line: SourceLine,
  column: number,
  blankSeparated: boolean,
  quoteDepth: number,
): boolean {
  if (startsBlock(line.text) || standsAlone(previous.text)) return false;
  const full = previous.width >= column * LAYOUT.fullLineRatio;
  const overWide = previous.width > column * LAYOUT.overWideRatio;
  if (!full) return false;
  const endsSentence = ENDS_SENTENCE.test(previous.text);
  if (line.blankBefore) return !endsSentence && !overWide && !TRAILING_BYLINE.test(previous.text);
  if (!endsSentence) return true;
  // A full line ending a sentence, with no blank after it: the paragraph runs on if the page
  // marks paragraphs with blank lines, or if a quotation is still open.
  return blankSeparated || quoteDepth > 0;
}

/** Lines that always open a new paragraph: story openers, subtitles, page markers. */
function startsBlock(text: string): boolean {
  return (
    matchesAny(STORY_OPENERS, text) ||
    SUBTITLE_DASH.test(text) ||
    CONTINUED_FROM.test(text) ||
    CONTINUED_ON.test(text) ||
    standsAlone(text)
  );
}

/** Lines that are never joined to the next: bylines and photo credits. */
function standsAlone(text: string): boolean {
  return BYLINE.test(text) || matchesAny(PHOTO_CREDITS, text);
}

/** Opened minus closed Chinese quotation marks. */
function quoteBalance(text: string): number {
  let depth = 0;
  for (const char of text) {
    if (char === '“') depth++;
    else if (char === '”') depth--;
  }
  return depth;
}

function joinLine(paragraph: string, previous: SourceLine, line: SourceLine): string {
  const last = paragraph.at(-1) ?? '';
  const first = line.text[0] ?? '';
  const latinBoth = ASCII_ALNUM.test(last) && ASCII_ALNUM.test(first);
  const latinEither = ASCII_ALNUM.test(last) || ASCII_ALNUM.test(first);
  // A wrap between two Latin or digit runs stood for a space; so did a space the source kept.
  const space = latinBoth || (previous.trailingSpace && latinEither);
  return space ? `${paragraph} ${line.text}` : paragraph + line.text;
}
