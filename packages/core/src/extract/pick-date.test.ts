import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { pageLines } from './page-lines';
import { pickPublishDate } from './pick-date';

const REF = { year: 2026, month: 1, day: 23 };
const NOW = new Date('2026-01-23T12:00:00+08:00');

/** Lines of a page made of one <p> per entry (`L:` marks a linked line). */
function linesOf(entries: string[]) {
  const html = entries
    .map((e) => (e.startsWith('L:') ? `<p><a href="/x">${e.slice(2)}</a></p>` : `<p>${e}</p>`))
    .join('');
  const { document } = parseHTML(`<html><body>${html}</body></html>`);
  return pageLines(document.body as unknown as Element);
}

describe('pickPublishDate', () => {
  it('takes the labelled line under the headline, not the header clock or a related list', () => {
    const lines = linesOf([
      '2026-01-23 星期五',
      '标题在此',
      '发布时间：2024-11-20 23:46:40 来源：本网',
      '正文第一段，内容很长很长，超过了一般的元数据行。',
      'L:2025-01-01 另一篇文章的标题',
    ]);
    expect(pickPublishDate(lines, { head: 1, bodyStart: 3, bodyEnd: 3 }, REF, NOW)?.iso).toBe(
      '2024-11-20T23:46:40+08:00',
    );
  });
  it('dates a yearless e-paper date by the reader clock', () => {
    const lines = linesOf(['2026-01-23', '标题', '日期:12-24 版面:第A15版', '正文。']);
    expect(pickPublishDate(lines, { head: 1, bodyStart: 3, bodyEnd: 3 }, REF, NOW)?.iso).toBe(
      '2025-12-24',
    );
  });
  it('reads a post signature and a date standing with its source', () => {
    const post = linesOf([
      '标题',
      '正文一段。',
      '本贴由大卫于2005年8月12日16:12:21在〖心灵体操〗发表.',
    ]);
    expect(pickPublishDate(post, { head: 0, bodyStart: 1, bodyEnd: 2 }, REF, NOW)?.iso).toBe(
      '2005-08-12T16:12:21+08:00',
    );
    const stamp = linesOf(['标题', '2022-02-13 09:57 光明网', '正文一段，足够长的正文内容。']);
    expect(pickPublishDate(stamp, { head: 0, bodyStart: 2, bodyEnd: 2 }, REF, NOW)?.iso).toBe(
      '2022-02-13T09:57:00+08:00',
    );
  });
  it('reads a repost citation known only to the month', () => {
    const lines = linesOf(['标题', '正文一段，足够长的正文内容。', '——《北京之春》1998年3月号']);
    expect(pickPublishDate(lines, { head: 0, bodyStart: 1, bodyEnd: 2 }, REF, NOW)?.iso).toBe(
      '1998-03',
    );
  });
  it('dates a journal article by its issue, even where the issue line is a link', () => {
    const lines = linesOf([
      'L:Vol. 8 No. 2 (May 2018)',
      '标题',
      '摘要：本文基于网络化购物普及的背景下，叙述了相关理论知识。',
    ]);
    expect(pickPublishDate(lines, { head: 1, bodyStart: 2, bodyEnd: 2 }, REF, NOW)?.iso).toBe(
      '2018-05',
    );
  });
  it('gives nothing for dates only inside the prose', () => {
    const lines = linesOf([
      '标题',
      '2021年10月12日，第六届中国现代医院管理能力建设与发展大会在北京举行，会上公布了评选结果，很长的一段正文。',
    ]);
    expect(pickPublishDate(lines, { head: 0, bodyStart: 1, bodyEnd: 1 }, REF, NOW)).toBeNull();
  });
  it('ignores dates in the future', () => {
    const lines = linesOf(['标题', '发布时间：2030-01-01', '正文。']);
    expect(pickPublishDate(lines, { head: 0, bodyStart: 2, bodyEnd: 2 }, REF, NOW)).toBeNull();
  });
});
