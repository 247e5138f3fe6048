// Bad input gets a typed answer or a clear error, never a crash or a hang.
import { describe, expect, it } from 'vitest';
import { decodeHtml, extractArticle, extractFromText } from '../src/index';
import { parsePage } from '../src/page/index';

const extract = (html: string | Uint8Array, url = 'https://example.cn/a.html') =>
  extractArticle(parsePage(html).document, url);

describe('extractArticle on bad input', () => {
  it('an empty document is empty', () => {
    expect(extract('')).toMatchObject({ kind: 'not-article', reason: 'empty' });
  });
  it('a page with no text is empty', () => {
    expect(
      extract('<html><body><img src="a.png"><script>var a = "正文";</script></body></html>'),
    ).toMatchObject({
      kind: 'not-article',
      reason: 'empty',
    });
  });
  it('binary garbage decodes to something and gets a typed answer', () => {
    const bytes = new Uint8Array(64 * 1024);
    let seed = 42;
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = seed & 0xff;
    }
    const result = extract(bytes);
    expect(['not-article', 'article']).toContain(result.kind);
  });
  // Not a timing test: the bound only catches a run-away extraction (the whole page through
  // Readability takes minutes); parsing 20 MB alone takes 5-20 s on a loaded 2-core machine.
  it('a page of 20 MB is refused as too large, without extracting it', () => {
    const paragraph =
      '<p>医院党委坚持以高质量党建引领医院高质量发展，推动党建工作与业务工作深度融合。</p>\n';
    const html = `<html><head><title>大页面</title></head><body><h1>大页面</h1>${paragraph.repeat(Math.ceil((20 << 20) / 130))}</body></html>`;
    const started = Date.now();
    expect(extract(html)).toMatchObject({ kind: 'not-article', reason: 'too-large' });
    expect(Date.now() - started).toBeLessThan(90_000);
  }, 120_000);
  it('a page declared GBK but stored as UTF-8 reads as UTF-8', () => {
    const html =
      '<html><head><meta charset="gbk"><title>测试</title></head><body><h1>测试标题</h1><p>正文</p></body></html>';
    const decoded = decodeHtml(new TextEncoder().encode(html));
    expect(decoded).toMatchObject({ charset: 'utf-8', via: 'utf-8' });
    expect(decoded.text).toContain('测试标题');
  });
  it('a home page of links is not an article', () => {
    const links = Array.from(
      { length: 60 },
      (_, i) => `<li><a href="/n/${i}.html">第${i}条新闻标题：医院党建工作取得新进展</a></li>`,
    ).join('');
    expect(
      extract(
        `<html><head><title>首页</title></head><body><ul>${links}</ul></body></html>`,
        'https://example.cn/',
      ),
    ).toMatchObject({
      kind: 'not-article',
      reason: 'home-page',
    });
  });
});

describe('extractFromText on bad input', () => {
  it('refuses a text longer than any article', () => {
    expect(extractFromText('党建引领高质量发展。'.repeat(200_000))).toMatchObject({
      kind: 'not-article',
      reason: 'too-large',
    });
  });
});

describe('a reposted document', () => {
  it('keeps its own dateline as the original date', () => {
    const body =
      '为了贯彻落实儿童发展规划，进一步了解全市儿童目前的心理发展现状，为制定切实可行的教育对策提供科学依据，开展了本次调查。'.repeat(
        3,
      );
    const html = `<html><head><title>心理素质发展现状调查研究报告_千龙网</title></head><body>
      <h1>心理素质发展现状调查研究报告</h1><p>http://www.qianlong.com/ 2005-03-06 16:17:00</p>
      <div class="article"><p>北京市妇女儿童工作委员会课题组</p><p>2003年5月</p><p>${body}</p><p>${body}</p></div></body></html>`;
    const result = extract(html, 'https://www.qianlong.com/a.html');
    expect(result.kind).toBe('article');
    if (result.kind !== 'article') return;
    expect(result.clip.publishedAt).toBe('2005-03-06T16:17:00+08:00');
    expect(result.clip.originalPublishedAt).toBe('2003-05');
  });
});
