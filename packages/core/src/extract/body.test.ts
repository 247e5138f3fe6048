import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { blocksOf, contentContainer, revealScriptedContent } from './body';

const doc = (body: string) =>
  parseHTML(`<html><body>${body}</body></html>`).document as unknown as Document;
const prose = (n: number) => '医院党委坚持以高质量党建引领医院高质量发展。'.repeat(n);

describe('contentContainer', () => {
  it('finds a CMS body container and copies it', () => {
    const d = doc(
      `<div class="sidebar">${prose(2)}</div><div class="TRS_Editor"><p>${prose(10)}</p></div>`,
    );
    const found = contentContainer(d);
    expect(found?.getAttribute('class')).toBe('TRS_Editor');
    expect(found?.parentNode).toBeNull(); // a copy, safe from Readability's rewriting
  });
  it('prefers the more specific selector and skips containers without a body', () => {
    const d = doc(
      `<div class="post-body"><p>${prose(10)}</p></div><div id="js_content"><p>短</p></div><div class="rich_media_content"><p>${prose(8)}</p></div>`,
    );
    expect(contentContainer(d)?.getAttribute('class')).toBe('rich_media_content');
  });
  it('finds nothing on a page without one', () => {
    expect(contentContainer(doc(`<div class="main"><p>${prose(10)}</p></div>`))).toBeNull();
  });
});

describe('blocksOf', () => {
  it('breaks on block elements and <br>, keeps images, and marks all-bold blocks', () => {
    const d = doc(
      '<div><p><strong>一、精准谋划</strong></p><p>第一段<br>第二段</p><img src="https://x.cn/a.jpg" alt="图"></div>',
    );
    const blocks = blocksOf(d.body);
    expect(blocks.map((b) => [b.kind, b.text, !!b.bold])).toEqual([
      ['p', '一、精准谋划', true],
      ['p', '第一段', false],
      ['p', '第二段', false],
      ['img', '', false],
    ]);
  });
});

describe('revealScriptedContent', () => {
  it('unhides a WeChat body and moves lazy images into src', () => {
    const d = doc(
      '<div id="js_content" style="visibility: hidden;"><img data-src="https://mmbiz.qpic.cn/a.jpg"></div>',
    );
    revealScriptedContent(d);
    expect(d.querySelector('#js_content')?.getAttribute('style') ?? '').not.toContain('hidden');
    expect(d.querySelector('img')?.getAttribute('src')).toBe('https://mmbiz.qpic.cn/a.jpg');
  });
});
