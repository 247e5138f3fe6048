import { describe, expect, it } from 'vitest';
import { normalizeUrl } from './url';

describe('normalizeUrl', () => {
  it('treats scheme, www, case of the host, trailing slash and fragment as the same page', () => {
    const forms = [
      'https://www.fflz.cn/a/fanfuzhuanti/2024/1120/52731.html',
      'http://fflz.cn/a/fanfuzhuanti/2024/1120/52731.html#comments',
      'HTTPS://WWW.FFLZ.CN/a/fanfuzhuanti/2024/1120/52731.html',
      'https://www.fflz.cn:443/a/fanfuzhuanti/2024/1120/52731.html',
    ];
    const normalized = new Set(forms.map(normalizeUrl));
    expect([...normalized]).toEqual(['fflz.cn/a/fanfuzhuanti/2024/1120/52731.html']);
    expect(normalizeUrl('https://www.gzdaily.cn/html/2025-12/24/')).toBe(
      normalizeUrl('https://gzdaily.cn/html/2025-12/24'),
    );
  });

  it('drops tracking parameters and sorts the rest', () => {
    expect(
      normalizeUrl('https://news.example.cn/a?id=7&utm_source=wx&from=timeline&page=2&spm=1.2'),
    ).toBe('news.example.cn/a?id=7&page=2');
    expect(normalizeUrl('https://news.example.cn/a?page=2&id=7')).toBe(
      'news.example.cn/a?id=7&page=2',
    );
    // A page's own parameter is kept: two articles differ only by it.
    expect(normalizeUrl('https://x.cn/show.asp?id=1')).not.toBe(
      normalizeUrl('https://x.cn/show.asp?id=2'),
    );
  });

  it("keeps a WeChat article's identity and nothing else", () => {
    const shared =
      'https://mp.weixin.qq.com/s?__biz=MzA3&mid=2650&idx=1&sn=abc&chksm=84&scene=21&key=zz#wechat_redirect';
    expect(normalizeUrl(shared)).toBe('mp.weixin.qq.com/s?__biz=MzA3&idx=1&mid=2650&sn=abc');
    expect(normalizeUrl('https://mp.weixin.qq.com/s/AbCdEf?from=timeline')).toBe(
      'mp.weixin.qq.com/s/AbCdEf',
    );
  });

  it('answers null for what is not a web address', () => {
    for (const raw of [null, '', 'not a url', 'javascript:alert(1)', 'file:///etc/passwd']) {
      expect(normalizeUrl(raw)).toBeNull();
    }
  });
});
