/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { NoDataFigure } from './no-data';
import { AXIS_COLOR, GRID_COLOR, MAX_SERIES, OTHER_COLOR, seriesColor } from './palette';
import { textEm, tidyLabel } from './text';
import { cleanCount, formatCount, niceTicks } from './ticks';

/*
 * Clips over time: one bar per month, stacked by series, drawn as inline SVG on the server.
 * No script and no style attributes (the pages' CSP blocks both): geometry and colours are
 * SVG presentation attributes, everything else is a class styled by charts.css.
 *
 * The SVG has a fixed viewBox and no width/height, so CSS scales it to its container. Each
 * segment carries a <title> for the browser's hover tooltip; the figure also holds a legend
 * with totals and a visually hidden table with every number, for screen readers.
 */

export interface StackedSeries {
  label: string;
  /** Shown in the legend; may cover more than the months drawn. Falls back to the sum of counts. */
  total: number;
  /** One count per entry of `months`; missing, negative or non-finite entries count as 0. */
  counts: number[];
  /** The caller's "everything else" bucket: grey, drawn last. */
  other?: boolean;
}

export interface StackedBarsLabels {
  /** Legend and tooltip word for a month's or the chart's total, e.g. "合计". */
  total: string;
  /** Shown instead of the chart when there is nothing to draw. */
  noData: string;
  /** Header of the month column in the screen-reader table. */
  month?: string;
  /** Label of the bucket that series beyond the eighth are folded into. */
  other?: string;
}

export interface StackedBarsProps {
  title: string;
  /** 'YYYY-MM', oldest first. */
  months: string[];
  series: StackedSeries[];
  labels: StackedBarsLabels;
}

export const VIEW_WIDTH = 640;
export const VIEW_HEIGHT = 260;
export const FONT_SIZE = 11;
const MARGIN_TOP = 12;
const MARGIN_RIGHT = 12;
const MARGIN_BOTTOM = 38;
const MAX_BAR_WIDTH = 48;
/** Minimum white space between two axis labels, in px of the viewBox. */
const LABEL_GAP = 4;
const MONTH_STEPS = [1, 2, 3, 6];
const YEAR_STEPS = [1, 2, 5, 10, 20, 50, 100];
const SEPARATOR = ' · ';

/** Two decimals are plenty for a 640-wide viewBox and keep the markup short. */
const r2 = (v: number) => Math.round(v * 100) / 100;

interface Series {
  label: string;
  total: number;
  counts: number[];
  color: string;
}

interface AxisLabel {
  x: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
}

function parseMonth(month: string): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return null;
  const mm = Number(m[2]);
  return mm >= 1 && mm <= 12 ? { year: Number(m[1]), month: mm } : null;
}

/** Keeps at most MAX_SERIES named series (the largest) and folds the rest into one grey "other". */
function prepareSeries(
  series: StackedSeries[],
  months: number,
  labels: StackedBarsLabels,
): Series[] {
  const clean = series.map((s) => {
    const counts = Array.from({ length: months }, (_, i) => cleanCount(s.counts?.[i]));
    const sum = counts.reduce((a, b) => a + b, 0);
    const total =
      typeof s.total === 'number' && Number.isFinite(s.total) ? cleanCount(s.total) : sum;
    return { label: tidyLabel(s.label), total, counts, other: s.other === true };
  });
  const named = clean.filter((s) => !s.other);
  const keep = new Set(
    named
      .map((s, i) => ({ i, total: s.total }))
      .sort((a, b) => b.total - a.total || a.i - b.i)
      .slice(0, MAX_SERIES)
      .map((s) => s.i),
  );
  const shown = named.filter((_, i) => keep.has(i));
  const rest = [...named.filter((_, i) => !keep.has(i)), ...clean.filter((s) => s.other)];
  const out: Series[] = shown.map((s, i) => ({ ...s, color: seriesColor(i) }));
  if (rest.length > 0) {
    const callersOther = clean.find((s) => s.other);
    out.push({
      label: callersOther?.label || labels.other || 'Other',
      total: rest.reduce((a, s) => a + s.total, 0),
      counts: Array.from({ length: months }, (_, i) => rest.reduce((a, s) => a + s.counts[i]!, 0)),
      color: OTHER_COLOR,
    });
  }
  return out;
}

