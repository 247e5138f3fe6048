/**
 * Text-mode layout rules as data: punctuation classes, story openers, page chrome, metadata
 * labels, captions and bylines. Code in this folder reads these; tests in rules.test.ts pin them.
 */

/** Punctuation that ends a sentence. */
export const SENTENCE_FINAL = '。！？!?…';

/** Closing marks that may follow a sentence-final mark (“……。” or （……。）). */
export const CLOSING_MARKS = '”’」』）)》〉】';

/** Opening marks: a line ending in one is cut mid-sentence. */
export const OPENING_MARKS = '“‘「『（(《〈【';

/** A line ends a sentence: sentence-final mark, optionally followed by closing marks. */
export const ENDS_SENTENCE = new RegExp(`[${SENTENCE_FINAL}][${CLOSING_MARKS}]*$`);

/** A paragraph ends with a closing bracket or quote after a full sentence or a byline. */
export const ENDS_CLOSED = new RegExp(`[${SENTENCE_FINAL}${CLOSING_MARKS}]$`);

/** Punctuation that separates clauses: a headline rarely has it, a body paragraph always does. */
export const CLAUSE_PUNCTUATION = /[，。；！？、,;]/;

/** Openers of a newspaper story: 本报讯, 本报记者…, 据…报道, 新华社…电. */
export const STORY_OPENERS: readonly RegExp[] = [
  /^本报讯/,
  /^本报(?:特约|通讯)?记者/,
  /^本报[^\s，。]{1,8}(?:月|日)电/,
  /^据[^，。]{1,20}报道/,
  /^(?:新华社|中新社|人民网|新华网)[^，。]{0,20}电/,
];

/** Where a story opener may begin inside a merged line ("陕西汉阴：村医竞聘上岗 本报讯 …"). */
export const MERGED_OPENER = /\s(本报讯|本报(?:特约|通讯)?记者)/;

/** `（上接第1版）`: the story continues from another page; group 1 is the page. */
export const CONTINUED_FROM =
  /^[（(]\s*(?:上接|接)\s*(第\s*[0-9０-９A-Za-z一二三四五六七八九十]+\s*版)\s*[）)]$/;

/** `（下转第4版）`: the story continues on another page. */
export const CONTINUED_ON =
  /^[（(]\s*(?:下转|转)\s*第\s*[0-9０-９A-Za-z一二三四五六七八九十]+\s*版\s*[）)]$/;

/** A subtitle line: it opens with a dash (——副题). */
export const SUBTITLE_DASH = /^(?:——|--|—|－－)\s*/;

/** Photo credits: 图片由…提供, 供图, 摄, 图/… */
export const PHOTO_CREDITS: readonly RegExp[] = [
  /^(?:图片?|照片|图文)由.{1,40}提供$/,
  /^(?:图|摄影|摄|图片)\s*[/／|｜:：]\s*\S.{0,30}$/,
  /^\S.{0,30}(?:供图|摄影?)$/,
];

/**
 * A byline on its own line: names in brackets, separated by spaces or 、 (（陆水清 王炜昌）).
 * Each name is 2–4 characters (a · joins foreign names).
 */
export const BYLINE =
  /^[（(]\s*[\u4e00-\u9fff·]{2,8}(?:[\s、]+[\u4e00-\u9fff·]{2,8}){0,5}\s*[）)]$/;

/** A byline glued after the last sentence: "……了解。 （王柄钧）"; group 1 is the byline. */
export const TRAILING_BYLINE = new RegExp(
  `(?<=[${SENTENCE_FINAL}][${CLOSING_MARKS}]*)\\s*([（(]\\s*[\\u4e00-\\u9fff·]{2,8}(?:[\\s、]+[\\u4e00-\\u9fff·]{2,8}){0,5}\\s*[）)])$`,
);

/**
 * Metadata labels under a web article's headline. Matched at the start of a line, followed by
 * a colon. The first such line marks where the headline ends.
 */
export const METADATA_LABELS: readonly string[] = [
  '发布时间',
  '發佈時間',
  '發布時間',
  '发布日期',
  '發佈日期',
  '发表时间',
  '更新时间',
  '时间',
  '時間',
  '日期',
  '来源',
  '來源',
  '作者',
  '发布者',
  '發佈者',
  '编辑',
  '責任編輯',
  '责任编辑',
  '浏览次数',
  '瀏覽次數',
  '点击数',
];

const labelAlternation = METADATA_LABELS.map((label) =>
  label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** A metadata line: a label and a colon at the start (`发布时间:2024-11-20 …`). */
export const METADATA_LINE = new RegExp(`^(?:${labelAlternation})\\s*[:：]`);

/** Page chrome around a web article: breadcrumbs, clocks, the e-paper reader's header. */
export const CHROME_LINES: readonly RegExp[] = [
  /^(?:当前位置|當前位置|当前所在|當前所在|所在位置|您的位置|您现在的位置|您現在的位置|您现在所在的位置|您現在所在的位置)\s*[:：]?/,
  /(?:首页|首頁|主页|主頁)\s*[>＞»›]/,
  /^当前报纸名称\s*[:：]/,
  /^當前報紙名稱\s*[:：]/,
  /^(?:字号|字號)\s*[:：]/,
  /^\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?(?:\s+(?:星期|周|週)[一二三四五六日天])?$/,
  /^(?:星期|周|週)[一二三四五六日天]$/,
  /^\d{1,2}:\d{2}(?::\d{2})?$/,
  /^欢迎(?:来到|访问|光临)/,
  /^歡迎(?:來到|訪問|光臨)/,
  // A bare column name above the headline (医院公告, 工作动态, 通知公告).
  /^[\u4e00-\u9fff]{0,4}(?:公告|动态|動態|新闻|新聞|要闻|要聞|资讯|資訊|通知|专题|專題|专栏|專欄)$/,
];

/** A whole line in brackets describing a photo: (白云区…传达…会议精神). */
export const BRACKETED_CAPTION = /^[（(][^（）()。:：]{8,}[）)]$/;

/** A label and colon, or a web address: such a line is metadata, never a caption. */
export const LABEL_OR_URL = /[:：]|https?\/\//;

/** Layout thresholds, in column units (a CJK character is 1, an ASCII character ½). */
export const LAYOUT = {
  /** A hard-wrapped column is at least this wide and at most this wide. */
  minColumnWidth: 6,
  maxColumnWidth: 45,
  /** A line within this ratio of the column width fills the column. */
  fullLineRatio: 0.75,
  /** A line wider than this ratio of the column width is not part of the column (a caption). */
  overWideRatio: 1.4,
  /** Lines near the median width, not ending a sentence, needed to call a text hard-wrapped. */
  wrappedShare: 0.5,
  /** How many non-blank lines either side estimate the local column width. */
  widthWindow: 4,
  /** A headline is at most this wide (newspaper pages), and a web headline at most this wide. */
  maxHeadlineWidth: 32,
  maxWebHeadlineWidth: 80,
  /** A caption line without clause punctuation is wider than a headline. */
  minCaptionWidth: 20,
  /** The metadata line under a web headline sits within this many paragraphs of the top. */
  metadataSearchDepth: 15,
} as const;

/** True if the paragraph matches any of the patterns. */
export function matchesAny(patterns: readonly RegExp[], text: string): boolean {
  return patterns.some((pattern) => pattern.test(text));
}
