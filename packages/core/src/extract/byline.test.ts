import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { findBylines } from './byline';
import type { PageLine } from './page-lines';

const element = parseHTML('<p></p>').document.querySelector('p') as unknown as Element;
const line = (text: string, linked = false): PageLine => ({ text, element, linked });
const BODY = '土豆，听名字就“土”得掉渣。可这几天，在中国著名的土豆产区，记者看到了不一样的景象。';

/** A page: headline, the given lines under it, a body paragraph, then the given tail lines. */
function page(under: string[], tail: string[] = [], body = [BODY, BODY]) {
  const lines = [
    line('首页'),
    line('土豆不土'),
    ...under.map((t) => line(t)),
    ...body.map((t) => line(t)),
    ...tail.map((t) => line(t)),
  ];
  const bodyStart = 2 + under.length;
  return findBylines(lines, { head: 1, bodyStart, bodyEnd: bodyStart + body.length - 1 });
}
const names = (credits: { names: string[] }[]) => credits.flatMap((c) => c.names);

describe('findBylines: role bylines under the headline', () => {
  it.each([
    ['光明日报记者 王建宏 张文攀', '记者', ['王建宏', '张文攀']],
    ['新京报记者 彭冲 山东冠县报道', '记者', ['彭冲']],
    ['□ 本报记者 葛灵丹', '记者', ['葛灵丹']],
    ['本报记者罗科苏盈发自北京', '记者', ['罗科苏盈']],
    ['新华网黑龙江频道 记者 伊琳 李清芬', '记者', ['伊琳', '李清芬']],
    ['本报实习生 刘国栋 周炜', '实习生', ['刘国栋', '周炜']],
    ['整合 新华日报·交汇点记者 徐睿翔', '记者', ['徐睿翔']],
    ['顶端新闻·河南商报记者马俊峰/文受访者供图', '记者', ['马俊峰']],
  ])('%s', (text, role, want) => {
    expect(page([text])).toEqual([{ role, names: want }]);
  });

  it('reads several roles on one line and a byline broken over two lines', () => {
    expect(page(['本报记者 张三丰 通讯员 李四'])).toEqual([
      { role: '记者', names: ['张三丰'] },
      { role: '通讯员', names: ['李四'] },
    ]);
    expect(names(page(['本报实习生 刘国栋 周炜', '本报记者 王燕平 方云凤']))).toEqual([
      '刘国栋',
      '周炜',
      '王燕平',
      '方云凤',
    ]);
  });

  it('reads writer labels the metadata rules miss', () => {
    expect(page(['作者： 赵婕 出自[人民文学出版社]'])).toEqual([{ role: '作者', names: ['赵婕'] }]);
    expect(page(['文：眉间尺'])).toEqual([{ role: '作者', names: ['眉间尺'] }]);
    expect(names(page(['作者:zboygirl 阅读(1660) 评论(5) 编辑 发表于:2005-07-31 12:30']))).toEqual([
      'zboygirl',
    ]);
    expect(page([], ['执笔人：闵乐夫 赵兰波 刘韬'])).toEqual([
      { role: '执笔', names: ['闵乐夫', '赵兰波', '刘韬'] },
    ]);
  });
});

describe('findBylines: bracketed bylines in the body', () => {
  it('reads `据新华社拉萨电（记者 格桑边觉）` opening the first paragraph', () => {
    const first =
      '据新华社拉萨电（记者 格桑边觉）记者近日从西藏自治区农业农村厅召开的会议上了解到，改造户用卫生厕所4.66万座。';
    expect(page([], [], [first, BODY])).toEqual([{ role: '记者', names: ['格桑边觉'] }]);
  });
  it('reads `（姚峰 上海报道）` closing the last paragraph and `（袁源）` after it', () => {
    const last = '该人士付之一笑：“这样的说法没有道理。”（姚峰 上海报道）';
    expect(page([], [], [BODY, last])).toEqual([{ role: '作者', names: ['姚峰'] }]);
    expect(page([], ['（袁源）'])).toEqual([{ role: '作者', names: ['袁源'] }]);
  });
  it('leaves a bracketed organisation or note alone', () => {
    expect(page([], ['（新华社）'])).toEqual([]);
    expect(page([], ['（完）'])).toEqual([]);
  });
});

describe('findBylines: forum and blog posters', () => {
  it.each([
    ['ggjjzhzz 发表于 2005-9-15 11:46:00', 'ggjjzhzz'],
    ['本贴由大卫于2005年8月12日16:12:21在〖心灵体操〗发表.', '大卫'],
    ['由海姑娘张贴 @ 2005-06-14 03:25:55 (370) 共 11 篇评论', '海姑娘'],
    ['〓 网易娱乐 明星话题 发布时间 2005/05/17 22:11:42 by 眉间尺 〓', '眉间尺'],
    ['BUSINESS.SOHU.COM 2004年7月16日08:19 [ 黄宇 ] 来源：[ 国际金融报 ]', '黄宇'],
  ])('%s', (text, want) => {
    expect(page([text])).toEqual([{ role: '作者', names: [want] }]);
  });
  it('finds a poster line inside a long post, even in links', () => {
    const lines = [
      line('标题'),
      line(BODY),
      line(BODY),
      line('由海姑娘张贴 @ 2005-06-14 03:25:55', true),
      line(BODY),
    ];
    expect(names(findBylines(lines, { head: 0, bodyStart: 1, bodyEnd: 4 }))).toEqual(['海姑娘']);
  });
});

describe('findBylines: not bylines', () => {
  it.each([
    '记者在现场看到，许多市民排队等候。',
    '昨天下午，记者走访了几个工地。',
    '庆祝第二十四个记者节',
    '中国记者节 快乐',
    '2024年11月20日 星期三',
    'Copyright © 2005 光明日报社 版权所有',
    '记者 近日 了解到',
    '来源：巴彦淖尔日报 编辑：苏亮',
    '（ 责任编辑：魏喆 ）',
  ])('%s', (text) => {
    expect(page([text], [text])).toEqual([]);
  });
  it('returns nothing when the article is not placed', () => {
    expect(
      findBylines([line('本报记者 葛灵丹')], { head: -1, bodyStart: -1, bodyEnd: -1 }),
    ).toEqual([]);
  });
  it('ignores a byline far from the article', () => {
    const lines = [
      line('本报记者 葛灵丹'),
      ...Array.from({ length: 10 }, () => line('导航')),
      line('标题'),
      line(BODY),
    ];
    expect(findBylines(lines, { head: 11, bodyStart: 12, bodyEnd: 12 })).toEqual([]);
  });
});
