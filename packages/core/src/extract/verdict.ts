import type { NotArticle, NotArticleReason } from '../clip/schema';
import type { PageLine } from './page-lines';

/** The longest text taken as one article: a long report runs to ~100k characters; past this, a book or a dump. */
export const MAX_ARTICLE_CHARS = 1_000_000;

export function notArticle(reason: NotArticleReason, message: string): NotArticle {
  return { kind: 'not-article', reason, message };
}

function isHomeUrl(url: string): boolean {
  try {
    const path = new URL(url).pathname;
    return (
      /^\/?(?:index\.\w+|default\.\w+|home\.\w+)?$/i.test(path) || /^\/[a-z]{0,8}\/?$/i.test(path)
    );
  } catch {
    return false;
  }
}

/** Before reading the body: an empty page, a page too large for an article, a sign-in form. */
export function pageVerdict(doc: Document, lines: PageLine[]): NotArticle | null {
  const totalChars = lines.reduce((n, l) => n + l.text.length, 0);
  if (totalChars === 0) return notArticle('empty', 'The page has no visible text.');
  if (totalChars > MAX_ARTICLE_CHARS) {
    return notArticle(
      'too-large',
      `The page holds ${totalChars} characters of text, more than an article (limit ${MAX_ARTICLE_CHARS}).`,
    );
  }
  const linkedChars = lines.reduce((n, l) => n + (l.linked ? l.text.length : 0), 0);
  const longParagraphs = lines.filter((l) => !l.linked && l.text.length >= 80).length;
  // A sign-in form: a password field and no run of prose (blogs carry a login box in the sidebar).
  if (
    doc.querySelector('input[type="password"]') &&
    longParagraphs === 0 &&
    totalChars - linkedChars < 600
  ) {
    return notArticle('login-page', 'This is a sign-in page, not an article.');
  }
  return null;
}

/** After reading the body: a page of links (a home or list page), or too little text. */
export function bodyVerdict(
  url: string,
  lines: PageLine[],
  bodyText: string[],
  isLinked: (text: string) => boolean,
): NotArticle | null {
  const totalChars = lines.reduce((n, l) => n + l.text.length, 0);
  const linkedChars = lines.reduce((n, l) => n + (l.linked ? l.text.length : 0), 0);
  const bodyChars = bodyText.reduce((n, t) => n + t.length, 0);
  const bodyLinked = bodyText.filter(isLinked).reduce((n, t) => n + t.length, 0);
  if (
    bodyChars === 0 ||
    bodyLinked / Math.max(1, bodyChars) > 0.5 ||
    (bodyChars < 200 && linkedChars / totalChars > 0.6)
  ) {
    if (linkedChars / totalChars > 0.45) {
      return isHomeUrl(url)
        ? notArticle('home-page', 'This is a site home page: a list of links, no article.')
        : notArticle('list-page', 'This is a list of articles, not an article.');
    }
    if (bodyChars === 0) return notArticle('too-short', 'No article text was found on this page.');
  }
  if (bodyChars < 40) {
    return notArticle('too-short', `Only ${bodyChars} characters of article text were found.`);
  }
  return null;
}
