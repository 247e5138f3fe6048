/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { query } from '../api-client';
import type { ClipListItem, CollectionView } from '../api-types';
import { formatDate, href, Layout, type View } from '../layout';

/** The filters of a collection's page, as its query string carries them. */
export interface Filters {
  q?: string;
  tag?: string;
  topic?: string;
  region?: string;
  institution?: string;
  sourceKind?: string;
  source?: string;
  publishedFrom?: string;
  publishedTo?: string;
  sort?: 'clipped' | 'published';
}

export const FILTER_KEYS = [
  'q',
  'tag',
  'topic',
  'region',
  'institution',
  'sourceKind',
  'source',
  'publishedFrom',
  'publishedTo',
  'sort',
] as const;

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface FacetCounts {
  total: number;
  facets: Record<
    'sourceKind' | 'source' | 'topic' | 'region' | 'institution' | 'tag',
    FacetValue[]
  >;
  published: { from: string | null; to: string | null };
}

export interface CollectionPageData {
  view: View;
  collection: CollectionView;
  filters: Filters;
  clips: ClipListItem[];
  nextCursor: string | null;
  cursor?: string;
  facets: FacetCounts;
  /** User id → name, for "clipped by". */
  people: Map<string, string>;
}

export function collectionTabs(view: View, collection: CollectionView, current: string) {
  const { t } = view.texts;
  const tabs = [
    ['clips', t('clips'), `/collections/${collection.id}`],
    ['duplicates', t('duplicates'), `/collections/${collection.id}/duplicates`],
    ['overview', t('overview'), `/collections/${collection.id}/overview`],
  ] as const;
  return (
    <nav class="tabs" aria-label={collection.name}>
      {tabs.map(([key, text, path]) => (
        <a href={href(path)} aria-current={key === current ? 'page' : undefined}>
          {text}
        </a>
      ))}
    </nav>
  );
}

export function CollectionPage(props: CollectionPageData) {
  const { view, collection, filters } = props;
  const { t } = view.texts;
  const base = `/collections/${collection.id}`;
  return (
    <Layout view={view} title={collection.name} crumbs={[{ label: t('home'), href: href('/') }]}>
      <h1>
        {collection.name} <span class="badge">{view.texts.label(collection.role)}</span>
      </h1>
      {collectionTabs(view, collection, 'clips')}
      <form method="get" action={href(base)} class="searchbar" id="search">
        <input
          type="search"
          name="q"
          value={filters.q ?? ''}
          placeholder={t('searchPlaceholder')}
          aria-label={t('search')}
          maxlength={200}
          autocomplete="off"
          data-live-search="browse"
        />
        {FILTER_KEYS.filter((key) => key !== 'q' && key !== 'sort' && filters[key]).map((key) => (
          <input type="hidden" name={key} value={filters[key]} />
        ))}
        <label>
          {t('sort')}{' '}
          <select name="sort" data-autosubmit>
            <option value="clipped" selected={filters.sort !== 'published'}>
              {t('sortClipped')}
            </option>
            <option value="published" selected={filters.sort === 'published'}>
              {t('sortPublished')}
            </option>
          </select>
        </label>
        <button type="submit">{t('search')}</button>
        <button type="button" class="secondary" data-open-dialog="export-dialog">
          {t('export')}
        </button>
      </form>
      <Browse {...props} />
      <ExportDialog view={view} collection={collection} filters={filters} />
    </Layout>
  );
}

/** Facets and results: what a live search replaces. */
export function Browse(props: CollectionPageData) {
  const { view, collection, filters, facets } = props;
  const { t, label } = view.texts;
  const base = `/collections/${collection.id}`;
  const link = (changes: Partial<Filters>) => href(`${base}${query({ ...filters, ...changes })}`);
  const active = FILTER_KEYS.filter((key) => key !== 'q' && key !== 'sort' && filters[key]);
  return (
    <div class="browse" id="browse">
      <aside class="facets" aria-label={t('filters')}>
        {active.length > 0 && (
          <p>
            <a href={href(`${base}${query({ q: filters.q, sort: filters.sort })}`)}>
              {t('clearFilters')}
            </a>
          </p>
        )}
        {(['sourceKind', 'source', 'topic', 'region', 'institution', 'tag'] as const).map(
          (kind) => {
            const values = facets.facets[kind];
            if (values.length === 0 && !filters[kind]) return null;
            return (
              <section class="facet">
                <h3>{t(kind)}</h3>
                <ul>
                  {filters[kind] && !values.some((v) => v.value === filters[kind]) && (
                    <li class="on">
                      <a href={link({ [kind]: undefined })}>✕ {label(filters[kind]!)}</a>
                    </li>
                  )}
                  {values.map((value) => {
                    const on = filters[kind] === value.value;
                    return (
                      <li class={on ? 'on' : undefined}>
                        <a
                          href={link({ [kind]: on ? undefined : value.value })}
                          aria-current={on ? 'true' : undefined}
                        >
                          {on && '✕ '}
                          {kind === 'sourceKind' ? label(value.value) : value.label}
                        </a>{' '}
                        <span class="count">{value.count}</span>
                      </li>
                    );
                  })}
                </ul>
              </section>
            );
          },
        )}
        <section class="facet">
          <h3>{t('published')}</h3>
          <form method="get" action={href(base)} class="stack">
            {FILTER_KEYS.filter(
              (key) => key !== 'publishedFrom' && key !== 'publishedTo' && filters[key],
            ).map((key) => (
              <input type="hidden" name={key} value={filters[key]} />
            ))}
            <label>
              {t('publishedFrom')}
              <input
                type="date"
                name="publishedFrom"
                value={filters.publishedFrom ?? ''}
                min={facets.published.from?.slice(0, 10)}
              />
            </label>
            <label>
              {t('publishedTo')}
              <input
                type="date"
                name="publishedTo"
                value={filters.publishedTo ?? ''}
                max={facets.published.to?.slice(0, 10)}
              />
            </label>
            <button type="submit" class="secondary">
              {t('apply')}
            </button>
          </form>
        </section>
      </aside>
      <section class="results" aria-live="polite">
        <p class="muted" id="result-count">
          {facets.total} {t('results')}
        </p>
        {props.clips.length === 0 ? (
          <p>{t('noClips')}</p>
        ) : (
          <ol class="clips">
            {props.clips.map((item) => (
              <ClipRow view={view} item={item} people={props.people} />
            ))}
          </ol>
        )}
        <nav class="pager">
          {props.cursor && <a href={link({})}>{t('firstPage')}</a>}
          {props.nextCursor && (
            <a href={href(`${base}${query({ ...filters, cursor: props.nextCursor })}`)} rel="next">
              {t('nextPage')} →
            </a>
          )}
        </nav>
      </section>
    </div>
  );
}