/** Greedy left-to-right: drops any label that would overlap the last one kept. */
function dropOverlaps(labels: AxisLabel[], widthOf: (text: string) => number): AxisLabel[] {
  const kept: AxisLabel[] = [];
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const label of labels) {
    const w = widthOf(label.text);
    const start =
      label.anchor === 'start'
        ? label.x
        : label.anchor === 'middle'
          ? label.x - w / 2
          : label.x - w;
    if (start < lastEnd + LABEL_GAP) continue;
    kept.push(label);
    lastEnd = start + w;
  }
  return kept;
}

const labelWidth = (text: string) => textEm(text) * FONT_SIZE;

/**
 * X axis labels in two rows: month numbers every k-th month (k in 1, 2, 3, 6, aligned so that
 * January is always one of them) and years at each January (every 2nd, 5th... year when even
 * those would collide), plus the first month's year when it does not start in January.
 * k is the smallest step whose labels cannot overlap; a greedy pass guards the edge cases.
 */
export function planMonthAxis(
  months: string[],
  left: number,
  band: number,
  right: number,
): { monthRow: AxisLabel[]; yearRow: AxisLabel[] } {
  const parsed = months.map(parseMonth);
  const center = (i: number) => left + band * (i + 0.5);

  const monthWidth = labelWidth('12') + LABEL_GAP;
  const k = MONTH_STEPS.find((step) => step * band >= monthWidth);
  const monthRow =
    k === undefined
      ? []
      : dropOverlaps(
          parsed.flatMap((p, i) =>
            p && (p.month - 1) % k === 0
              ? [{ x: r2(center(i)), text: String(p.month), anchor: 'middle' as const }]
              : [],
          ),
          labelWidth,
        );

  const yearWidth = labelWidth('2000') + LABEL_GAP * 2;
  const yearStep = YEAR_STEPS.find((s) => 12 * s * band >= yearWidth) ?? YEAR_STEPS.at(-1)!;
  const placeYear = (i: number, year: number): AxisLabel => {
    const text = String(year);
    const w = labelWidth(text);
    if (band >= w + LABEL_GAP) return { x: r2(center(i)), text, anchor: 'middle' };
    return { x: r2(Math.min(left + band * i, right - w)), text, anchor: 'start' };
  };
  const januaries = dropOverlaps(
    parsed.flatMap((p, i) =>
      p && p.month === 1 && p.year % yearStep === 0 ? [placeYear(i, p.year)] : [],
    ),
    labelWidth,
  );
  const first = parsed[0];
  let yearRow = januaries;
  if (first && first.month !== 1) {
    const withFirst = dropOverlaps([placeYear(0, first.year), ...januaries], labelWidth);
    // Only when it fits before the first January label: Januaries take precedence.
    if (withFirst.length === januaries.length + 1) yearRow = withFirst;
  }
  return { monthRow, yearRow };
}

