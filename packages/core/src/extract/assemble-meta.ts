import { THIS_SITE } from '../rules/labels';
import type { Harvest } from './clean';
import { type DayRef, findDates, toIso } from './dates';
import type { LabelledValue } from './meta-line';
import { parseNames } from './names';

/** The metadata fields of a clip, as assembled from everything the page said. */
export interface ArticleMeta {
  publishedAt: string | null;
  originalPublishedAt: string | null;
  source: string | null;
  authors: string[];
  editors: string[];
  newspaper: string | null;
  edition: string | null;
  column: string | null;
  breadcrumb: string[];
  section: string | null;
  originalUrl: string | null;
}

export interface MetaEvidence {
  /** Labelled values from the lines around the headline, nearest first in importance. */
  header: LabelledValue[];
  /** Lines right under the headline, for an unlabelled date. */
  headerLines: string[];
  /** The best-placed date on the page and how sure the placing is (see pick-date.ts). */
  visibleDate?: { iso: string; score: number } | null;
  /** Labelled values found elsewhere on the page (credits after the body, 责任编辑). */
  elsewhere: LabelledValue[];
  harvest: Harvest;
  breadcrumbLines: string[];
  /** Declared in <head> (meta tags, JSON-LD): used where the visible page says nothing. */
  declared: {
    publishedAt: string | null;
    source: string | null;
    author: string | null;
    column: string | null;
  };
  siteName: string | null;
  title: string | null;
  /** For yearless dates: the page's own clock or now. */
  refDay: DayRef;
  url: string | null;
  /** A repost carries its own original line (a WeChat article pasted into a site). */
  isRepost: boolean;
  bylineHint: string | null;
}

function dateFrom(value: string, refDay: DayRef): string | null {
  const [d] = findDates(value, { allowYearless: true, allowCompact: true });
  return d ? toIso(d, refDay) : null;
}

const URL_DATE =
  /(?:^|[/_t-])((?:19|20)\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/;

function dateFromUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const m = URL_DATE.exec(new URL(url).pathname);
    return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
  } catch {
    return null;
  }
}

export function splitBreadcrumb(line: string): string[] {
  const withoutLabel = line.replace(/^[^:：]{0,12}(?:位置|所在)[^:：]{0,4}[:：]\s*/, '');
  return withoutLabel
    .split(/\s*(?:>>|>|＞|»|›|→|\/)\s*/)
    .map((s) => s.trim())
    .filter((s) => s && s.length <= 40);
}

const EDITION = /^(第?\s*[A-Za-z]{0,2}\d{1,3}\s*版)\s*[:：]?\s*(.*)$/;

function firstValue(
  values: LabelledValue[],
  field: LabelledValue['field'],
): LabelledValue | undefined {
  return values.find((v) => v.field === field && v.value);
}

function resolveSource(value: string | null | undefined, siteName: string | null): string | null {
  if (!value) return null;
  const v = value.replace(/^[\s:：]+|[\s。]+$/g, '');
  if (!v) return null;
  if (THIS_SITE.includes(v)) return siteName;
  return v;
}

const EDITOR_ROLES = new Set(['编辑', '编审']);

