import { describe, expect, it } from 'vitest';
import { detectSourceKind, type SourceKindInput } from './source-kind';

const page = (over: Partial<SourceKindInput>): SourceKindInput => ({
  url: null,
  siteName: null,
  title: '标题',
  text: '正文',
  hints: {},
  ...over,
});

describe('detectSourceKind', () => {
  it('lets the extractor’s hints win', () => {
    const url = 'https://www.gzsy.gov.cn/a.html';
    expect(detectSourceKind(page({ url, hints: { pdf: true } }))).toBe('pdf-newspaper');
    expect(detectSourceKind(page({ url, hints: { epaper: true } }))).toBe('epaper');
    expect(detectSourceKind(page({ url, hints: { edition: '第A15版:湾区周刊·先锋' } }))).toBe(
      'epaper',
    );
    expect(detectSourceKind(page({ url, hints: { wechat: true } }))).toBe('wechat');
    expect(detectSourceKind(page({ url, hints: { edition: null } }))).toBe('government');
  });

  it('reads the host', () => {
    expect(detectSourceKind(page({ url: 'https://mp.weixin.qq.com/s/abc' }))).toBe('wechat');
    expect(detectSourceKind(page({ url: 'https://www.lndj.gov.cn/portaluploads/x.html' }))).toBe(
      'government',
    );
    expect(detectSourceKind(page({ url: 'https://news.jnu.edu.cn/a' }))).toBe('university');
    expect(detectSourceKind(page({ url: 'https://www.example-hospital.com/news/1' }))).toBe(
      'hospital',
    );
    expect(detectSourceKind(page({ url: 'http://health.people.com.cn/n1/2024/1.html' }))).toBe(
      'news',
    );
    expect(detectSourceKind(page({ url: 'https://www.dayoo.com/x' }))).toBe('news');
  });

  it('reads the site name when the host says nothing', () => {
    expect(
      detectSourceKind(page({ url: 'https://www.jkzx.net/a', siteName: '白云精康医院' })),
    ).toBe('hospital');
    expect(detectSourceKind(page({ siteName: '广州市卫生健康委员会' }))).toBe('government');
    expect(detectSourceKind(page({ siteName: '辽宁党建网' }))).toBe('government');
    expect(detectSourceKind(page({ siteName: '暨南大学' }))).toBe('university');
    expect(detectSourceKind(page({ siteName: '反腐倡廉在线网' }))).toBe('government');
  });

  it('falls back to other', () => {
    expect(detectSourceKind(page({}))).toBe('other');
    expect(detectSourceKind(page({ url: 'not a url', siteName: '  ' }))).toBe('other');
    expect(detectSourceKind(page({ url: 'https://blog.example.org/post' }))).toBe('other');
  });
});
