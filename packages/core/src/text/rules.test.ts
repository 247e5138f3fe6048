import { describe, expect, it } from 'vitest';
import {
  BRACKETED_CAPTION,
  BYLINE,
  CHROME_LINES,
  CONTINUED_FROM,
  CONTINUED_ON,
  ENDS_SENTENCE,
  MERGED_OPENER,
  METADATA_LINE,
  matchesAny,
  PHOTO_CREDITS,
  STORY_OPENERS,
  SUBTITLE_DASH,
  TRAILING_BYLINE,
} from './rules';

describe('ENDS_SENTENCE', () => {
  it('sees a sentence end, also inside closing quotes', () => {
    expect(ENDS_SENTENCE.test('是医院改革发展的重要保障。')).toBe(true);
    expect(ENDS_SENTENCE.test('让越来越多的未来医疗场景走入日常生活。”')).toBe(true);
    expect(ENDS_SENTENCE.test('谈起三年援藏经历，郑皖亓如数家珍……')).toBe(true);
  });
  it('does not see one in a line cut mid-sentence', () => {
    expect(ENDS_SENTENCE.test('服务质量、党风行风及“我为')).toBe(false);
    expect(ENDS_SENTENCE.test('儿童医疗联盟、儿童疾病质控中心，')).toBe(false);
    expect(ENDS_SENTENCE.test('夯实组织“基础柱”')).toBe(false);
  });
});

describe('STORY_OPENERS', () => {
  it.each([
    '本报讯 （特约记者魏剑 通讯员刘勇 沈艳丽）“在诊疗服务中',
    '本报讯 河北省廊坊市疾控中心建设的食品安全',
    '本报记者 张三 通讯员 李四',
    '本报北京11月23日电 记者王五',
    '据新华社报道，国家卫生健康委近日印发',
    '新华社北京11月23日电 国家卫生健康委',
  ])('opens a story: %s', (text) => {
    expect(matchesAny(STORY_OPENERS, text)).toBe(true);
  });
  it.each([
    '大医院的管理者承认，一家医院有优势学科',
    '医院将本报讯息转发给全院',
    '根据本报记者了解',
  ])('does not open a story: %s', (text) => {
    expect(matchesAny(STORY_OPENERS, text)).toBe(false);
  });
  it('finds an opener run on after a headline', () => {
    const match = MERGED_OPENER.exec('陕西汉阴：村医竞聘上岗 本报讯 特约记者陆继才近日从');
    expect(match?.index).toBe('陕西汉阴：村医竞聘上岗'.length);
    expect(MERGED_OPENER.exec('本报讯 特约记者陆继才近日从')).toBeNull();
  });
});

describe('continuation markers', () => {
  it('reads the page a story continues from', () => {
    expect(CONTINUED_FROM.exec('（上接第1版）')?.[1]).toBe('第1版');
    expect(CONTINUED_FROM.exec('(接第A2版)')?.[1]).toBe('第A2版');
    expect(CONTINUED_FROM.test('（下转第4版）')).toBe(false);
    expect(CONTINUED_ON.test('（下转第4版）')).toBe(true);
    expect(CONTINUED_FROM.test('上接第1版的讨论')).toBe(false);
  });
});

describe('SUBTITLE_DASH', () => {
  it('strips the dash of a subtitle', () => {
    expect('——广东省信宜市人民医院以党建引领高质量发展'.replace(SUBTITLE_DASH, '')).toBe(
      '广东省信宜市人民医院以党建引领高质量发展',
    );
    expect(SUBTITLE_DASH.test('坚持党建引领,共促健康发展——广州市')).toBe(false);
  });
});

describe('captions and bylines', () => {
  it.each(['图片由信宜市人民医院提供', '本报记者 张三 摄', '图/李四', '医院宣传科供图'])(
    'photo credit: %s',
    (text) => expect(matchesAny(PHOTO_CREDITS, text)).toBe(true),
  );
  it.each(['该院还先后派出医务人员20余批次', '图片', '摄影技术在医学影像中的应用越来越广'])(
    'not a photo credit: %s',
    (text) => expect(matchesAny(PHOTO_CREDITS, text)).toBe(false),
  );
  it('knows a byline line', () => {
    expect(BYLINE.test('（陆水清 王炜昌）')).toBe(true);
    expect(BYLINE.test('（王柄钧）')).toBe(true);
    expect(BYLINE.test('（2022）')).toBe(false);
    expect(BYLINE.test('（上接第1版）')).toBe(false);
  });
  it('finds a byline glued after the last sentence', () => {
    const match = TRAILING_BYLINE.exec('等进行学习了解。 （王柄钧）');
    expect(match?.[1]).toBe('（王柄钧）');
    expect(TRAILING_BYLINE.test('该院打造了覆盖三省一区（辽宁省、吉林省）')).toBe(false);
  });
  it('knows a bracketed photo caption from a byline', () => {
    expect(
      BRACKETED_CAPTION.test('(白云区卫健局机关党委组织委员冯秀娟传达白云区行业党建工作会议精神)'),
    ).toBe(true);
    expect(BRACKETED_CAPTION.test('（作者单位：某某医院）')).toBe(false);
  });
});

describe('web page lines', () => {
  it.each([
    '发布时间:2024-11-20 23:46:40 作者:佚名 来源: 中共辽宁省委组织部',
    '時間:2023-08-09 09:08:52 來源:本網',
    '日期:12-24',
    '发布时间：2023-11-28 浏览次数:183',
    '来源：健康报',
  ])('metadata line: %s', (text) => expect(METADATA_LINE.test(text)).toBe(true));
  it.each([
    '当前报纸名称:广州日报',
    '时光荏苒,坐落于大连市星海湾之滨',
    '大连医科大学附属第二医院:以党建引领高质量发展',
  ])('not a metadata line: %s', (text) => expect(METADATA_LINE.test(text)).toBe(false));
  it.each([
    '当前所在:首页 > 反腐专题',
    '您現在所在的位置:首頁 > 深入開展 > 加強基層黨建',
    '所在位置:首页 > 医院动态 > 医院公告',
    '2026-01-23',
    '星期五',
    '当前报纸名称:广州日报',
    '医院公告',
  ])('chrome: %s', (text) => expect(matchesAny(CHROME_LINES, text)).toBe(true));
  it.each(['校地共建筑峰提质', '党建赋能加速发展', '锻造高质量发展稳健内核'])(
    'not chrome: %s',
    (text) => expect(matchesAny(CHROME_LINES, text)).toBe(false),
  );
});