export function assembleMeta(e: MetaEvidence): ArticleMeta {
  const all = [...e.header, ...e.harvest.labelled, ...e.elsewhere];

  // Date: the labelled line near the headline, then what <head> declares, then an unlabelled
  // date right under the headline, then the URL. Never the page's clock or a related list.
  const labelledDate = e.header
    .filter((v) => v.field === 'date')
    .map((v) => dateFrom(v.value, e.refDay))
    .find(Boolean);
  const underHeadline = e.headerLines
    .map((l) => findDates(l, { allowCompact: false })[0])
    .find((d) => d !== undefined);
  const harvestDate = e.harvest.labelled
    .filter((v) => v.field === 'date')
    .map((v) => dateFrom(v.value, e.refDay))
    .find(Boolean);
  // A date well placed on the page beats <head>; a weakly placed one only fills a gap.
  const visible = e.visibleDate;
  let publishedAt =
    (visible && visible.score >= 35 ? visible.iso : null) ??
    labelledDate ??
    e.declared.publishedAt ??
    visible?.iso ??
    (underHeadline ? toIso(underHeadline, e.refDay) : null) ??
    harvestDate ??
    dateFromUrl(e.url) ??
    null;

  let originalPublishedAt: string | null = null;
  const repost = e.harvest.repostLine;
  if (repost) {
    const iso = toIso(repost.date, e.refDay);
    if (e.isRepost) originalPublishedAt = iso;
    else publishedAt ??= iso;
  }

  let source = resolveSource(firstValue(e.header, 'source')?.value, e.siteName);
  source ??= resolveSource(firstValue(all, 'source')?.value, e.siteName);
  source ??= resolveSource(e.declared.source, e.siteName);
  if (!source && repost && e.isRepost) source = repost.names[repost.names.length - 1] ?? null;

  const authors: string[] = [];
  const editors: string[] = [];
  const add = (list: string[], names: string[]) => {
    for (const n of names) if (!list.includes(n)) list.push(n);
  };
  for (const v of all) {
    if (v.field === 'author') add(authors, parseNames(v.value));
    if (v.field === 'editor' && EDITOR_ROLES.has(v.role ?? '')) add(editors, parseNames(v.value));
  }
  for (const c of e.harvest.credits) add(EDITOR_ROLES.has(c.role) ? editors : authors, c.names);
  const declaredAuthors = e.declared.author ? parseNames(e.declared.author) : [];
  if (
    authors.length === 0 &&
    declaredAuthors.length > 0 &&
    declaredAuthors.length <= 4 &&
    !declaredAuthors.some((n) => n === e.siteName || n.length > 8)
  ) {
    add(authors, declaredAuthors);
  }
  // Readability's byline, unless it credits a photographer (`蔡雪婧/摄`): a photo is not authorship.
  if (authors.length === 0 && e.bylineHint && !/[/／]\s*[摄攝]|摄影|攝影/.test(e.bylineHint)) {
    const names = parseNames(e.bylineHint.replace(/^(?:作者|文|By)\s*[:：/]?\s*/i, ''));
    if (
      names.length > 0 &&
      names.length <= 4 &&
      names.every((n) => n.length <= 12) &&
      !names.some((n) => n === e.siteName)
    )
      add(authors, names);
  }

  const newspaper = firstValue(all, 'newspaper')?.value.split(/\s+/)[0] ?? null;
  let edition: string | null = null;
  let column: string | null = null;
  const editionValue = firstValue(all, 'edition')?.value;
  if (editionValue) {
    const m = EDITION.exec(editionValue.trim());
    edition = (m?.[1] ?? editionValue.split(/\s+/)[0] ?? '').replace(/\s+/g, '') || null;
    column = m?.[2]?.trim().split(/\s+/)[0] || null;
  }

  const crumbLine =
    [...e.breadcrumbLines, ...e.harvest.breadcrumbLines][0] ?? firstValue(all, 'breadcrumb')?.value;
  const breadcrumb = crumbLine ? splitBreadcrumb(crumbLine) : [];
  const last = breadcrumb[breadcrumb.length - 1];
  const section =
    (last && last !== e.title && breadcrumb.length > 1 ? last : null) ?? e.declared.column ?? null;

  const originalValue = firstValue(all, 'originalUrl')?.value;
  const originalUrl = originalValue
    ? (/https?:\/\/[^\s"'<>，。]+/.exec(originalValue)?.[0] ?? null)
    : null;

  // A newspaper page with no 来源 line is its newspaper's own story.
  source ??= newspaper;

  return {
    publishedAt,
    originalPublishedAt,
    source,
    authors,
    editors,
    newspaper,
    edition,
    column,
    breadcrumb,
    section,
    originalUrl,
  };
}
