import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { BarList, safeHref } from '../src/web/charts/bar-list';
import { MAX_SERIES, OTHER_COLOR, SERIES_COLORS, seriesColor } from '../src/web/charts/palette';
import {
  FONT_SIZE,
  StackedBars,
  type StackedBarsLabels,
  type StackedSeries,
} from '../src/web/charts/stacked-bars';
import { textEm, truncateToEm } from '../src/web/charts/text';
import { formatCount, niceTicks } from '../src/web/charts/ticks';

const labels: StackedBarsLabels = {
  total: '合计',
  noData: '暂无数据',
  month: '月份',
  other: '其他',
};

function render(node: unknown): { html: string; doc: Document } {
  const html = String(node);
  const page = html.startsWith('<html') ? html : `<!doctype html><html><body>${html}</body></html>`;
  const { document } = parseHTML(page);
  return { html, doc: document as unknown as Document };
}

/** `count` consecutive months starting at `year`-`month`, as 'YYYY-MM'. */
function monthRange(year: number, month: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const t = year * 12 + (month - 1) + i;
    return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
  });
}

const num = (el: Element, name: string) => Number(el.getAttribute(name));
const texts = (doc: Document, selector: string) =>
  [...doc.querySelectorAll(selector)].map((el) => el.textContent ?? '');
/** The <title> that is a direct child of `el` (not one of a descendant). */
const ownTitle = (el: Element) =>
  [...el.children].find((c) => c.tagName.toLowerCase() === 'title')?.textContent ?? '';

function expectClean(html: string) {
  expect(html).not.toMatch(/NaN|Infinity|undefined/);
  expect(html).not.toMatch(/\sstyle=/i);
  expect(html).not.toMatch(/<script/i);
}

describe('niceTicks', () => {
  it('gives whole, evenly spaced ticks from 0 covering the maximum', () => {
    expect(niceTicks(12)).toEqual([0, 5, 10, 15]);
    expect(niceTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(2)).toEqual([0, 1, 2]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(10)).toEqual([0, 5, 10]);
    expect(niceTicks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(2644)).toEqual([0, 1000, 2000, 3000]);
  });

  it('never goes fractional and copes with empty, zero and junk maxima', () => {
    expect(niceTicks(1)).toEqual([0, 1]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(-5)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
    expect(niceTicks(Number.POSITIVE_INFINITY)).toEqual([0, 1]);
    expect(niceTicks(0.3)).toEqual([0, 1]);
    for (let max = 0; max <= 20_000; max += max < 200 ? 1 : 97) {
      const ticks = niceTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks.every(Number.isInteger)).toBe(true);
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(5);
      if (max >= 2) expect(ticks.length).toBeGreaterThanOrEqual(3);
      const step = ticks[1]! - ticks[0]!;
      expect(ticks.every((t, i) => t === i * step)).toBe(true);
      // The top tick leaves less than one step of head room.
      if (max >= 1) expect(ticks.at(-1)! - max).toBeLessThan(step);
    }
  });

  it('formats counts with grouping and no decimals', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(Number.NaN)).toBe('0');
  });
});

describe('palette and text helpers', () => {
  it('has eight distinct series colours and a distinct grey for "other"', () => {
    expect(SERIES_COLORS).toHaveLength(MAX_SERIES);
    expect(new Set([...SERIES_COLORS, OTHER_COLOR]).size).toBe(MAX_SERIES + 1);
    expect(seriesColor(0)).toBe(SERIES_COLORS[0]);
    expect(seriesColor(MAX_SERIES)).toBe(SERIES_COLORS[0]);
    expect(seriesColor(-1)).toBe(SERIES_COLORS[0]);
  });

  it('measures CJK as 1em and Latin as 0.55em and cuts with an ellipsis', () => {
    expect(textEm('反腐')).toBe(2);
    expect(textEm('abcd')).toBeCloseTo(2.2);
    expect(textEm('e\u0301\u200B')).toBeCloseTo(0.55); // combining accent, zero-width space
    expect(truncateToEm('反腐倡廉', 4)).toBe('反腐倡廉');
    expect(truncateToEm('中华人民共和国国家发展和改革委员会', 8)).toBe('中华人民共和国…');
    const latin = truncateToEm('Xinhua News Agency English Service', 10);
    expect(latin.endsWith('…')).toBe(true);
    expect(textEm(latin)).toBeLessThanOrEqual(10);
    // Never splits a surrogate pair.
    expect(truncateToEm('𠀀𠀀𠀀𠀀', 3)).toBe('𠀀𠀀…');
    expect(truncateToEm('  a\n\tb  ', 10)).toBe('a b');
  });
});

