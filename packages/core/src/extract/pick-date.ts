import { type DayRef, type FoundDate, findDates, toIso } from './dates';
import { readLabelledLine } from './meta-line';
import type { PageLine } from './page-lines';

/** Where the article stands among the page's lines. */
export interface ArticleSpan {
  /** The headline's line (or its subtitle's), -1 when the headline is not on the page. */
  head: number;
  bodyStart: number;
  bodyEnd: number;
}

/** Words next to a date that say it is the article's: 发布, 更新, 来源 … */
const NEAR_WORDS =
  /发布|發佈|發布|发表|發表|更新|时间|時間|日期|来源|來源|作者|编辑|責任|责任|阅读|閱讀|点击|浏览|發文|张贴|楼主|posted|报道|讯/i;

const POST_SIGNATURE = /(?:本贴|本帖|本文)由|发表于|發表於|张贴|張貼|posted/i;
/** A journal issue: `Vol. 8 No. 2 (May 2018)`, `第8卷第2期`, `2018年第2期`. */
const JOURNAL_ISSUE = /\bVol(?:ume)?\.?\s*\d+|第\s*\d+\s*卷|\d{4}\s*年\s*第\s*\d+\s*期/i;
const CITATION = /^(?:——|--|原载|原載|转载自|轉載自|摘自|选自|選自|刊于|刊於)\s*.*《[^》]+》/;

interface Candidate {
  date: FoundDate;
  line: number;
  score: number;
}

/**
 * The publish date among all the dates on a page, scored by where each stands: labelled and
 * in the meta line under the headline scores highest; dates in related lists (links), in the
 * body's prose, or far from the article score low or not at all.
 */
export function pickPublishDate(
  lines: PageLine[],
  span: ArticleSpan,
  refDay: DayRef,
  now: Date,
): { iso: string; score: number } | null {
  const candidates: Candidate[] = [];
  const limit = now.getTime() + 2 * 86400_000;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const text = line.text;
    if (text.length > 300) continue;
    const inBody = span.bodyStart >= 0 && i >= span.bodyStart && i <= span.bodyEnd;
    // Related and navigation lists are links; a journal article links its own issue.
    if (line.linked && text.length > 12 && !JOURNAL_ISSUE.test(text)) continue;
    const labelled = readLabelledLine(text).filter((v) => v.field === 'date');
    const dates = findDates(text, { allowYearless: labelled.length > 0, allowMonth: true });
    for (const date of dates) {
      if (date.year !== null && Date.UTC(date.year, date.month - 1, date.day) > limit) continue;
      let score = 0;
      const shown = text
        .slice(date.index, date.index + date.length)
        .trim()
        .slice(0, 8);
      // Unlabelled meta shapes count as labels: a post's signature (`本贴由大卫于…发表`), a date with
      // only a source's name beside it (`2003-7-24 钱江晚报`, `2022-02-13 09:57 光明网`).
      const rest = (text.slice(0, date.index) + text.slice(date.index + date.length)).trim();
      const inLabel =
        labelled.some((v) => v.value.includes(shown)) ||
        POST_SIGNATURE.test(text) ||
        (rest.length > 0 && rest.length <= 12 && !/[，。！？,.!?：:()（）[\]]/.test(rest)) ||
        /^https?:\/\/\S+$/.test(rest); // a portal's stamp: `http://www.qianlong.com/ 2005-03-06 16:17:00`
      if (inLabel) score += 50;
      else if (
        NEAR_WORDS.test(text.slice(Math.max(0, date.index - 8), date.index + date.length + 8))
      )
        score += 20;
      if (span.head >= 0) {
        const d = i - span.head;
        if (d > 0 && (span.bodyStart < 0 || i <= span.bodyStart) && d <= 10) score += 40 - 2 * d;
        else if (d <= 0 && d >= -6) score += 18 + d;
        else if (d > 0 && d <= 4) score += 10;
      } else if (span.bodyStart >= 0 && i < span.bodyStart && span.bodyStart - i <= 10) {
        score += 30 - 2 * (span.bodyStart - i);
      }
      // Around the end of the body: a post's own footer (`发布时间 … by 眉间尺`), first the closest.
      const prose = /[，。！？]/.test(rest);
      if (span.bodyEnd >= 0 && Math.abs(i - span.bodyEnd) <= 6 && !prose)
        score += 15 - Math.abs(i - span.bodyEnd);
      // A date line opening the body (`2005年1月2日` centred above the text) is the article's.
      const dateOnly = date.length >= text.replace(/\s/g, '').length * 0.6;
      if (inBody && i - span.bodyStart <= 2 && dateOnly) score += 25;
      // A date inside the body's prose is something the story tells, not when it ran.
      else if (inBody && !inLabel) score -= text.length > 60 || prose ? 40 : 10;
      // A repost's citation of where it first ran: `——《北京之春》1998年3月号`, `原载《…》`.
      // A repost's citation, or the issue a journal article appeared in, dates it to the month.
      const citation = (CITATION.test(text) || JOURNAL_ISSUE.test(text)) && text.length <= 60;
      if (citation) score += 45;
      // Far from the headline and from the end of the body: another post's or another story's date.
      const distance = Math.min(
        span.head >= 0 ? Math.abs(i - span.head) : Number.POSITIVE_INFINITY,
        span.bodyEnd >= 0 ? Math.abs(i - span.bodyEnd) : Number.POSITIVE_INFINITY,
      );
      if (Number.isFinite(distance)) score -= Math.min(30, Math.max(0, distance - 3));
      if (text.length <= 80) score += 8;
      if (date.hour !== null) score += 6;
      if (date.year === null) score -= 5;
      if (date.precision === 'month' && !citation) score -= 25;
      candidates.push({ date, line: i, score });
    }
  }
  candidates.sort((a, b) => b.score - a.score || a.line - b.line);
  const best = candidates[0];
  if (!best || best.score < 20) return null;
  // The same day given elsewhere with its time (a labelled day under the headline, the time in
  // a meta line): keep the time.
  if (best.date.hour === null) {
    const timed = candidates.find(
      (c) =>
        c.date.hour !== null &&
        c.score >= 20 &&
        c.date.year === best.date.year &&
        c.date.month === best.date.month &&
        c.date.day === best.date.day,
    );
    const iso = timed ? toIso(timed.date, refDay) : null;
    if (iso) return { iso, score: best.score };
  }
  const iso = toIso(best.date, refDay);
  return iso ? { iso, score: best.score } : null;
}
