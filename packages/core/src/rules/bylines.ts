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
  /(?:\s*(?:发自|發自)\S*|\s*[\p{Script=Han}]{0,8}(?:报道|報道)|\s*[/／]\s*(?:文|图|圖|摄|攝)\S*|\s+(?:摄影|攝影|摄|攝|供图|整理|编译|編譯|采写|电|讯|文))$/u;

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

/**
 * Common Chinese surnames (single and compound), for names that stand with no role word at all:
 * `（袁源）`, `[ 黄宇 ]`. A byline with a role word needs none of this.
 */
export const SURNAMES_COMPOUND = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '令狐',
  '端木',
  '轩辕',
  '澹台',
  '独孤',
  '南宫',
  '西门',
];
export const SURNAMES =
  '王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付傅方白邹鄒孟熊秦邱江尹薛闫閻段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑景党宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺官封谈談匡鞠惠荆荊乐樂冀郁胥南班储儲原栗燕楚鄢劳勞谌諶奚皮粟冼蔺藺楼樓盘盤满滿闻聞位厉厲伊仝区區郜海阚闞花权權强強帅帥屠豆朴盖蓋练練廉禹井祖漆巴丰支卿国國狄平计計索宣晋晉相初门門云雲容敬来來扈晁芮都普阙闕浦戈伏鹿薄邸雍辜羊阿乌烏母裘亓修邰赫杭况況那宿鲜鮮印逯隆茹诸諸战戰慕危玉银銀亢嵇公哈湛宾賓戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴陰昝智幸奉植衡富尧堯闭閉由';

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