describe('StackedBars', () => {
  const months = ['2023-08', '2023-09', '2023-10'];
  const series: StackedSeries[] = [
    { label: '反腐', total: 20, counts: [12, 0, 3] },
    { label: '环保', total: 9, counts: [4, 2, 3] },
  ];

  it('draws one stacked bar per month with segments proportional to the counts', () => {
    const { html, doc } = render(
      <StackedBars title="剪报" months={months} series={series} labels={labels} />,
    );
    expectClean(html);
    const bars = [...doc.querySelectorAll('g.chart-bar')];
    expect(bars).toHaveLength(3);
    expect(bars.map(ownTitle)).toEqual([
      '2023-08 · 合计 · 16',
      '2023-09 · 合计 · 2',
      '2023-10 · 合计 · 6',
    ]);

    const segs = [...doc.querySelectorAll('rect.chart-seg')];
    expect(segs).toHaveLength(5); // the 0 is not drawn
    expect(segs.map(ownTitle)).toEqual([
      '2023-08 · 反腐 · 12',
      '2023-08 · 环保 · 4',
      '2023-09 · 环保 · 2',
      '2023-10 · 反腐 · 3',
      '2023-10 · 环保 · 3',
    ]);
    // Height per clip is the same for every segment (up to the 2-decimal rounding).
    const perClip = segs.map((s) => num(s, 'height') / Number(ownTitle(s).split(' · ')[2]));
    for (const p of perClip) expect(p).toBeCloseTo(perClip[0]!, 1);

    // Segments of one bar touch: each sits on top of the one below, starting at the baseline.
    const baseline = num(doc.querySelector('line.chart-baseline')!, 'y1');
    for (const bar of bars) {
      const rects = [...bar.querySelectorAll('rect.chart-seg')];
      let bottom = baseline;
      for (const r of rects) {
        expect(num(r, 'y') + num(r, 'height')).toBeCloseTo(bottom, 1);
        bottom = num(r, 'y');
      }
      expect(new Set(rects.map((r) => r.getAttribute('x'))).size).toBe(1);
    }
    // Bars are evenly spaced, left to right.
    const xs = bars.map((b) => num(b.querySelector('rect')!, 'x'));
    expect(xs[1]! - xs[0]!).toBeCloseTo(xs[2]! - xs[1]!, 1);
    // Series colours: first two Okabe-Ito colours.
    expect(segs[0]!.getAttribute('fill')).toBe(SERIES_COLORS[0]);
    expect(segs[1]!.getAttribute('fill')).toBe(SERIES_COLORS[1]);
  });

  it('has a y axis of nice ticks whose positions match the bar heights', () => {
    const { doc } = render(
      <StackedBars title="剪报" months={months} series={series} labels={labels} />,
    );
    const ticks = [...doc.querySelectorAll('text.chart-tick')];
    expect(ticks.map((t) => t.textContent)).toEqual(['0', '5', '10', '15', '20']);
    const y0 = num(ticks[0]!, 'y');
    const y20 = num(ticks[4]!, 'y');
    const pxPerClip = (y0 - y20) / 20;
    const tallest = doc.querySelector('g.chart-bar')!;
    const top = Math.min(...[...tallest.querySelectorAll('rect')].map((r) => num(r, 'y')));
    expect((y0 - top) / pxPerClip).toBeCloseTo(16, 1);
    expect(doc.querySelectorAll('g.chart-grid line')).toHaveLength(4);
  });

  it('has a legend with totals, an accessible name and a hidden data table', () => {
    const { doc } = render(
      <StackedBars title="剪报" months={months} series={series} labels={labels} />,
    );
    const legend = [...doc.querySelectorAll('.chart-legend li')].map((li) =>
      (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
    );
    expect(legend).toEqual(['反腐 20', '环保 9', '合计 29']);
    const swatches = [...doc.querySelectorAll('.chart-legend svg rect')];
    expect(swatches.map((s) => s.getAttribute('fill'))).toEqual(SERIES_COLORS.slice(0, 2));

    const svg = doc.querySelector('svg.chart-svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('剪报: 2023-08 – 2023-10, 合计 29');
    expect(svg.getAttribute('viewBox') ?? svg.getAttribute('viewbox')).toBe('0 0 640 260');
    expect(svg.hasAttribute('width')).toBe(false);
    expect(doc.querySelector('figcaption')!.textContent).toBe('剪报');

    const table = doc.querySelector('table.sr-only')!;
    expect(texts(doc, 'table.sr-only thead th')).toEqual(['月份', '反腐', '环保', '合计']);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent),
    );
    expect(rows).toEqual([
      ['2023-08', '12', '4', '16'],
      ['2023-09', '0', '2', '2'],
      ['2023-10', '3', '3', '6'],
    ]);
    expect(texts(doc, 'table.sr-only tfoot td')).toEqual(['20', '9', '29']);
  });

  it('thins the month labels of 60 months so they never overlap, with the year at each January', () => {
    const months60 = monthRange(2020, 5, 60);
    const counts = months60.map((_, i) => (i * 7) % 11);
    const { html, doc } = render(
      <StackedBars
        title="五年"
        months={months60}
        series={[{ label: 'a', total: 0, counts }]}
        labels={labels}
      />,
    );
    expectClean(html);
    expect(doc.querySelectorAll('g.chart-bar')).toHaveLength(60);
    const monthLabels = [...doc.querySelectorAll('text.chart-month')];
    expect(monthLabels.length).toBeGreaterThan(5);
    expect(monthLabels.length).toBeLessThan(60);
    // Every k-th month, aligned on January.
    const shown = monthLabels.map((t) => Number(t.textContent));
    const k = shown.includes(2) ? 1 : shown.includes(3) ? 2 : shown.includes(4) ? 3 : 6;
    expect(k).toBeGreaterThan(1);
    expect(shown.every((m) => (m - 1) % k === 0)).toBe(true);
    expect(shown).toContain(1);

    const years = [...doc.querySelectorAll('text.chart-year')];
    expect(years.map((t) => t.textContent)).toEqual([
      '2020',
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
    ]);
    // Year labels at January bars: 2021-01 is the 9th month (index 8).
    const bars = [...doc.querySelectorAll('g.chart-bar')];
    const jan2021 = bars[8]!.querySelector('rect')!;
    const barLeft = num(jan2021, 'x');
    const yearX = num(years[1]!, 'x');
    expect(Math.abs(yearX - barLeft)).toBeLessThan(12);

    for (const row of [monthLabels, years]) expectNoOverlap(row);
  });

  it('keeps labels apart for 1, 12, 240 and 600 months', () => {
    for (const n of [1, 12, 240, 600]) {
      const ms = monthRange(1990, 3, n);
      const { html, doc } = render(
        <StackedBars
          title="t"
          months={ms}
          series={[{ label: 'a', total: n, counts: ms.map(() => 1) }]}
          labels={labels}
        />,
      );
      expectClean(html);
      expect(doc.querySelectorAll('rect.chart-seg')).toHaveLength(n);
      const monthLabels = [...doc.querySelectorAll('text.chart-month')];
      const years = [...doc.querySelectorAll('text.chart-year')];
      expectNoOverlap(monthLabels);
      expectNoOverlap(years);
      expect(years.length).toBeGreaterThan(0);
      for (const t of [...monthLabels, ...years]) {
        expect(num(t, 'x')).toBeGreaterThanOrEqual(0);
        expect(num(t, 'x')).toBeLessThanOrEqual(640);
      }
      if (n === 1) expect(monthLabels.map((t) => t.textContent)).toEqual(['3']);
      if (n === 12) expect(monthLabels).toHaveLength(12);
    }
  });

  it('folds series beyond the eighth into a grey "other", and colours the caller\'s "other" grey', () => {
    const ms = monthRange(2024, 1, 2);
    const many: StackedSeries[] = Array.from({ length: 11 }, (_, i) => ({
      label: `s${i}`,
      total: 100 - i,
      counts: [1, 1],
    }));
    const { doc } = render(<StackedBars title="t" months={ms} series={many} labels={labels} />);
    const legend = texts(doc, '.chart-legend-label');
    expect(legend).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', '其他', '合计']);
    expect(texts(doc, '.chart-legend-count').at(-2)).toBe(String(92 + 91 + 90));
    const fills = [...doc.querySelectorAll('g.chart-bar')[0]!.querySelectorAll('rect')].map((r) =>
      r.getAttribute('fill'),
    );
    expect(fills).toEqual([...SERIES_COLORS, OTHER_COLOR]);
    expect(ownTitle(doc.querySelectorAll('g.chart-bar')[0]!)).toBe('2024-01 · 合计 · 11');

    const withOther = render(
      <StackedBars
        title="t"
        months={ms}
        series={[
          { label: '其余', total: 5, counts: [2, 3], other: true },
          { label: 'a', total: 4, counts: [1, 3] },
        ]}
        labels={labels}
      />,
    ).doc;
    expect(texts(withOther, '.chart-legend-label')).toEqual(['a', '其余', '合计']);
    const rects = [...withOther.querySelectorAll('g.chart-bar')[0]!.querySelectorAll('rect')];
    expect(rects.map((r) => r.getAttribute('fill'))).toEqual([SERIES_COLORS[0], OTHER_COLOR]);
  });

  it('keeps its <title> tooltips in place inside a whole page (Hono hoists other titles to <head>)', () => {
    const page = (
      <html lang="zh">
        <head>
          <title>团队</title>
        </head>
        <body>
          <StackedBars title="剪报" months={months} series={series} labels={labels} />
        </body>
      </html>
    );
    const { doc } = render(page);
    expect(texts(doc, 'head title')).toEqual(['团队']);
    expect(doc.querySelectorAll('rect.chart-seg > title')).toHaveLength(5);
    expect(doc.querySelectorAll('g.chart-bar > title')).toHaveLength(3);
  });

  it('escapes labels and titles from users', () => {
    const evil = '<script>alert(1)</script>';
    const quoted = '"引号" & \'x\' <b>';
    const { html, doc } = render(
      <StackedBars
        title={quoted}
        months={['2024-01']}
        series={[{ label: evil, total: 3, counts: [3] }]}
        labels={{ ...labels, total: '"合计"' }}
      />,
    );
    expectClean(html);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<b>');
    expect(doc.querySelectorAll('script, b')).toHaveLength(0);
    expect(ownTitle(doc.querySelector('rect.chart-seg')!)).toBe(`2024-01 · ${evil} · 3`);
    expect(doc.querySelector('.chart-legend-label')!.textContent).toBe(evil);
    expect(doc.querySelector('figcaption')!.textContent).toBe(quoted);
    // The quote in the title does not end the aria-label attribute.
    expect(doc.querySelector('svg.chart-svg')!.getAttribute('aria-label')).toBe(
      `${quoted}: 2024-01, "合计" 3`,
    );
    expect(doc.querySelector('table caption')!.textContent).toBe(quoted);
  });

  it('shows a clear "no data" figure for no months, no series and all-zero counts', () => {
    const cases = [
      { months: [], series: [] },
      { months: ['2024-01'], series: [] },
      { months: [], series: [{ label: 'a', total: 4, counts: [] }] },
      {
        months: monthRange(2024, 1, 6),
        series: [{ label: 'a', total: 0, counts: [0, 0, 0, 0, 0, 0] }],
      },
      {
        months: monthRange(2024, 1, 3),
        series: [{ label: 'a', total: 0, counts: [Number.NaN, -2] }],
      },
    ];
    for (const c of cases) {
      const { html, doc } = render(<StackedBars title="空" {...c} labels={labels} />);
      expectClean(html);
      expect(doc.querySelector('figure')!.classList.contains('chart-empty')).toBe(true);
      expect(doc.querySelector('figcaption')!.textContent).toBe('空');
      expect(doc.querySelector('p.chart-nodata')!.textContent).toBe('暂无数据');
      expect(doc.querySelectorAll('svg, table')).toHaveLength(0);
      expect(doc.querySelectorAll('rect.chart-seg')).toHaveLength(0);
    }
  });

  it('has no NaN for a single month, a single clip, junk counts or short count arrays', () => {
    const cases: StackedSeries[][] = [
      [{ label: 'a', total: 1, counts: [1] }],
      [{ label: 'a', total: Number.NaN, counts: [1, Number.NaN, -1, 2.6] }],
      [{ label: 'a', total: 2, counts: [2] }], // shorter than months
    ];
    for (const series of cases) {
      const ms = series[0]!.counts.length === 1 ? ['2024-05'] : monthRange(2024, 1, 4);
      const { html, doc } = render(
        <StackedBars title="t" months={ms} series={series} labels={labels} />,
      );
      expectClean(html);
      expect(doc.querySelectorAll('g.chart-bar')).toHaveLength(ms.length);
    }
    const junk = render(
      <StackedBars title="t" months={monthRange(2024, 1, 4)} series={cases[1]!} labels={labels} />,
    ).doc;
    // NaN and negative counts are 0, 2.6 rounds to 3; a NaN total falls back to the sum.
    expect(texts(junk, 'table.sr-only tbody td')).toEqual(['1', '1', '0', '0', '0', '0', '3', '3']);
    expect(junk.querySelector('.chart-legend-count')!.textContent).toBe('4');
    const single = render(
      <StackedBars title="t" months={['2024-05']} series={cases[0]!} labels={labels} />,
    ).doc;
    expect(texts(single, 'text.chart-tick')).toEqual(['0', '1']);
    const bar = single.querySelector('rect.chart-seg')!;
    expect(num(bar, 'width')).toBeLessThanOrEqual(48);
  });
});

