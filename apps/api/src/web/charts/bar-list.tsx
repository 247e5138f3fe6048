/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { NoDataFigure } from './no-data';
import { BAR_COLOR, TRACK_COLOR } from './palette';
import { tidyLabel, truncateToEm } from './text';
import { cleanCount, formatCount } from './ticks';

/*
 * A ranked list of horizontal bars (top sources, institutions, regions). Plain HTML rather
 * than one SVG: an <ol> of rows, each a label (a link when `href` is given), a bar and the
 * count. Links and list semantics then work for keyboard and screen-reader users as they do
 * anywhere else on the page (inside an SVG with role="img" they would be hidden).
 *
 * The bar is a tiny SVG whose filled <rect> is the count's share of the largest count; the
 * SVG stretches to its grid cell (preserveAspectRatio="none"), so no style attribute is
 * needed. Long labels are cut on the server to `maxLabelEm` em (CJK ~1em, Latin ~0.55em per
 * character) with "…"; the full label stays in the title attribute (hover) and in a
 * visually hidden span (screen readers read it instead of the cut one).
 */

export interface BarListItem {
  label: string;
  count: number;
  /** Link target; only relative URLs and http(s) are linked, anything else renders as text. */
  href?: string;
}

export interface BarListProps {
  title: string;
  items: BarListItem[];
  /** Shown instead of the list when it is empty or every count is 0. */
  noData?: string;
  /** Width of the label column in em; keep in step with charts.css (14em). */
  maxLabelEm?: number;
}

/** Bar width in the 0..100 viewBox; a non-zero count always shows a sliver. */
const barPercent = (count: number, max: number) =>
  count <= 0 || max <= 0 ? 0 : Math.max(0.5, Math.round((count / max) * 10000) / 100);

/**
 * `href` if it is safe to put in a link: relative (path, query, fragment) or http(s). Rejects
 * other schemes (javascript:, data:...) and any white space or control character, which
 * browsers strip when they parse a URL ("java\tscript:").
 */
export function safeHref(href: string | undefined): string | undefined {
  if (typeof href !== 'string' || href === '') return undefined;
  if (/[\s\p{Cc}]/u.test(href)) return undefined;
  const scheme = /^([^/?#]*?):/.exec(href);
  if (scheme && !/^https?$/i.test(scheme[1]!)) return undefined;
  return href;
}

function Label(props: { label: string; href: string | undefined; maxEm: number }) {
  const full = props.label;
  const short = truncateToEm(full, props.maxEm);
  const cut = short !== full;
  const content = cut ? (
    <>
      <span aria-hidden="true">{short}</span>
      <span class="sr-only">{full}</span>
    </>
  ) : (
    full
  );
  return props.href ? (
    <a class="bar-list-label" href={props.href} title={cut ? full : undefined}>
      {content}
    </a>
  ) : (
    <span class="bar-list-label" title={cut ? full : undefined}>
      {content}
    </span>
  );
}

export function BarList(props: BarListProps) {
  const title = tidyLabel(props.title);
  const maxEm = props.maxLabelEm && props.maxLabelEm > 1 ? props.maxLabelEm : 14;
  const items = (props.items ?? []).map((item) => ({
    label: tidyLabel(item.label),
    count: cleanCount(item.count),
    href: safeHref(item.href),
  }));
  const max = items.reduce((a, item) => Math.max(a, item.count), 0);
  if (items.length === 0 || max === 0) {
    return <NoDataFigure title={title} noData={props.noData ?? 'No data'} class="bar-list" />;
  }
  return (
    <figure class="chart bar-list">
      <figcaption class="chart-title">{title}</figcaption>
      <ol class="bar-list-items">
        {items.map((item) => {
          const pct = barPercent(item.count, max);
          return (
            <li class="bar-list-row">
              <Label label={item.label} href={item.href} maxEm={maxEm} />
              <svg
                class="bar-list-bar"
                viewBox="0 0 100 10"
                preserveAspectRatio="none"
                aria-hidden="true"
              >
                <rect class="bar-list-track" width="100" height="10" fill={TRACK_COLOR} />
                {pct > 0 ? (
                  <rect class="bar-list-fill" width={pct} height="10" fill={BAR_COLOR} />
                ) : null}
              </svg>
              <span class="bar-list-count">{formatCount(item.count)}</span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
