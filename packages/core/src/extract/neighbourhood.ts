import { cstDay, type DayRef, findDates } from './dates';
import { isMetaLine, type LabelledValue, readLabelledLine } from './meta-line';
import type { PageLine } from './page-lines';
import type { ArticleSpan } from './pick-date';

/** Where the article stands among the page's lines, and the metadata lines around it. */
export interface Neighbourhood {
  span: ArticleSpan;
  /** Labelled values under the headline, then above it. */
  header: LabelledValue[];
  /** The lines between the headline and the body. */
  under: string[];
  /** Labelled values after the body, and those that only ever describe the article (newspaper, edition). */
  elsewhere: LabelledValue[];
  /** Breadcrumb lines above the headline, nearest first. */
  breadcrumbLines: string[];
  /** The page's own clock (an e-paper reader's header date), for yearless dates; else today. */
  refDay: DayRef;
}

const squash = (s: string) => s.replace(/\s+/g, '');
const EDITION_LINE = /(?:^|\s)(第\s*[A-Za-z]{0,2}\d{1,3}\s*版)\s*[:：]\s*([^\s:：]{2,16})\s*$/;

/** The line where a block of the body stands on the page, searching from `from`. */
export function locate(lines: PageLine[], text: string, from: number): number {
  const probe = squash(text).slice(0, 16);
  if (probe.length < 4) return -1;
  for (let i = Math.max(0, from); i < lines.length; i++) {
    if (squash(lines[i]!.text).includes(probe)) return i;
  }
  return -1;
}

/** A label alone in its cell, its value in the next: `发文机关：` | `吉林省人民政府` (government tables). */
const LABEL_CELL = /^[\p{Script=Han}\s]{2,8}[:：]$/u;

function labelled(ls: PageLine[]): LabelledValue[] {
  const out: LabelledValue[] = [];
  for (let i = 0; i < ls.length; i++) {
    const text = ls[i]!.text;
    const next = ls[i + 1]?.text;
    if (LABEL_CELL.test(text) && next && next.length <= 60 && !isMetaLine(next)) {
      const joined = `${text}${next}`;
      if (isMetaLine(joined)) {
        out.push(...readLabelledLine(joined));
        i++;
        continue;
      }
    }
    if (isMetaLine(text)) out.push(...readLabelledLine(text));
  }
  return out;
}

/**
 * The headline's neighbourhood: meta lines under it, breadcrumb and newspaper above it, credits
 * after the body. `headIndex`/`afterHead` are the headline's and its subtitle's lines (-1: none).
 */
export function readNeighbourhood(
  lines: PageLine[],
  headIndex: number,
  afterHead: number,
  bodyText: string[],
  now: Date,
): Neighbourhood {
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

  // The last block that can be found on the page ends the body (a tiny last block, `+1`, cannot).
  let bodyEnd = -1;
  for (let k = bodyText.length - 1; k >= Math.max(0, bodyText.length - 4) && bodyEnd < 0; k--) {
    bodyEnd = locate(lines, bodyText[k]!, Math.max(bodyStart, 0));
  }
  const tail = bodyEnd >= 0 ? lines.slice(bodyEnd + 1, bodyEnd + 16) : [];
  const elsewhere = labelled(tail.filter((l) => l.text.length <= 80));
  // Labels that only ever describe the article (a newspaper's name, an edition) count anywhere.
  for (const v of labelled(lines)) {
    if (v.field === 'newspaper' || v.field === 'edition' || v.field === 'originalUrl')
      elsewhere.push(v);
  }
  // An e-paper's edition line carries no label: `第03版:综合新闻`, `2022年12月01日 健康报 第03版：综合新闻`.
  const edition = [...after, ...before].map((l) => EDITION_LINE.exec(l.text)).find(Boolean);
  if (edition)
    elsewhere.push({
      field: 'edition',
      label: '',
      role: null,
      value: `${edition[1]}:${edition[2]}`,
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

  // The page's own clock dates yearless dates, never the article.
  const clock = before.map((l) => findDates(l.text)[0]).find((d) => d?.year != null);
  const refDay: DayRef = clock
    ? { year: clock.year!, month: clock.month, day: clock.day }
    : cstDay(now);

  return {
    span: { head: afterHead, bodyStart, bodyEnd },
    header: [...labelled(after), ...labelled(before)],
    under: after.map((l) => l.text),
    elsewhere,
    breadcrumbLines,
    refDay,
  };
}
