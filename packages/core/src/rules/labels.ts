/**
 * Metadata labels as Chinese pages write them, simplified and traditional. Data, not code:
 * `meta-line.ts` reads a line against these. Longer labels first where one contains another.
 */
export type MetaField =
  | 'date'
  | 'source'
  | 'author'
  | 'editor'
  | 'photo'
  | 'newspaper'
  | 'edition'
  | 'breadcrumb'
  | 'originalUrl'
  | 'views'
  | 'fontSize'
  | 'other';

export interface LabelRule {
  field: MetaField;
  /** How the label is written. */
  labels: string[];
  /** The role to record for a person named under this label (authors and editors). */
  role?: string;
}

export const LABEL_RULES: LabelRule[] = [
  {
    field: 'date',
    labels: [
      '发布时间',
      '发布日期',
      '發佈時間',
      '發布時間',
      '發佈日期',
      '發布日期',
      '发表时间',
      '發表時間',
      '发稿时间',
      '刊发时间',
      '刊发日期',
      '出版日期',
      '更新时间',
      '更新日期',
      '成文日期',
      '时间',
      '時間',
      '日期',
    ],
  },
  {
    field: 'source',
    labels: [
      '信息来源',
      '来源于',
      '來源於',
      '文章来源',
      '新闻来源',
      '稿件来源',
      '资料来源',
      '來源',
      '来源',
      '稿源',
      '出处',
      '出處',
      '来自',
    ],
  },
  { field: 'author', labels: ['文稿撰写'], role: '文稿撰写' },
  { field: 'author', labels: ['作者', '作　者'], role: '作者' },
  { field: 'author', labels: ['撰稿人', '撰稿', '撰文'], role: '撰稿' },
  { field: 'author', labels: ['采写', '采访'], role: '采写' },
  { field: 'author', labels: ['本报记者', '特约记者', '见习记者', '记者', '記者'], role: '记者' },
  { field: 'author', labels: ['特约通讯员', '通讯员', '通訊員'], role: '通讯员' },
  { field: 'author', labels: ['供稿'], role: '供稿' },
  // An official document's author is the body that issued it.
  { field: 'author', labels: ['发文机关', '發文機關', '发布机构', '發布機構'], role: '发文机关' },
  { field: 'author', labels: ['文字', '文'], role: '文' },
  {
    field: 'editor',
    labels: ['责任编辑', '責任編輯', '责编', '責編', '编辑', '編輯', '小编', '小編'],
    role: '编辑',
  },
  {
    field: 'editor',
    labels: ['编审', '編審', '审核', '審核', '审校', '终审', '初审', '二审', '三审'],
    role: '编审',
  },
  { field: 'other', labels: ['校对', '校對'], role: '校对' },
  { field: 'other', labels: ['美编排版', '美编', '美編', '排版', '设计', '设計'], role: '美编' },
  {
    field: 'photo',
    labels: ['摄影', '攝影', '图片', '圖片', '图', '圖', '视频', '視頻'],
    role: '摄影',
  },
  { field: 'newspaper', labels: ['当前报纸名称', '當前報紙名稱', '报纸名称', '報紙名稱'] },
  { field: 'edition', labels: ['版面', '版次', '版名'] },
  {
    field: 'breadcrumb',
    labels: [
      '您现在所在的位置',
      '您現在所在的位置',
      '您现在的位置',
      '您現在的位置',
      '您的位置',
      '当前位置',
      '當前位置',
      '当前所在',
      '當前所在',
      '所在位置',
      '位置',
    ],
  },
  { field: 'originalUrl', labels: ['原文链接', '原文鏈接', '原文地址', '原文網址', '原文网址'] },
  {
    field: 'views',
    labels: [
      '浏览次数',
      '瀏覽次數',
      '浏览量',
      '阅读次数',
      '阅读量',
      '点击数',
      '点击量',
      '点击',
      '浏览',
      '阅读',
      '访问量',
    ],
  },
  { field: 'fontSize', labels: ['字号', '字號', '字体', '字體'] },
  { field: 'other', labels: ['译者', '翻译', '編譯', '编译', '译'], role: '译' },
  { field: 'other', labels: ['主管部门', '承制部门', '主办单位', '出品', '监制', '统筹'] },
];

/** Separators between a label and its value: full- and half-width colons, pipes, 丨, slash (文/…). */
export const LABEL_SEPARATOR = '\\s*[:：|｜丨/／]\\s*';

/** Values meaning "no author": the page filled the field with a placeholder. */
export const ANONYMOUS_NAMES = ['佚名', '匿名', '未知', '不详', '无', '暂无', 'admin', 'Admin'];

/** Source values meaning "this site": resolved to the site's name. */
export const THIS_SITE = ['本网', '本網', '本站', '本网站', '本網站', '原创', '原創'];
