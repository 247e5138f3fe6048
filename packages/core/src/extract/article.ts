import type { ExtractResult, NotArticle, NotArticleReason, Warning } from '../clip/schema';
import { assembleMeta } from './assemble-meta';
import { readBody } from './body';
import { findBylines } from './byline';
import { cleanBlocks } from './clean';
import { cstDay, type DayRef, findDates } from './dates';
import { finishClip } from './finish';
import { findHeadline, findSiteName } from './headline';
import { isMetaLine, type LabelledValue, readLabelledLine } from './meta-line';
import { openerCredits, parseNames } from './names';
import { type PageLine, pageLines } from './page-lines';
import { readPageMeta } from './page-meta';
import { pickPublishDate } from './pick-date';
import { isWeChatPage, readWeChat } from './wechat';

export interface ExtractOptions {
  /** "Now", for the year of a yearless date when the page shows no clock of its own. Defaults to the current time. */
  now?: Date;
  /**
   * The document is the caller's own, parsed for this call (the server, the command line): it
   * may be rewritten, which saves copying it. Leave unset for a live page.
   */
  mutate?: boolean;
}

export function notArticle(reason: NotArticleReason, message: string): NotArticle {
  return { kind: 'not-article', reason, message };
}

/** The longest text taken as one article: a long report runs to ~100k characters; past this, a book or a dump. */
export const MAX_ARTICLE_CHARS = 1_000_000;

const squash = (s: string) => s.replace(/\s+/g, '');
const EDITION_LINE = /(?:^|\s)(第\s*[A-Za-z]{0,2}\d{1,3}\s*版)\s*[:：]\s*([^\s:：]{2,16})\s*$/;
/** A newspaper's digital edition names itself `健康报数字报`, `广州日报电子版`. */
const EPAPER_SUFFIX =
  /(?:数字报|數字報|电子报|電子報|电子版|電子版|数字版|數字版|数字报刊|电子报刊|阅读机)$/;

