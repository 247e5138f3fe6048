/**
 * Page chrome that ends up next to Chinese article bodies (NOTES.md: shares of pages where each
 * was seen at the start or end of a body). Data: `extract/clean.ts` applies it.
 */

/** A block starting with one of these, near the end of the body, starts the page's chrome: it and everything after go. */
export const TAIL_CUT_MARKERS = [
  '上一篇',
  '下一篇',
  '上一條',
  '下一條',
  '上一条',
  '下一条',
  '上一篇：',
  '热门推荐',
  '熱門推薦',
  '最新发布',
  '最新發佈',
  '相关新闻',
  '相關新聞',
  '相关阅读',
  '相關閱讀',
  '相关文章',
  '相關文章',
  '相关链接',
  '推荐阅读',
  '推薦閱讀',
  '延伸阅读',
  '猜你喜欢',
  '热点新闻',
  '热门文章',
  '往期回顾',
  '往期推荐',
  '[免责声明]',
  '【免责声明】',
  '免责声明',
  '免責聲明',
  '版权声明',
  '版權聲明',
  '分享到',
  '分享至',
  '扫一扫',
  '掃一掃',
  '微信扫一扫',
  '长按识别',
  '长按二维码',
  '【打印',
  '打印本页',
  '打印本頁',
  '【关闭',
  '关闭窗口',
  '關閉窗口',
  '阅读原文',
  '点击“阅读原文”',
  '网友评论',
  '发表评论',
  '我要评论',
  '返回顶部',
  '打印',
];

/** The closing mark of WeChat articles: `— END —`, `-END-`, `END`. */
export const END_MARK = /^[\s—–\-－_=~·.]*(?:END|End|完|结束)[\s—–\-－_=~·.]*$/;

/** Whole blocks that are chrome wherever they stand. Compared after trimming and removing spaces. */
export const CHROME_BLOCKS = [
  '图片',
  '圖片',
  '图',
  '[图片]',
  '【图片】',
  '视频',
  '图集',
  '分享',
  '收藏',
  '点赞',
  '在看',
  '赞',
  '字号',
  '字号：大中小',
  '字号:大中小',
  '【字体：大中小】',
  '大中小',
  '打印',
  '关闭',
  '关闭窗口',
  '返回',
  '返回顶部',
  '专题',
  '專題',
  '上一篇',
  '下一篇',
  '">',
  '>',
];

/** A block starting with one of these is chrome at the start or end of a body (not a cut: only that block). */
export const CHROME_PREFIXES = [
  '分享到',
  '扫码',
  '扫一扫',
  '掃一掃',
  '关注我们',
  '关注公众号',
  '点击上方',
  '点击蓝字',
  '【字体',
  '字号：',
  '字号:',
  '浏览次数',
  '阅读次数',
  '点击数',
  '欢迎来到',
  '当前报纸名称',
  '信息来源于网络',
  '本文来源于网络',
  '图片来源于网络',
  '图片来源网络',
  '声明：',
  '免责声明',
  '来源：网络',
];

/** Pagination controls: `第1页/共1页 << 上一页 | 下一页 >>`, `[1] [2] 下一页`. */
export const PAGINATION_LINE =
  /^(?:第\s*\d+\s*页\s*[/／]\s*共\s*\d+\s*页|共\s*\d+\s*页)|(?:上一页|下一页|首页\s*\|?\s*尾页)[\s|>»]*$/;

/** Hotline and contact lines: `行政总值班:020-37379393`. */
export const CONTACT_LINE =
  /^(?:[\p{Script=Han}]{0,12}(?:热线|電話|电话|值班|咨询|諮詢|传真|傳真|邮箱|郵箱|地址|邮编|郵編|联系方式|聯繫方式)[\p{Script=Han}]{0,6})\s*[:：]?\s*[\d\-()（）\s+,、/]{6,}$/u;

/** Footer lines: copyright, ICP registration, public-security filing, site statements. */
export const FOOTER_LINE =
  /(?:版权所有|版權所有|Copyright|©|ICP备|ICP證|ICP证|公网安备|公網安備|主办单位|主辦單位|承办单位|技术支持|技術支持|网站地图|网站标识码|建议使用|分辨率)/i;
