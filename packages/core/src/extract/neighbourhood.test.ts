import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { readNeighbourhood } from './neighbourhood';
import { pageLines } from './page-lines';

const linesOf = (cells: string[]) => {
  const html = `<table><tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr></table>`;
  const { document } = parseHTML(`<html><body>${html}</body></html>`);
  return pageLines(document.body as unknown as Element);
};

describe('readNeighbourhood', () => {
  it('reads a label cell with its value cell (government metadata tables)', () => {
    const lines = linesOf([
      '发文机关：',
      '吉林省人民政府',
      '成文日期：',
      '2022年01月27日',
      '关于某事的通告',
      '为切实做好某项工作，现就有关事项通告如下，请遵照执行。',
    ]);
    const near = readNeighbourhood(
      lines,
      4,
      4,
      ['为切实做好某项工作，现就有关事项通告如下，请遵照执行。'],
      new Date(),
    );
    expect(near.header.map((v) => [v.field, v.value])).toEqual([
      ['author', '吉林省人民政府'],
      ['date', '2022年01月27日'],
    ]);
  });
  it('takes the reader clock above the headline as the reference day', () => {
    const lines = linesOf([
      '2026-01-23',
      '星期五',
      '标题',
      '日期:12-24',
      '正文第一段，足够长的正文内容在这里。',
    ]);
    const near = readNeighbourhood(
      lines,
      2,
      2,
      ['正文第一段，足够长的正文内容在这里。'],
      new Date('2020-01-01'),
    );
    expect(near.refDay).toEqual({ year: 2026, month: 1, day: 23 });
    expect(near.span).toEqual({ head: 2, bodyStart: 4, bodyEnd: 4 });
  });
});
