/**
 * How Chinese pages write an article's byline when it carries no `作者：` label, as data:
 * `extract/byline.ts` reads the lines around an article against these.
 */

/** A role word in a byline and the role it records. Longer words first. */
export const BYLINE_ROLES: { words: string[]; role: string }[] = [
  {
    words: [
      '本报记者',
      '本報記者',
      '本刊记者',
      '本台记者',
      '本网记者',
      '特约记者',
      '特約記者',
      '见习记者',
      '首席记者',
      '记者',
      '記者',
    ],
    role: '记者',
  },
  { words: ['本报实习生', '实习记者', '实习生', '實習生'], role: '实习生' },
  { words: ['特约通讯员', '本报通讯员', '通讯员', '通訊員'], role: '通讯员' },
];

/** Labels followed by a colon or slash that name the writer: `文：眉间尺`, `执笔人：…`, `文/汪万里`. */
export const BYLINE_LABELS: { words: string[]; role: string }[] = [
  { words: ['作者', '作　者', '撰文', '撰稿人', '撰稿', '文字', '文'], role: '作者' },
  { words: ['执笔人', '執筆人', '执笔', '執筆'], role: '执笔' },
];

/**
 * What may follow the names in a byline and is not a name: `发自北京`, `山东冠县报道`, `/文`,
 * `摄`. Applied to the end of the names part.
 */
export const NAME_TRAILER =
  /(?:\s*(?:发自|發自)\S*|\s*[\p{Script=Han}]{0,8}(?:报道|報道)|\s*[/／]\s*(?:文|图|圖)\S*|\s+(?:摄影|攝影|摄|攝|供图|整理|编译|編譯|采写|电|讯|文))$/u;

/** Decorations that open a byline line: `□ 本报记者 葛灵丹`, `■`, `——`. */
export const BYLINE_DECORATION = /^[\s□■●◆◇▲△★☆〓|｜—\-·•]+/u;

/**
 * Words that look like a name (two to four Han characters) but are not one; a byline whose
 * names part holds one is prose or a label.
 */
export const NOT_NAMES = [
  '近日',
  '日前',
  '今天',
  '今日',
  '昨天',
  '昨日',
  '目前',
  '获悉',
  '了解',
  '报道',
  '报导',
  '表示',
  '介绍',
  '采访',
  '发现',
  '看到',
  '注意',
  '一行',
  '本报',
  '本刊',
  '本网',
  '编辑',
  '责任编辑',
  '来源',
  '摄影',
  '通讯员',
  '实习生',
  '记者',
  '发布',
  '发表',
  '阅读',
  '评论',
  '出自',
  '时间',
  '日期',
  '版权所有',
  '首页',
  '全文',
  '原文',
  '相关',
  '详细',
  '更多',
  '佚名',
  '匿名',
  '未知',
];

/** Name tokens ending like an organisation are not people: `（新华社）`, `（本报）`. */
export const ORGANISATION_END =
  /(?:社|报|報|网|網|台|站|局|委|部|院|会|會|厅|廳|办|辦|中心|公司|集团|频道|頻道|日报|晚报|杂志|协会)$/u;

// Surnames for names that stand with no role word at all (`（袁源）`, `[ 黄宇 ]`): the taxonomy's
// list, one list for the whole core. Compared in simplified form.
export {
  compoundSurnames as SURNAMES_COMPOUND,
  singleSurnames as SURNAMES,
} from '../taxonomy/rules/surnames';

/**
 * Forum and blog bylines: the poster's name next to a posting time. Each pattern captures
 * `name`; the line must also carry a date or time (checked in byline.ts).
 */
export const POSTER_PATTERNS: { pattern: RegExp; surnameOnly?: boolean }[] = [
  // `ggjjzhzz 发表于 2005-9-15 11:46:00`
  { pattern: /^(?<name>[^\s:：]{2,20})\s*(?:发表于|發表於|发表|發表)\s*[:：]?\s*\d/u },
  // `本贴由大卫于2005年8月12日16:12:21在〖…〗发表.`
  {
    pattern:
      /由\s*(?<name>[^\s于於]{2,20}?)\s*(?:于|於)\s*\d{2,4}\s*[-/年.].*(?:发表|發表|张贴|張貼)/u,
  },
  // `由海姑娘张贴 @ 2005-06-14`
  { pattern: /由\s*(?<name>[^\s]{2,20}?)\s*(?:张贴|張貼|发布|發佈)\s*[@\s]/u },
  // `发布时间 2005/05/17 22:11:42 by 眉间尺 〓`
  { pattern: /\d{1,2}:\d{2}(?::\d{2})?\s+by\s+(?<name>[^\s〓]{2,20})\s*(?:〓|$)/iu },
  // `2004年7月16日08:19 [ 黄宇 ] 来源：[ 国际金融报 ]`
  {
    pattern: /\d{1,2}:\d{2}(?::\d{2})?\s*[[【]\s*(?<name>[^\]】\s]{2,8})\s*[\]】]/u,
    surnameOnly: true,
  },
];
