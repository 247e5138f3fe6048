// Scoring for the extraction evaluation, per ../shared/eval/README.md. Pure functions, no I/O.

/**
 * All whitespace removed (JS `\s` covers full-width spaces and NBSP; zero-width spaces are
 * added because saved pages carry them): the unit every body figure is computed on.
 */
export function stripWhitespace(text: string): string {
  return text.replace(/[\s\u200b]+/gu, '');
}

/** Character counts (code points, so characters outside the BMP count once). */
function countGrams(grams: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const g of grams) counts.set(g, (counts.get(g) ?? 0) + 1);
  return counts;
}

function* bigrams(chars: string[]): Iterable<string> {
  for (let i = 0; i + 1 < chars.length; i++) yield chars[i]! + chars[i + 1]!;
}

function bagF1(got: Map<string, number>, want: Map<string, number>): number {
  let gotTotal = 0;
  let wantTotal = 0;
  let overlap = 0;
  for (const n of got.values()) gotTotal += n;
  for (const [g, n] of want) {
    wantTotal += n;
    overlap += Math.min(n, got.get(g) ?? 0);
  }
  if (gotTotal === 0 && wantTotal === 0) return 1;
  if (overlap === 0) return 0;
  const precision = overlap / gotTotal;
  const recall = overlap / wantTotal;
  return (2 * precision * recall) / (precision + recall);
}

/** Body F1 over the bag of characters, whitespace removed. */
export function charF1(extracted: string, reference: string): number {
  return bagF1(
    countGrams(Array.from(stripWhitespace(extracted))),
    countGrams(Array.from(stripWhitespace(reference))),
  );
}

/** Body F1 over the bag of character bigrams, whitespace removed: also penalises text in the wrong order. */
export function bigramF1(extracted: string, reference: string): number {
  return bagF1(
    countGrams(bigrams(Array.from(stripWhitespace(extracted)))),
    countGrams(bigrams(Array.from(stripWhitespace(reference)))),
  );
}

/** A reference date as far as it goes: `2018`, `1998-3`, `2005-5-7 21:23:57`. */
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
}

const REFERENCE_DATE =
  /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::\d{2})?)?)?)?$/;

/**
 * A reference date label → its parts, or null when the label gives no date (`UNKNOWN`, its
 * misspelling, an empty file, or a name typed into the date column).
 */
export function parseReferenceDate(label: string): PartialDate | null {
  const m = REFERENCE_DATE.exec(label.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi] = m;
  const date: PartialDate = { year: Number(y) };
  if (mo !== undefined) date.month = Number(mo);
  if (d !== undefined) date.day = Number(d);
  if (h !== undefined && mi !== undefined) {
    date.hour = Number(h);
    date.minute = Number(mi);
  }
  return date;
}

const EXTRACTED_DATE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/;

/** China Standard Time: the references are the wall-clock times the pages print. */
const CST_OFFSET_MINUTES = 8 * 60;

/**
 * An extracted date (ISO 8601, a day or a time with or without offset) → its wall-clock parts in
 * China Standard Time. A time with another offset (Readability often gives `Z`) is moved to +08:00;
 * a time without offset is taken as written.
 */
export function parseExtractedDate(value: string | null | undefined): PartialDate | null {
  if (!value) return null;
  const m = EXTRACTED_DATE.exec(value.trim());
  if (!m) {
    // A date known only to the month (a magazine issue): `1998-03`.
    const month = /^(\d{4})-(\d{1,2})$/.exec(value.trim());
    return month ? { year: Number(month[1]), month: Number(month[2]) } : null;
  }
  const [, y, mo, d, h, mi, s, zone] = m;
  if (h === undefined || mi === undefined) {
    return { year: Number(y), month: Number(mo), day: Number(d) };
  }
  if (zone === undefined) {
    return {
      year: Number(y),
      month: Number(mo),
      day: Number(d),
      hour: Number(h),
      minute: Number(mi),
    };
  }
  let offset = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const cst = new Date(utc + (CST_OFFSET_MINUTES - offset) * 60_000);
  return {
    year: cst.getUTCFullYear(),
    month: cst.getUTCMonth() + 1,
    day: cst.getUTCDate(),
    hour: cst.getUTCHours(),
    minute: cst.getUTCMinutes(),
  };
}

/**
 * Same calendar day, and same minute where the reference has a time. A partial reference
 * (`2018`, `1998-3`) compares only the parts it gives.
 */