function ClipRow(props: { view: View; item: ClipListItem; people: Map<string, string> }) {
  const { item, view } = props;
  const { t, label } = view.texts;
  const clip = item.clip;
  const source = clip.source ?? clip.newspaper ?? clip.siteName;
  return (
    <li class="clip">
      <h2>
        <a href={href(`/clips/${item.id}`)}>{clip.title}</a>
      </h2>
      {item.match ? (
        <p class="snippet">
          <Highlighted text={item.match.snippet} range={item.match.highlight} />
        </p>
      ) : (
        clip.excerpt && <p class="snippet">{clip.excerpt.slice(0, 160)}</p>
      )}
      <p class="meta">
        <time datetime={clip.publishedAt ?? undefined}>
          {formatDate(clip.publishedAt, view.texts)}
        </time>
        {source && <span>{source}</span>}
        <span class="badge">{label(clip.sourceKind)}</span>
        <span title={t('clippedBy')}>
          {props.people.get(item.createdBy) ?? '—'} · {formatDate(item.createdAt, view.texts)}
        </span>
        {item.tags.map((tag) => (
          <span class="tag">#{tag}</span>
        ))}
      </p>
    </li>
  );
}

export function Highlighted(props: { text: string; range: { start: number; end: number } | null }) {
  const { text, range } = props;
  if (!range || range.start < 0 || range.end > text.length || range.start >= range.end) {
    return <>{text}</>;
  }
  return (
    <>
      {text.slice(0, range.start)}
      <mark>{text.slice(range.start, range.end)}</mark>
      {text.slice(range.end)}
    </>
  );
}

function ExportDialog(props: { view: View; collection: CollectionView; filters: Filters }) {
  const { t } = props.view.texts;
  const formats = [
    ['jsonl', 'JSON Lines (.jsonl)'],
    ['csv', 'CSV (Excel, R, pandas)'],
    ['parquet', 'Parquet (pandas, R arrow, DuckDB)'],
    ['markdown', 'Markdown (.zip)'],
    ['text', 'Plain text + manifest (.zip: AntConc, NVivo)'],
  ] as const;
  return (
    <dialog id="export-dialog" aria-labelledby="export-title">
      <form
        method="get"
        action={href(`/collections/${props.collection.id}/export`)}
        class="stack"
        data-carry-query
      >
        <h2 id="export-title">{t('export')}</h2>
        <p class="muted">{t('exportHint')}</p>
        {FILTER_KEYS.filter((key) => key !== 'sort' && props.filters[key]).map((key) => (
          <input type="hidden" name={key} value={props.filters[key]} />
        ))}
        <fieldset>
          <legend>{t('format')}</legend>
          {formats.map(([value, text], index) => (
            <label class="choice">
              <input type="radio" name="format" value={value} checked={index === 0} /> {text}
            </label>
          ))}
        </fieldset>
        <label class="choice">
          <input type="checkbox" name="dedupe" value="true" /> {t('dedupe')}
        </label>
        <label>
          {t('script')}{' '}
          <select name="script">
            <option value="">{t('scriptAsIs')}</option>
            <option value="Hans">{t('scriptHans')}</option>
            <option value="Hant">{t('scriptHant')}</option>
          </select>
        </label>
        <label class="choice">
          <input type="checkbox" name="html" value="true" /> {t('keepHtml')}
        </label>
        <div class="row">
          <button type="submit" data-close-dialog>
            {t('download')}
          </button>
          <button type="button" class="secondary" data-close-dialog>
            {t('cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
