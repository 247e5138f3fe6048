import { allDivisions } from '@jianbao/core';
import { and, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { clips } from '../schema';
import type { ClipFilters } from './list-clips';
import { filterConditions } from './list-clips';
import { rowsOf } from './rows';
import { matchCondition } from './search';

/** Values listed per facet. */
export const FACET_LIMIT = 20;

export interface FacetCount {
  value: string;
  /** A topic's label, a division's name; the value itself for the other kinds. */
  label: string;
  count: number;
}

/** The facets as the API names them (`source:` keys are `sourceKind`, `outlet:` keys `source`). */
export type FacetName = 'sourceKind' | 'source' | 'topic' | 'region' | 'institution' | 'tag';

export interface FacetCounts {
  /** Live clips matching the filters. */
  total: number;
  facets: Record<FacetName, FacetCount[]>;
  /** min and max `publishedAt` of the matches, as text; null when none has a date. */
  published: { from: string | null; to: string | null };
}

/** What a statistic covers: the clips of some collections that match a list's filters. */
export interface StatsParams {
  /** The collections the caller may read (usually one). */
  collectionIds: string[];
  filters?: ClipFilters;
  /** A Chinese substring of title or body, as `searchClips` finds it (SearchQueryError if empty). */
  query?: string;
}

const NAMES: Record<string, FacetName> = {
  source: 'sourceKind',
  outlet: 'source',
  topic: 'topic',
  region: 'region',
  institution: 'institution',
  tag: 'tag',
};

/**
 * How many matching clips have each facet value: every list its top FACET_LIMIT by count, then
 * value (code point order). Regions are one level below the `region` filter: provinces without
 * one, then the divisions whose nearest parent it is (a province's cities and directly
 * administered counties, a municipality's districts, a city's counties). One statement: the
 * matches' facet keys unnested and grouped once for every kind, then ranked per kind.
 */
export async function facetCounts(db: Database, params: StatsParams): Promise<FacetCounts> {
  const empty: FacetCounts = {
    total: 0,
    facets: { sourceKind: [], source: [], topic: [], region: [], institution: [], tag: [] },
    published: { from: null, to: null },
  };
  const statement = facetCountsStatement(params);
  if (!statement) return empty;
  const [row] = rowsOf<{
    total: number;
    published_from: string | null;
    published_to: string | null;
    top: string;
  }>(await withoutJit(db, statement));
  if (!row) return empty;
  const result = empty;
  result.total = row.total;
  result.published = { from: row.published_from, to: row.published_to };
  for (const [kind, value, count, label] of JSON.parse(row.top) as [
    string,
    string,
    number,
    string | null,
  ][]) {
    const name = NAMES[kind];
    if (name) result.facets[name].push({ value, label: labelOf(kind, value, label), count });
  }
  return result;
}

/**
 * facetCounts' statement: one row (total, published_from, published_to, top as JSON text). The
 * keys are unnested in the select list (a ProjectSet: twice as fast as a lateral unnest, which
 * fills a tuplestore per row) and filtered once grouped. Without `q` the matches are read twice,
 * keys and totals (a scan of the inline columns, cheaper than materialising them); with `q` they
 * are materialised once, so the substring test is not run twice.
 */
export function facetCountsStatement(params: StatsParams): SQL | null {
  const where = statsConditions(params);
  if (!where) return null;
  const regionKeys = regionKeyCondition(params.filters?.facets?.region);
  return sql`
    with matched as ${materialisedIf(params.query !== undefined)} (
      select ${clips.facets} as facets, ${clips.publishedAt} as published_at
      from ${clips} where ${where}
    ),
    counted as (
      select key, count(*)::int as n from (select unnest(facets) as key from matched) keys
      group by key
    ),
    ranked as (
      select key, split_part(key, ':', 1) as kind, substr(key, strpos(key, ':') + 1) as value, n,
        row_number() over (partition by split_part(key, ':', 1) order by n desc, key collate "C") as r
      from counted where key not like 'region:%' or ${regionKeys}
    ),
    totals as (
      select count(*)::int as total, min(published_at) as published_from,
        max(published_at) as published_to
      from matched
    )
    select totals.total, totals.published_from, totals.published_to,
      (select coalesce(json_agg(json_build_array(kind, value, n, ${topicLabel(params, sql.raw('top'))})
        order by kind, r), '[]')::text
       from (select * from ranked where r <= ${sql.raw(String(FACET_LIMIT))}) top) as top
    from totals`;
}

/** `materialized` (read the matches once) or `not materialized` (read them where used). */
export function materialisedIf(once: boolean): SQL {
  return once ? sql.raw('materialized') : sql.raw('not materialized');
}

/**
 * The conditions of the matching rows: live, in the collections, the filters, the text query;
 * null when no collection is given.
 */
export function statsConditions(params: StatsParams): SQL | null {
  if (params.collectionIds.length === 0) return null;
  return and(
    inArray(clips.collectionId, params.collectionIds),
    isNull(clips.deletedAt),
    ...filterConditions(params.filters ?? {}),
    ...(params.query === undefined ? [] : [matchCondition(params.query)]),
  )!;
}

/**
 * Postgres (not PGlite) JIT-compiles a plan whose estimated cost passes jit_above_cost (100,000):
 * at 100,000 matches the facets' is 43,000 and the overview's 78,000, so the overview passes it
 * from about 130,000, and compiling takes 100–200 ms. Runs `statement` in a read only
 * transaction with JIT off.
 */
export async function withoutJit(db: Database, statement: SQL): Promise<unknown> {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`select set_config('jit', 'off', true)`);
      return tx.execute(statement);
    },
    { accessMode: 'read only' },
  );
}

/**
 * A topic's label from a clip that has it (clips of the same collections), as SQL over a row
 * with `kind`, `value` and `key`; null for the other kinds.
 */
export function topicLabel(params: StatsParams, row: SQL): SQL {
  return sql`case when ${row}.kind = 'topic' then (
    select topic->>'label' from ${clips} c
    cross join lateral jsonb_array_elements(c.data->'taxonomy'->'topics') as topic
    where c.collection_id in (${sql.join(
      params.collectionIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) and c.facets @> array[${row}.key]::text[] and topic->>'id' = ${row}.value
    limit 1) end`;
}

/** The label shown for a value: a topic's from SQL, a division's name, or the value itself. */
export function labelOf(kind: string, value: string, label: string | null): string {
  if (kind === 'region') return divisionNames().get(value) ?? value;
  return label ?? value;
}

let names: Map<string, string> | null = null;
let children: Map<string, string[]> | null = null;

/** GB/T 2260 code → name (广东省, 广州市, 越秀区). */
export function divisionNames(): Map<string, string> {
  names ??= new Map(allDivisions().map((d) => [d.code, d.name]));
  return names;
}

/** The divisions one level below a code: those whose nearest parent it is. */
export function childDivisions(code: string): string[] {
  if (!children) {
    children = new Map();
    for (const division of allDivisions()) {
      const parent = division.parents.at(-1);
      if (parent === undefined) continue;
      const list = children.get(parent);
      if (list) list.push(division.code);
      else children.set(parent, [division.code]);
    }
  }
  return children.get(code) ?? [];
}

/** Which region keys are counted, as SQL over `key`: provinces, or the filter's children. */
function regionKeyCondition(region: string | undefined): SQL {
  if (!region) return sql`key like 'region:__'`;
  const codes = childDivisions(region);
  if (codes.length === 0) return sql`false`;
  return sql`key = any(array[${sql.join(
    codes.map((code) => sql`${`region:${code}`}`),
    sql`, `,
  )}]::text[])`;
}
