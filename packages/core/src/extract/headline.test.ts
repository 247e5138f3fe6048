import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { findHeadline, findSiteName, lcsLength, titleSegments } from './headline';
import { pageLines } from './page-lines';
import { readPageMeta } from './page-meta';

function page(head: string, body: string) {
  const { document } = parseHTML(`<html><head>${head}</head><body>${body}</body></html>`);
  const doc = document as unknown as Document;
  return { lines: pageLines(doc.body), meta: readPageMeta(doc, 'https://example.cn/a.html') };
}

describe('findHeadline', () => {
  it('takes the heading sharing the most with <title>, not the site logo', () => {
    const { lines, meta } = page(
      '<title>土豆不“土” 土豆无“土” 松花江网</title>',
      '<h1>松花江网</h1><h2>土豆不“土” 土豆无“土”</h2><p>2022-02-13 09:57 光明网</p><p>正文很长很长的一段。</p>',
    );
    expect(findHeadline(lines, meta, 3)?.title).toBe('土豆不“土” 土豆无“土”');
  });
  it('splits a two-line headline into title and subtitle', () => {
    const { lines, meta } = page(
      '<title>校地共建筑峰提质 党建赋能加速发展_广州日报</title>',
      '<h1>校地共建筑峰提质</h1><h2>党建赋能加速发展</h2><p>日期:12-24</p><p>正文。</p>',
    );
    expect(findHeadline(lines, meta, 3)).toMatchObject({
      title: '校地共建筑峰提质',
      subtitle: '党建赋能加速发展',
    });
  });
  it('finds a headline above a dash subtitle and a bare byline when <title> says nothing', () => {
    const { lines, meta } = page(
      '<title>显示</title>',
      '<p>比赛革命的革命</p><p>胡平</p><p>——对文化革命的政治心理学分析</p><p>一、理解文革的一个重要内容</p><p>文化革命是一场有着极为广泛的群众参与的政治运动，很长的一段。</p>',
    );
    expect(findHeadline(lines, meta, 4)).toMatchObject({
      title: '比赛革命的革命',
      subtitle: '对文化革命的政治心理学分析',
    });
  });
  it('never takes a breadcrumb', () => {
    const { lines, meta } = page(
      '<title>新闻动态--中国地理学会官网</title>',
      '<h3>首页 - 新闻动态</h3><h5>2019年中国人文地理学术年会在重庆•西南大学成功举行！</h5><p>发布时间：2019-05-18</p><p>5月10-12日，年会在重庆举行，很长的一段正文。</p>',
    );
    expect(findHeadline(lines, meta, 3)?.title).toBe(
      '2019年中国人文地理学术年会在重庆•西南大学成功举行！',
    );
  });
});

describe('title helpers', () => {
  it('measures the longest common substring', () => {
    expect(lcsLength('大连医科大学附属第二医院', '附属第二医院:以党建引领')).toBe(6);
  });
  it('splits <title> on Chinese separators and names the site', () => {
    expect(titleSegments('市一医院获评示范单位_工作动态_广州市卫健委')).toEqual([
      '市一医院获评示范单位',
      '工作动态',
      '广州市卫健委',
    ]);
    const meta = { titleTag: '市一医院获评示范单位_工作动态_广州市卫健委' } as Parameters<
      typeof findSiteName
    >[0];
    expect(findSiteName({ ...meta, siteName: null }, '市一医院获评示范单位')).toBe('广州市卫健委');
  });
});