/** The line where a block of the body stands on the page, searching from `from`. */
function locate(lines: PageLine[], text: string, from: number): number {
  const probe = squash(text).slice(0, 16);
  if (probe.length < 4) return -1;
  for (let i = Math.max(0, from); i < lines.length; i++) {
    if (squash(lines[i]!.text).includes(probe)) return i;
  }
  return -1;
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

/**
 * A page's DOM → a clip, or why it is not an article. Reads the page and works on a copy:
 * `doc` is not modified (it may be the live page in the extension).
 */
export function extractArticle(
  doc: Document,
  url: string,
  options: ExtractOptions = {},
): ExtractResult {
  const root = doc.body ?? doc.documentElement;
  if (!root) return notArticle('empty', 'The document has no body.');
  const wechat = isWeChatPage(doc, url);
  const lines = pageLines(root, {
    keepHidden: (el) =>
      wechat &&
      (el.id === 'js_content' || (el.getAttribute('class') ?? '').includes('rich_media_content')),
  });
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

  const meta = readPageMeta(doc, url);
  const wx = wechat ? readWeChat(doc) : null;
  // Everything read from the page itself is read above this line: Readability may rewrite it.
  const body = readBody(doc, { mutate: options.mutate });
  const firstLong = body?.blocks.find((b) => b.text.length >= 20);
  const headline = findHeadline(lines, meta, firstLong ? locate(lines, firstLong.text, 0) : -1);
  const title = wx?.title ?? headline?.title ?? null;

  const headIndex = headline?.lineIndex ?? -1;
  const afterHead = headline?.subtitleIndex ?? headIndex;
  const linkedTexts = new Set(lines.filter((l) => l.linked).map((l) => l.text));
  const cleaned = cleanBlocks(body?.blocks ?? [], {
    title,
    subtitle: headline?.subtitle ?? null,
    isLinked: (text) => linkedTexts.has(text),
  });
  const blocks = cleaned.blocks;
  const bodyText = blocks
    .filter((b) => b.kind !== 'img' && b.kind !== 'caption')
    .map((b) => b.text);
  const bodyChars = bodyText.reduce((n, t) => n + t.length, 0);

  // Not an article: a page of links (home or list), or too little text to be one.
  const bodyLinked = bodyText.filter((t) => linkedTexts.has(t)).reduce((n, t) => n + t.length, 0);
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
  if (bodyChars < 40)
    return notArticle('too-short', `Only ${bodyChars} characters of article text were found.`);

  // The neighbourhood of the headline: meta lines under it, breadcrumb and newspaper above it.
  const firstBody = bodyText[0];
  const located = firstBody ? locate(lines, firstBody, afterHead + 1) : -1;
  // Where the first block cannot be found verbatim (it was joined across lines), the first run of
  // prose under the headline starts the body.
  const bodyStart =
    located >= 0 || headIndex < 0
      ? located
      : lines.findIndex((l, i) => i > afterHead && !l.linked && l.text.length >= 40);
  const zoneEnd = bodyStart > afterHead ? Math.min(bodyStart, afterHead + 13) : afterHead + 8;
  const after = headIndex >= 0 ? lines.slice(afterHead + 1, zoneEnd) : [];
  const before =
    headIndex >= 0 ? lines.slice(Math.max(0, headIndex - 15), headIndex) : lines.slice(0, 15);
  const labelled = (ls: PageLine[]) =>
    ls.filter((l) => isMetaLine(l.text)).flatMap((l) => readLabelledLine(l.text));
  const header = [...labelled(after), ...labelled(before)];

  // The last block that can be found on the page ends the body (a tiny last block, `+1`, cannot).
  let bodyEnd = -1;
  for (let k = bodyText.length - 1; k >= Math.max(0, bodyText.length - 4) && bodyEnd < 0; k--) {
    bodyEnd = locate(lines, bodyText[k]!, Math.max(bodyStart, 0));
  }
  const tail = bodyEnd >= 0 ? lines.slice(bodyEnd + 1, bodyEnd + 16) : [];
  const elsewhere = labelled(tail.filter((l) => l.text.length <= 80));
  // Labels that only ever describe the article (a newspaper's name, an edition) count anywhere.
  for (const v of labelled(lines))
    if (v.field === 'newspaper' || v.field === 'edition' || v.field === 'originalUrl')
      elsewhere.push(v);
  // An e-paper's edition line carries no label: `第03版:综合新闻`, `2022年12月01日 健康报 第03版：综合新闻`.
  const editionLine = [...after, ...before].map((l) => EDITION_LINE.exec(l.text)).find(Boolean);
  if (editionLine)
    elsewhere.push({
      field: 'edition',
      label: '',
      role: null,
      value: `${editionLine[1]}:${editionLine[2]}`,
    });

  const breadcrumbLines = (headIndex >= 0 ? lines.slice(0, headIndex) : lines.slice(0, 40))
    .filter(
      (l) =>
        readLabelledLine(l.text).some((v) => v.field === 'breadcrumb') ||
        ((l.text.match(/[>＞»›]/g)?.length ?? 0) >= 1 &&
          /首页|首頁|主页|网站首页/.test(l.text) &&
          l.text.length <= 120),
    )
    .map((l) => l.text)
    .reverse();

  // The page's own clock (an e-paper reader's header date) dates yearless dates, never the article.
  const clock = before.map((l) => findDates(l.text)[0]).find((d) => d?.year != null);
  const refDay: DayRef = clock
    ? { year: clock.year!, month: clock.month, day: clock.day }
    : cstDay(options.now ?? new Date());

  const siteName = findSiteName(meta, title);
  const pageUrl = /^https?:/.test(url) ? url : (meta.canonicalUrl ?? null);
  const canonicalUrl = meta.canonicalUrl ?? pageUrl;
  const span = { head: afterHead, bodyStart, bodyEnd };
  const visibleDate = pickPublishDate(lines, span, refDay, options.now ?? new Date());
  // Authors, most reliable first: labels near the headline and inside the body (作者：, 文/),
  // then an unlabelled byline around the article (`光明日报记者 王建宏`, `（姚峰 上海报道）`), then
  // labels after the body (a blog's footer), which a byline overrides.
  const namesAuthor = (v: LabelledValue) => {
    // An interview's `记者：…` question is not a byline: its "names" run long.
    const names = v.field === 'author' ? parseNames(v.value) : [];
    return names.length > 0 && names.every((n) => n.length <= 8);
  };
  cleaned.harvest.credits.push(...openerCredits(bodyText[0]));
  const labelledNear =
    [...header, ...cleaned.harvest.labelled].some(namesAuthor) ||
    cleaned.harvest.credits.some((c) => c.role !== '编辑');
  const bylines = labelledNear ? [] : findBylines(lines, span);
  cleaned.harvest.credits.push(...bylines);
  const afterBody = bylines.length > 0 ? elsewhere.filter((v) => v.field !== 'author') : elsewhere;
  const articleMeta = assembleMeta({
    header,
    headerLines: after.map((l) => l.text),
    visibleDate,
    elsewhere: afterBody,
    harvest: cleaned.harvest,
    breadcrumbLines,
    declared: {
      publishedAt: wx?.publishedAt ?? meta.publishedAt,
      source: wx?.account ?? meta.source,
      author: wx?.author ?? meta.author,
      column: meta.column,
    },
    siteName,
    title,
    refDay,
    url: pageUrl,
    isRepost: !wechat,
    bylineHint: body?.byline ?? null,
  });
  if (wx?.account && !articleMeta.source) articleMeta.source = wx.account;
  if (
    (articleMeta.edition || articleMeta.newspaper) &&
    !articleMeta.newspaper &&
    siteName &&
    EPAPER_SUFFIX.test(siteName)
  ) {
    articleMeta.newspaper = siteName.replace(EPAPER_SUFFIX, '') || null;
  }
  articleMeta.source ??= articleMeta.newspaper;

  const warnings: Warning[] = [];
  if (!headline && !wx?.title) {
    warnings.push({
      code: 'no-headline',
      message: 'No headline was found; the title is the start of the text.',
    });
  }
  if (!articleMeta.publishedAt)
    warnings.push({ code: 'no-date', message: 'No publish date was found on the page.' });
  const epaper = !!articleMeta.newspaper || !!articleMeta.edition;
  return {
    kind: 'article',
    clip: finishClip({
      url: pageUrl,
      canonicalUrl,
      siteName,
      title: title ?? `${(bodyText[0] ?? '').slice(0, 24)}…`,
      subtitle: headline?.subtitle ?? null,
      meta: articleMeta,
      blocks,
      hints: { epaper, wechat },
      warnings,
    }),
  };
}
