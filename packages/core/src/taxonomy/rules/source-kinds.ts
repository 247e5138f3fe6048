import type { SourceKind } from '../../clip/schema';

/** A site rule: the first rule any of whose host or site-name patterns matches decides. */
export interface SourceKindRule {
  kind: SourceKind;
  /** Matched against the URL's host name, lower case. */
  hosts?: readonly RegExp[];
  /** Matched against the site's own name (og:site_name, <title> suffix). */
  siteNames?: readonly RegExp[];
}

export const sourceKindRulesV1: readonly SourceKindRule[] = [
  {
    kind: 'wechat',
    hosts: [/(^|\.)mp\.weixin\.qq\.com$/, /(^|\.)weixin\.qq\.com$/],
    siteNames: [/微信公众/],
  },
  {
    kind: 'government',
    hosts: [/\.gov\.cn$/, /(^|\.)gov\.(hk|mo)$/, /\.gov$/],
    siteNames: [
      /政府/,
      /卫健委/,
      /卫生健康委/,
      /卫生健康局/,
      /党建/,
      /组织部/,
      /纪委/,
      /反腐|倡廉|廉政|纪检|党风/,
      /监委/,
      /人民代表大会/,
      /政协/,
    ],
  },
  {
    kind: 'hospital',
    hosts: [/hospital/, /(^|\.)(hosp|yy|[a-z]*yy)\./],
    siteNames: [/医院/, /卫生院/, /保健院/, /医疗集团/],
  },
  {
    kind: 'university',
    hosts: [/\.edu\.cn$/, /\.edu$/, /\.edu\.(hk|tw|mo)$/],
    siteNames: [/大学/, /学院$/],
  },
  {
    kind: 'news',
    hosts: [
      /(^|\.)people\.com\.cn$/,
      /(^|\.)xinhuanet\.com$/,
      /(^|\.)news\.cn$/,
      /(^|\.)chinanews\.com(\.cn)?$/,
      /(^|\.)cctv\.com$/,
      /(^|\.)cnr\.cn$/,
      /(^|\.)gmw\.cn$/,
      /(^|\.)chinadaily\.com\.cn$/,
      /(^|\.)youth\.cn$/,
      /(^|\.)ce\.cn$/,
      /(^|\.)thepaper\.cn$/,
      /(^|\.)caixin\.com$/,
      /(^|\.)ifeng\.com$/,
      /(^|\.)sina\.com\.cn$/,
      /(^|\.)sohu\.com$/,
      /(^|\.)163\.com$/,
      /(^|\.)news\.qq\.com$/,
      /(^|\.)dayoo\.com$/,
      /(^|\.)southcn\.com$/,
      /(^|\.)jkb\.com\.cn$/,
      /(^|\.)cn-healthcare\.com$/,
      /(^|\.)yicai\.com$/,
    ],
    siteNames: [/网$/, /新闻/, /日报/, /晚报/, /报社/, /电视台/, /传媒/, /在线$/],
  },
];
