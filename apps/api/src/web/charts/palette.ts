/*
 * Colours for the server-rendered charts. The series colours are the Okabe-Ito palette
 * (Okabe & Ito, "Color Universal Design", 2008), chosen to stay distinguishable for the
 * common forms of colour-vision deficiency. They are ordered so that neighbours in a stack
 * differ in lightness as well as hue. Colours are written as SVG `fill` attributes (allowed
 * under the pages' Content-Security-Policy, unlike `style=`); charts.css may override the
 * neutral ones through the classes the components set.
 */

/** Okabe-Ito, reordered: blue, orange, bluish green, reddish purple, sky blue, vermillion, yellow, black. */
export const SERIES_COLORS: readonly string[] = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
];

/** How many named series a chart shows before the rest are folded into "other". */
export const MAX_SERIES = SERIES_COLORS.length;

/** Neutral grey for the "other" series: reads as "the rest", never confused with a hue. */
export const OTHER_COLOR = '#BBBBBB';

/** Single-series bars (BarList). */
export const BAR_COLOR = '#0072B2';
/** Track behind a BarList bar. */
export const TRACK_COLOR = '#EEEEEE';
/** Axis lines and tick labels. */
export const AXIS_COLOR = '#555555';
/** Horizontal grid lines. */
export const GRID_COLOR = '#DDDDDD';

/** Colour of the `index`-th named series; wraps around (callers fold extras into "other"). */
export function seriesColor(index: number): string {
  const n = SERIES_COLORS.length;
  const i = Number.isInteger(index) && index >= 0 ? index % n : 0;
  return SERIES_COLORS[i]!;
}
