import { cstIso } from './dates';
import { collapse } from './page-lines';

export interface WeChatInfo {
  title: string | null;
  account: string | null;
  author: string | null;
  publishedAt: string | null;
}

export function isWeChatPage(doc: Document, url: string): boolean {
  return (
    /(^|\.)mp\.weixin\.qq\.com$/.test(hostOf(url) ?? '') ||
    !!doc.querySelector('#js_content, #activity-name')
  );
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** A WeChat article's own fields; its date is set by script from `var ct` (a Unix time). */
export function readWeChat(doc: Document): WeChatInfo {
  const text = (sel: string) => {
    const t = collapse(doc.querySelector(sel)?.textContent ?? '');
    return t || null;
  };
  let publishedAt: string | null = null;
  for (const s of Array.from(doc.getElementsByTagName('script'))) {
    const m = /\bct\s*=\s*["']?(\d{10})["']?/.exec(s.textContent ?? '');
    if (m) {
      publishedAt = cstIso(new Date(Number(m[1]) * 1000));
      break;
    }
  }
  const ogTitle =
    doc.querySelector('meta[property="og:title"]')?.getAttribute('content')?.trim() || null;
  return {
    title: text('#activity-name') ?? text('.rich_media_title') ?? ogTitle,
    account: text('#js_name') ?? text('.profile_nickname') ?? text('#profileBt a'),
    author:
      text('#js_author_name') ??
      (doc.querySelector('meta[name="author"]')?.getAttribute('content')?.trim() || null),
    publishedAt,
  };
}