export function dateMatches(extracted: string | null | undefined, reference: PartialDate): boolean {
  const got = parseExtractedDate(extracted);
  if (!got) return false;
  if (got.year !== reference.year) return false;
  if (reference.month !== undefined && got.month !== reference.month) return false;
  if (reference.day !== undefined && got.day !== reference.day) return false;
  // A month-precise extraction matches only a reference that is no more precise.
  if (got.day === undefined && reference.day !== undefined) return false;
  if (reference.hour !== undefined) {
    if (got.hour !== reference.hour || got.minute !== reference.minute) return false;
  }
  return true;
}

/**
 * Readability's byline as an author list: it is one free-text string, so split it where Chinese
 * bylines separate names (spaces, 、, commas, semicolons).
 */
export function splitByline(byline: string | null | undefined): string[] {
  if (!byline) return [];
  return byline
    .split(/[\s、,，;；]+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * A cwced author label → the names in it. Names are separated by spaces or 、; a parenthesised
 * romanisation (`周思博 (Joel Spolsky)`) is dropped, it is the same person. `UNKNOWN` → [].
 */
export function referenceAuthorNames(label: string): string[] {
  const trimmed = label.trim();
  if (trimmed === '' || /^UNKNOWN$/i.test(trimmed)) return [];
  return trimmed
    .replace(/[(（][^)）]*[)）]/gu, ' ')
    .split(/[\s、]+/u)
    .filter((s) => s.length > 0);
}

/** A name is found when one extracted entry contains it (`记者 李楠` holds 李楠), whitespace ignored. */
export function nameFound(name: string, extracted: readonly string[]): boolean {
  const want = stripWhitespace(name);
  if (want === '') return true;
  return extracted.some((e) => stripWhitespace(e).includes(want));
}

/** Every reference name is found among the extracted ones. */
export function allNamesFound(names: readonly string[], extracted: readonly string[]): boolean {
  return names.every((n) => nameFound(n, extracted));
}

/** The labelled source appears in the extracted one (`人民网-文化频道` holds 人民网-文化频道). */
export function sourceContained(extracted: string | null | undefined, reference: string): boolean {
  if (!extracted) return false;
  return stripWhitespace(extracted).includes(stripWhitespace(reference));
}

export function titleMatches(extracted: string | null | undefined, reference: string): boolean {
  return (extracted ?? '').trim() === reference.trim();
}

/** How many characters of a labelled body bound are compared: enough to be unique, short enough to survive edits at the edges. */
export const BOUND_CHARS = 12;

/** The first BOUND_CHARS characters of the labelled body start, whitespace removed. */
export function startProbe(bodyStart: string): string {
  return Array.from(stripWhitespace(bodyStart)).slice(0, BOUND_CHARS).join('');
}

/** The last BOUND_CHARS characters of the labelled body end, whitespace removed. */
export function endProbe(bodyEnd: string): string {
  return Array.from(stripWhitespace(bodyEnd)).slice(-BOUND_CHARS).join('');
}

/**
 * Where a probe sits in the extracted text (whitespace removed), or -1: the body bounds are
 * "right" when both probes are present.
 */
export function probeOffset(text: string, probe: string): number {
  return stripWhitespace(text).indexOf(probe);
}

/** The mustNotContain strings that the extracted body does contain (whitespace ignored). */
export function boilerplateFound(text: string, mustNotContain: readonly string[]): string[] {
  const body = stripWhitespace(text);
  return mustNotContain.filter((s) => body.includes(stripWhitespace(s)));
}

/** Bodies shorter than this (whitespace removed) count as failed extraction: no Chinese article is that short. */
export const SHORT_BODY_CHARS = 200;

export function isShortBody(text: string): boolean {
  return Array.from(stripWhitespace(text)).length < SHORT_BODY_CHARS;
}

/** A share of pages, with what it was computed over. */
export interface Rate {
  hits: number;
  total: number;
}

export function rate(outcomes: readonly boolean[]): Rate {
  return { hits: outcomes.filter(Boolean).length, total: outcomes.length };
}

export function rateValue(r: Rate): number {
  return r.total === 0 ? Number.NaN : r.hits / r.total;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** The fields of an extraction that are scored (both extractors are reduced to these). */
export interface ScoredFields {
  /** Non-null when the extractor gave no article (an error, or a not-article verdict). */
  error: string | null;
  title: string | null;
  publishedAt: string | null;
  source: string | null;
  authors: readonly string[];
  editors: readonly string[];
  text: string;
}

/** One field's verdict with what was wanted and what came back, for `--verbose` and `--json`. */
export interface Check {
  ok: boolean;
  want: string;
  got: string;
}

function show(value: string | null | readonly string[]): string {
  if (value === null) return '(none)';
  if (typeof value === 'string') return value;
  return value.length === 0 ? '(none)' : value.join(' | ');
}

/** How much text there is, for reports: characters with whitespace removed. */
export function bodyChars(text: string): number {
  return Array.from(stripWhitespace(text)).length;
}

/** cwced: body F1 always; date and author only where the reference gives one (else null). */
export interface CwcedScore {
  bodyF1Chars: number;
  bodyF1Bigrams: number;
  date: Check | null;
  author: Check | null;
  chars: number;
}

export function scoreCwcedPage(
  got: ScoredFields,
  reference: { body: string; dateLabel: string; authorLabel: string },
): CwcedScore {
  const refDate = parseReferenceDate(reference.dateLabel);
  const refNames = referenceAuthorNames(reference.authorLabel);
  return {
    bodyF1Chars: charF1(got.text, reference.body),
    bodyF1Bigrams: bigramF1(got.text, reference.body),
    date: refDate
      ? {
          ok: dateMatches(got.publishedAt, refDate),
          want: reference.dateLabel,
          got: show(got.publishedAt),
        }
      : null,
    author:
      refNames.length > 0
        ? {
            ok: allNamesFound(refNames, got.authors),
            want: refNames.join(' | '),
            got: show(got.authors),
          }
        : null,
    chars: bodyChars(got.text),
  };
}

/** The labelled fields of a gne page that are checked (see corpus.ts GneLabel). */
export interface GneReference {
  title: string;
  publishedAt: string | null;
  source: string | null;
  authors: readonly string[];
  editors: readonly string[];
  bodyStart: string;
  bodyEnd: string;
  mustNotContain: readonly string[];
}

/** Labelled gne page: fields without a label (no source, no authors) are null, not counted. */
export interface GneScore {
  title: Check;
  date: Check | null;
  source: Check | null;
  authors: Check | null;
  editors: Check | null;
  bodyStart: Check & { offset: number };
  bodyEnd: Check & { offset: number };
  /** No mustNotContain string in a non-empty body (an empty body is not "clean", it failed). */
  clean: Check;
  /** Title, date and both body bounds right. */
  pass: boolean;
  chars: number;
}

export function scoreGnePage(got: ScoredFields, label: GneReference): GneScore {
  const refDate = label.publishedAt ? parseReferenceDate(label.publishedAt) : null;
  const start = startProbe(label.bodyStart);
  const end = endProbe(label.bodyEnd);
  const startAt = probeOffset(got.text, start);
  const endAt = probeOffset(got.text, end);
  const found = boilerplateFound(got.text, label.mustNotContain);
  const chars = bodyChars(got.text);
  const title = {
    ok: titleMatches(got.title, label.title),
    want: label.title,
    got: show(got.title),
  };
  const date = refDate
    ? {
        ok: dateMatches(got.publishedAt, refDate),
        want: label.publishedAt!,
        got: show(got.publishedAt),
      }
    : null;
  const bodyStart = {
    ok: startAt >= 0,
    want: start,
    got: `${chars} chars, probe at ${startAt}`,
    offset: startAt,
  };
  const bodyEnd = {
    ok: endAt >= 0,
    want: end,
    got: `${chars} chars, probe at ${endAt}`,
    offset: endAt,
  };
  return {
    title,
    date,
    source: label.source
      ? { ok: sourceContained(got.source, label.source), want: label.source, got: show(got.source) }
      : null,
    authors:
      label.authors.length > 0
        ? {
            ok: allNamesFound(label.authors, got.authors),
            want: show(label.authors),
            got: show(got.authors),
          }
        : null,
    editors:
      label.editors.length > 0
        ? {
            ok: allNamesFound(label.editors, got.editors),
            want: show(label.editors),
            got: show(got.editors),
          }
        : null,
    bodyStart,
    bodyEnd,
    clean: {
      ok: chars > 0 && found.length === 0,
      want: 'none of mustNotContain',
      got: chars === 0 ? '(empty body)' : show(found),
    },
    pass: title.ok && (date?.ok ?? true) && bodyStart.ok && bodyEnd.ok,
    chars,
  };
}
