import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { clips } from '../schema';
import {
  type FacetCount,
  labelOf,
  materialisedIf,
  type StatsParams,
  statsConditions,
  topicLabel,
  withoutJit,
} from './facet-counts';
import { rowsOf } from './rows';

/** Months a series covers at most, ending with the latest month present. */
export const OVERVIEW_MONTHS = 120;
/** Topics and provinces charted. */
export const OVERVIEW_SERIES = 8;
/** Sources and institutions listed. */
export const OVERVIEW_TOP = 10;

export interface OverviewSeries {
  value: string;
  label: string;
  /** Matching clips with this value, dated or not, inside the months or before them. */
  total: number;
  /** Per month of `months`: dated clips with this value published that month. */
  counts: number[];
}

export interface Overview {
  /** Live clips matching the filters. */
  total: number;
  /** `YYYY-MM`, ascending, gaps filled, at most OVERVIEW_MONTHS ending with the latest present. */
  months: string[];
  /** Matching clips without `publishedAt`. */
  undated: number;
  /** Per month of `months`: the matching clips published that month. */
  perMonth: number[];
  byTopic: OverviewSeries[];
  /** Provinces (2-digit codes). */
  byRegion: OverviewSeries[];
  /** By outlet: the clip's `source`, else its `siteName` (outletOf); label = value. */
  sources: FacetCount[];
  institutions: FacetCount[];
}

const month = /^\d{4}-\d{2}$/;

/**
 * The charts page's numbers for the clips matching a list's filters, aggregated in SQL in one
 * statement (overviewStatement) over the inline columns (facet keys and `publishedAt`), never
 * the clip JSON. Months are `publishedAt`'s first seven characters, as written.
 */
export async function overview(db: Database, params: StatsParams): Promise<Overview> {
  const empty: Overview = {
    total: 0,
    months: [],
    undated: 0,
    perMonth: [],
    byTopic: [],
    byRegion: [],
    sources: [],
    institutions: [],
  };
  const statement = overviewStatement(params);
  if (!statement) return empty;
  const [row] = rowsOf<{
    total: number;
    undated: number;
    top: string;
    series: string;
    per_month: string;
  }>(await withoutJit(db, statement));
  if (!row) return empty;
  const perMonth = (JSON.parse(row.per_month) as [string, number][]).filter(([m]) => month.test(m));
  const months = monthsUpTo(perMonth.map(([m]) => m));
  const position = new Map(months.map((m, i) => [m, i]));
  const counts = months.map(() => 0);
  for (const [m, n] of perMonth) {
    const at = position.get(m);
    if (at !== undefined) counts[at] = n;
  }
  const series = JSON.parse(row.series) as [string, string, number][];
  const perKey = new Map<string, number[]>();
  for (const [key, m, n] of series) {
    const at = position.get(m);
    if (at === undefined) continue;
    let line = perKey.get(key);
    if (!line) {
      line = months.map(() => 0);
      perKey.set(key, line);
    }
    line[at] = n;
  }
  const result: Overview = {
    ...empty,
    total: row.total,
    undated: row.undated,
    months,
    perMonth: counts,
  };
  for (const [kind, value, total, label] of JSON.parse(row.top) as [
    string,
    string,
    number,
    string | null,
  ][]) {
    if (kind === 'institution' || kind === 'outlet') {
      (kind === 'outlet' ? result.sources : result.institutions).push({
        value,
        label: value,
        count: total,
      });
      continue;
    }
    const entry: OverviewSeries = {
      value,
      label: labelOf(kind, value, label),
      total,
      counts: perKey.get(`${kind}:${value}`) ?? months.map(() => 0),
    };
    if (kind === 'topic') result.byTopic.push(entry);
    else if (kind === 'region') result.byRegion.push(entry);
  }
  return result;
}

/**
 * overview's statement: one row of counts and JSON text. The facet keys are unnested once and
 * grouped by key and month: the keys' totals, the top ones' series and the top outlets all come
 * from that. Without `q` each part reads the matches itself (a scan of the inline columns); with
 * `q` they are materialised once, so the substring test is not run twice.
 */
export function overviewStatement(params: StatsParams): SQL | null {
  const where = statsConditions(params);
  if (!where) return null;
  return sql`
    with matched as ${materialisedIf(params.query !== undefined)} (
      select ${clips.facets} as facets, left(${clips.publishedAt}, 7) as month
      from ${clips} where ${where}
    ),
    keyed as materialized (
      select key, month, count(*)::int as n
      from (select unnest(facets) as key, month from matched) keys
      group by key, month
    ),
    ranked as (
      select key, split_part(key, ':', 1) as kind, substr(key, strpos(key, ':') + 1) as value, n,
        row_number() over (partition by split_part(key, ':', 1) order by n desc, key collate "C") as r
      from (select key, sum(n)::int as n from keyed
        where key like 'topic:%' or key like 'region:__' or key like 'institution:%'
          or key like 'outlet:%'
        group by key) counted
    ),
    top as materialized (
      select * from ranked
      where r <= case when kind in ('institution', 'outlet') then ${sql.raw(String(OVERVIEW_TOP))} else ${sql.raw(String(OVERVIEW_SERIES))} end
    ),
    series as (
      select key, month, n from keyed
      where month is not null and key in (select key from top where kind in ('topic', 'region'))
    ),
    per_month as (
      select month, count(*)::int as n from matched group by month
    )
    select
      (select coalesce(sum(n), 0)::int from per_month) as total,
      (select coalesce(sum(n), 0)::int from per_month where month is null) as undated,
      (select coalesce(json_agg(json_build_array(kind, value, n, ${topicLabel(params, sql.raw('top'))})
        order by kind, r), '[]')::text from top) as top,
      (select coalesce(json_agg(json_build_array(key, month, n)), '[]')::text from series) as series,
      (select coalesce(json_agg(json_build_array(month, n)), '[]')::text from per_month
        where month is not null) as per_month`;
}

/**
 * Every month from the earliest given to the latest, at most OVERVIEW_MONTHS ending with the
 * latest; none for none.
 */
export function monthsUpTo(present: string[]): string[] {
  if (present.length === 0) return [];
  let first = present[0]!;
  let last = first;
  for (const m of present) {
    if (m < first) first = m;
    if (m > last) last = m;
  }
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const end = index(last);
  const start = Math.max(index(first), end - OVERVIEW_MONTHS + 1);
  return Array.from({ length: end - start + 1 }, (_, i) => {
    const at = start + i;
    return `${String(Math.floor(at / 12)).padStart(4, '0')}-${String((at % 12) + 1).padStart(2, '0')}`;
  });
}