export function StackedBars(props: StackedBarsProps) {
  const { labels } = props;
  const title = tidyLabel(props.title);
  const months = (props.months ?? []).map((m) => tidyLabel(m));
  const n = months.length;
  const series = prepareSeries(props.series ?? [], n, labels);
  const stackTotals = months.map((_, i) => series.reduce((a, s) => a + s.counts[i]!, 0));
  const grandDrawn = stackTotals.reduce((a, b) => a + b, 0);

  if (n === 0 || series.length === 0 || grandDrawn === 0) {
    return <NoDataFigure title={title} noData={labels.noData} class="chart-stacked" />;
  }

  const grandTotal = series.reduce((a, s) => a + s.total, 0);
  const ticks = niceTicks(Math.max(...stackTotals));
  const top = ticks.at(-1)!;
  const tickLabels = ticks.map(formatCount);
  const left = Math.ceil(Math.max(...tickLabels.map(labelWidth)) + 10);
  const right = VIEW_WIDTH - MARGIN_RIGHT;
  const plotBottom = VIEW_HEIGHT - MARGIN_BOTTOM;
  const plotHeight = plotBottom - MARGIN_TOP;
  const band = (right - left) / n;
  const barWidth = r2(Math.min(band * 0.8, MAX_BAR_WIDTH));
  const y = (v: number) => r2(plotBottom - (v / top) * plotHeight);
  const axis = planMonthAxis(months, left, band, right);
  const first = months[0]!;
  const last = months[n - 1]!;
  const period = n === 1 ? first : `${first} – ${last}`;
  const ariaLabel = `${title}: ${period}, ${labels.total} ${formatCount(grandTotal)}`;

  return (
    <figure class="chart chart-stacked">
      <figcaption class="chart-title">{title}</figcaption>
      <svg
        class="chart-svg"
        viewBox={`0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}`}
        role="img"
        aria-label={ariaLabel}
      >
        <g class="chart-grid" stroke={GRID_COLOR} stroke-width="1">
          {ticks.slice(1).map((t) => (
            <line x1={left} x2={right} y1={y(t)} y2={y(t)} />
          ))}
        </g>
        <g
          class="chart-axis chart-axis-y"
          fill={AXIS_COLOR}
          font-size={FONT_SIZE}
          text-anchor="end"
        >
          {ticks.map((t, i) => (
            <text class="chart-tick" x={left - 6} y={y(t)} dy="0.32em">
              {tickLabels[i]}
            </text>
          ))}
        </g>
        <g class="chart-bars">
          {months.map((month, i) => {
            const x = r2(left + band * i + (band - barWidth) / 2);
            let below = 0;
            return (
              <g class="chart-bar">
                <title>{[month, labels.total, formatCount(stackTotals[i]!)].join(SEPARATOR)}</title>
                {series.map((s) => {
                  const count = s.counts[i]!;
                  if (count === 0) return null;
                  const y0 = y(below);
                  below += count;
                  const y1 = y(below);
                  return (
                    <rect
                      class="chart-seg"
                      x={x}
                      y={y1}
                      width={barWidth}
                      height={r2(y0 - y1)}
                      fill={s.color}
                    >
                      <title>{[month, s.label, formatCount(count)].join(SEPARATOR)}</title>
                    </rect>
                  );
                })}
              </g>
            );
          })}
        </g>
        <line
          class="chart-baseline"
          x1={left}
          x2={right}
          y1={plotBottom}
          y2={plotBottom}
          stroke={AXIS_COLOR}
          stroke-width="1"
        />
        <g class="chart-axis chart-axis-x" fill={AXIS_COLOR} font-size={FONT_SIZE}>
          {axis.monthRow.map((l) => (
            <text class="chart-month" x={l.x} y={plotBottom + 14} text-anchor={l.anchor}>
              {l.text}
            </text>
          ))}
          {axis.yearRow.map((l) => (
            <text class="chart-year" x={l.x} y={plotBottom + 30} text-anchor={l.anchor}>
              {l.text}
            </text>
          ))}
        </g>
      </svg>
      <ul class="chart-legend">
        {series.map((s) => (
          <li class="chart-legend-item">
            <svg class="chart-swatch" viewBox="0 0 10 10" aria-hidden="true">
              <rect width="10" height="10" fill={s.color} />
            </svg>
            <span class="chart-legend-label">{s.label}</span>{' '}
            <span class="chart-legend-count">{formatCount(s.total)}</span>
          </li>
        ))}
        <li class="chart-legend-item chart-legend-total">
          <span class="chart-legend-label">{labels.total}</span>{' '}
          <span class="chart-legend-count">{formatCount(grandTotal)}</span>
        </li>
      </ul>
      <table class="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{labels.month ?? 'Month'}</th>
            {series.map((s) => (
              <th scope="col">{s.label}</th>
            ))}
            <th scope="col">{labels.total}</th>
          </tr>
        </thead>
        <tbody>
          {months.map((month, i) => (
            <tr>
              <th scope="row">{month}</th>
              {series.map((s) => (
                <td>{formatCount(s.counts[i]!)}</td>
              ))}
              <td>{formatCount(stackTotals[i]!)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{labels.total}</th>
            {series.map((s) => (
              <td>{formatCount(s.total)}</td>
            ))}
            <td>{formatCount(grandTotal)}</td>
          </tr>
        </tfoot>
      </table>
    </figure>
  );
}
