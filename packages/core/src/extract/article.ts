import type { ExtractResult, Warning } from '../clip/schema';
import { assembleMeta } from './assemble-meta';
import { readBody } from './body';
import { findBylines } from './byline';
import { cleanBlocks, type Harvest } from './clean';
import { type DayRef, findDates, toIso } from './dates';
import { finishClip } from './finish';
import { findHeadline, findSiteName } from './headline';
import type { LabelledValue } from './meta-line';
import { openerCredits, parseNames } from './names';
import { locate, readNeighbourhood } from './neighbourhood';
import { pageLines } from './page-lines';
import { readPageMeta } from './page-meta';
import { type ArticleSpan, pickPublishDate } from './pick-date';
import { bodyVerdict, notArticle, pageVerdict } from './verdict';
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

/** A newspaper's digital edition names itself `健康报数字报`, `广州日报电子版`. */
const EPAPER_SUFFIX =
  /(?:数字报|數字報|电子报|電子報|电子版|電子版|数字版|數字版|数字报刊|电子报刊|阅读机)$/;

/**
 * Authors, most reliable first: labels near the headline and inside the body (作者：, 文/, an
 * opener's `本报讯（记者 X）`), then an unlabelled byline around the article (`光明日报记者 王建宏`,
 * `（姚峰 上海报道）`), then labels after the body (a blog's footer), which a byline overrides.
 * Adds the byline's credits to the harvest and returns the after-body labels to use.
 */
function rankAuthors(
  lines: ReturnType<typeof pageLines>,
  span: ArticleSpan,
  header: LabelledValue[],
  harvest: Harvest,
  elsewhere: LabelledValue[],
  firstParagraph: string | undefined,
): LabelledValue[] {
  // An interview's `记者：…` question is not a byline: its "names" run long.
  const namesAuthor = (v: LabelledValue) => {
    const names = v.field === 'author' ? parseNames(v.value) : [];
    return names.length > 0 && names.every((n) => n.length <= 8);
  };
  harvest.credits.push(...openerCredits(firstParagraph));
  const labelledNear =
    [...header, ...harvest.labelled].some(namesAuthor) ||
    harvest.credits.some((c) => c.role !== '编辑');
  const bylines = labelledNear ? [] : findBylines(lines, span);
  harvest.credits.push(...bylines);
  return bylines.length > 0 ? elsewhere.filter((v) => v.field !== 'author') : elsewhere;
}

/** A date-only line among the first paragraphs, when it is earlier than the page's own date. */
function earlierDateline(
  paragraphs: string[],
  publishedAt: string | null,
  refDay: DayRef,
): string | null {
  if (!publishedAt) return null;
  for (const p of paragraphs) {
    const [date] = findDates(p, { allowMonth: true });
    if (!date || date.length < p.replace(/\s/g, '').length * 0.6) continue;
    const iso = toIso(date, refDay);
    return iso && iso < publishedAt.slice(0, iso.length) ? iso : null;
  }
  return null;
}

/**
 * A page's DOM → a clip, or why it is not an article. `doc` is only read (it may be the live
 * page in the extension) unless the caller hands it over with `mutate`.
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
  const refused = pageVerdict(doc, lines);
  if (refused) return refused;

  const meta = readPageMeta(doc, url);
  const wx = wechat ? readWeChat(doc) : null;
  // Everything read from the page itself is read above this line: Readability may rewrite it.
  const body = readBody(doc, { mutate: options.mutate });
  const firstLong = body?.blocks.find((b) => b.text.length >= 20);
  const headline = findHeadline(lines, meta, firstLong ? locate(lines, firstLong.text, 0) : -1);
  const title = wx?.title ?? headline?.title ?? null;

  const linkedTexts = new Set(lines.filter((l) => l.linked).map((l) => l.text));
  const isLinked = (text: string) => linkedTexts.has(text);
  const cleaned = cleanBlocks(body?.blocks ?? [], {
    title,
    subtitle: headline?.subtitle ?? null,
    isLinked,
  });
  const blocks = cleaned.blocks;
  const bodyText = blocks
    .filter((b) => b.kind !== 'img' && b.kind !== 'caption')
    .map((b) => b.text);
  const notOne = bodyVerdict(url, lines, bodyText, isLinked);
  if (notOne) return notOne;

  const now = options.now ?? new Date();
  const headIndex = headline?.lineIndex ?? -1;
  const near = readNeighbourhood(
    lines,
    headIndex,
    headline?.subtitleIndex ?? headIndex,
    bodyText,
    now,
  );
  const siteName = findSiteName(meta, title);
  const pageUrl = /^https?:/.test(url) ? url : (meta.canonicalUrl ?? null);
  const afterBody = rankAuthors(
    lines,
    near.span,
    near.header,
    cleaned.harvest,
    near.elsewhere,
    bodyText[0],
  );
  const articleMeta = assembleMeta({
    header: near.header,
    headerLines: near.under,
    visibleDate: pickPublishDate(lines, near.span, near.refDay, now),
    elsewhere: afterBody,
    harvest: cleaned.harvest,
    breadcrumbLines: near.breadcrumbLines,
    declared: {
      publishedAt: wx?.publishedAt ?? meta.publishedAt,
      source: wx?.account ?? meta.source,
      author: wx?.author ?? meta.author,
      column: meta.column,
    },
    siteName,
    title,
    refDay: near.refDay,
    url: pageUrl,
    isRepost: !wechat,
    bylineHint: body?.byline ?? null,
  });
  if (wx?.account && !articleMeta.source) articleMeta.source = wx.account;
  if (articleMeta.edition && !articleMeta.newspaper && siteName && EPAPER_SUFFIX.test(siteName)) {
    articleMeta.newspaper = siteName.replace(EPAPER_SUFFIX, '') || null;
  }
  articleMeta.source ??= articleMeta.newspaper;
  // A reposted document opening with its own dateline (`2003年5月` under a 2005 page date) keeps it.
  articleMeta.originalPublishedAt ??= earlierDateline(
    bodyText.slice(0, 4),
    articleMeta.publishedAt,
    near.refDay,
  );

  const warnings: Warning[] = [];
  if (!headline && !wx?.title) {
    warnings.push({
      code: 'no-headline',
      message: 'No headline was found; the title is the start of the text.',
    });
  }
  if (!articleMeta.publishedAt) {
    warnings.push({ code: 'no-date', message: 'No publish date was found on the page.' });
  }
  return {
    kind: 'article',
    clip: finishClip({
      url: pageUrl,
      canonicalUrl: meta.canonicalUrl ?? pageUrl,
      siteName,
      title: title ?? `${(bodyText[0] ?? '').slice(0, 24)}…`,
      subtitle: headline?.subtitle ?? null,
      meta: articleMeta,
      blocks,
      hints: { epaper: !!articleMeta.newspaper || !!articleMeta.edition, wechat },
      warnings,
    }),
  };
}