/** Text labels of one row (font-size FONT_SIZE) estimated with the same em widths must not overlap. */
function expectNoOverlap(row: Element[]) {
  const spans = row
    .map((t) => {
      const w = textEm(t.textContent ?? '') * FONT_SIZE;
      const x = num(t, 'x');
      const anchor = t.getAttribute('text-anchor');
      const start = anchor === 'middle' ? x - w / 2 : anchor === 'end' ? x - w : x;
      return [start, start + w] as const;
    })
    .sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1] + 2);
  }
}

describe('BarList', () => {
  const items = [
    {
      label: '中华人民共和国国家发展和改革委员会办公厅新闻发布会',
      count: 40,
      href: '/clips?source=ndrc&x="1"',
    },
    { label: 'Xinhua', count: 10 },
    { label: '人民日报', count: 1, href: 'javascript:alert(1)' },
    { label: 'zero', count: 0 },
  ];

  it('draws one row per item with bars proportional to the largest count', () => {
    const { html, doc } = render(<BarList title="来源" items={items} />);
    expectClean(html);
    const rows = [...doc.querySelectorAll('ol.bar-list-items > li')];
    expect(rows).toHaveLength(4);
    expect(texts(doc, '.bar-list-count')).toEqual(['40', '10', '1', '0']);
    const widths = rows.map((r) => {
      const fill = r.querySelector('rect.bar-list-fill');
      return fill ? num(fill, 'width') : 0;
    });
    expect(widths).toEqual([100, 25, 2.5, 0]);
    for (const svg of doc.querySelectorAll('svg.bar-list-bar')) {
      expect(svg.getAttribute('aria-hidden')).toBe('true');
      expect(
        svg.getAttribute('preserveAspectRatio') ?? svg.getAttribute('preserveaspectratio'),
      ).toBe('none');
    }
    expect(doc.querySelector('figcaption')!.textContent).toBe('来源');
  });

  it('links only safe hrefs, escaping them', () => {
    const { html, doc } = render(<BarList title="来源" items={items} />);
    const links = [...doc.querySelectorAll('a.bar-list-label')];
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe('/clips?source=ndrc&x="1"');
    expect(html).toContain('href="/clips?source=ndrc&amp;x=&quot;1&quot;"');
    expect(html).not.toContain('javascript:');
    expect(safeHref('https://example.com/a')).toBe('https://example.com/a');
    expect(safeHref('?q=1')).toBe('?q=1');
    expect(safeHref('#top')).toBe('#top');
    expect(safeHref('teams/abc')).toBe('teams/abc');
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript:x',
      'java\tscript:x',
      ' javascript:x',
      'data:text/html,x',
      'vbscript:x',
      '',
    ]) {
      expect(safeHref(bad)).toBeUndefined();
    }
  });

  it('cuts long labels with an ellipsis, keeping the full label for hover and screen readers', () => {
    const { doc } = render(<BarList title="来源" items={items} />);
    const first = doc.querySelector('.bar-list-label')!;
    const full = items[0]!.label;
    expect(first.getAttribute('title')).toBe(full);
    const shown = first.querySelector('[aria-hidden="true"]')!.textContent!;
    expect(shown.endsWith('…')).toBe(true);
    expect(textEm(shown)).toBeLessThanOrEqual(14);
    expect(full.startsWith(shown.slice(0, -1))).toBe(true);
    expect(first.querySelector('.sr-only')!.textContent).toBe(full);
    // Short labels are left alone, with no title.
    const second = doc.querySelectorAll('.bar-list-label')[1]!;
    expect(second.textContent).toBe('Xinhua');
    expect(second.hasAttribute('title')).toBe(false);
  });

  it('escapes labels', () => {
    const evil = '<script>alert(1)</script>"';
    const { html, doc } = render(
      <BarList title={evil} items={[{ label: evil, count: 2, href: '/x' }]} maxLabelEm={8} />,
    );
    expectClean(html);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(doc.querySelector('.bar-list-label')!.getAttribute('title')).toBe(evil);
    expect(doc.querySelector('.bar-list-label .sr-only')!.textContent).toBe(evil);
    expect(doc.querySelector('figcaption')!.textContent).toBe(evil);
  });

  it('shows "no data" for an empty list or all-zero counts', () => {
    for (const list of [[], [{ label: 'a', count: 0 }], [{ label: 'a', count: Number.NaN }]]) {
      const { html, doc } = render(<BarList title="来源" items={list} noData="暂无数据" />);
      expectClean(html);
      expect(doc.querySelector('figure')!.classList.contains('chart-empty')).toBe(true);
      expect(doc.querySelector('p.chart-nodata')!.textContent).toBe('暂无数据');
      expect(doc.querySelectorAll('li, svg')).toHaveLength(0);
    }
  });
});
