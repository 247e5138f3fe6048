import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { joinHardWraps } from './hard-wraps';
import { paragraphRole, splitStories, type TextStory } from './stories';

function seed(name: string): string {
  return readFileSync(new URL(`../../../../seeds/${name}`, import.meta.url), 'utf8');
}

function storiesOf(name: string): TextStory[] {
  return splitStories(joinHardWraps(seed(name)));
}

describe('splitStories on the PDF newspaper page (003)', () => {
  const stories = storiesOf('003_b5fd25ce164c3633.txt');

  it('finds the seven stories with their headlines', () => {
    expect(stories.map((story) => story.title)).toEqual([
      '凝心聚力 守护百姓健康',
      '拿出推进高质量发展的实招硬招',
      '陕西汉阴：村医竞聘上岗',
      '云南315人参加首批中医优秀人才研修',
      '湖南岳阳建成远程影像云平台',
      '河北廊坊合理膳食科教基地投用',
      '川渝同步启动全国安全用药月活动',
    ]);
    expect(stories.map((story) => story.subtitle)).toEqual([
      '广东省信宜市人民医院以党建引领高质量发展',
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('puts the feature’s lead first, then its sections and byline', () => {
    const feature = stories[0]!;
    expect(feature.paragraphs[0]).toBe(
      '建院于1931年的广东省信宜市人民医院地处广东省西南部、茂名市北部。',
    );
    expect(feature.paragraphs[2]).toMatch(/^近年来，面对人民群众日益增长的健康需求.*转型升级。$/);
    expect(feature.paragraphs.slice(3, 5)).toEqual(['党建铸魂', '夯实组织“基础柱”']);
    for (const subhead of ['党建聚能', '筑牢发展“同心柱”', '党建为民', '强化服务“先锋柱”']) {
      expect(feature.paragraphs).toContain(subhead);
    }
    const lastSection = feature.paragraphs.indexOf('党建聚力');
    expect(feature.paragraphs[lastSection + 1]).toBe('上下共建“双向柱”');
    expect(feature.paragraphs.at(-1)).toBe('（陆水清 王炜昌）');
    expect(feature.paragraphs.at(-2)).toMatch(
      /^“坚持以人民健康为中心.*为医院高质量发展“增力赋能”。$/,
    );
    expect(feature.captions).toEqual([
      '图片由信宜市人民医院提供',
      '医院医务人员下乡开展志愿服务 医院心血管内科团队为患者实施高速冠状动脉内膜旋磨术+支架介入术',
    ]);
    expect(feature.continuedFrom).toBeNull();
  });

  it('keeps each quotation in one paragraph', () => {
    const all = stories.flatMap((story) => story.paragraphs);
    const quote = all.filter((p) =>
      p.includes('信宜市卫生健康局局长兼信宜市人民医院党委书记周永飞说。'),
    );
    expect(quote).toHaveLength(1);
    expect(quote[0]!.startsWith('“回顾医院改革发展的历程')).toBe(true);
    expect(all.filter((p) => p.includes('不断促进党建工作与医院业务工作的深度融合'))).toHaveLength(
      1,
    );
  });

  it('reads the continued story from 第1版, its subheads kept', () => {
    const continued = stories[1]!;
    expect(continued.continuedFrom).toBe('第1版');
    expect(continued.paragraphs).not.toContain('（上接第1版）');
    expect(continued.paragraphs[0]).toBe('实现资源融合发力');
    expect(continued.paragraphs[1]).toMatch(/^大医院的管理者承认/);
    expect(continued.paragraphs).toContain('推动服务更精细便捷');
    expect(continued.paragraphs.at(-1)).toMatch(/^据介绍，.*方面成效明显。$/);
  });

  it('opens each short story with its 本报讯 paragraph and ends it with its body', () => {
    const bounds: [string, string][] = [
      ['本报讯 （特约记者魏剑 通讯员刘勇 沈艳丽）“在诊疗服务中', '村医队伍更趋年轻化、专业化。'],
      [
        '本报讯 特约记者陆继才近日从云南省卫生健康委获悉',
        '为全省中医药事业传承创新发展注入新活力。',
      ],
      ['本报讯 （特约记者潘争辉）近日，在湖南省岳阳市', '从而实现医学影像的远程会诊。'],
      ['本报讯 河北省廊坊市疾控中心建设的食品安全', '（王柄钧）'],
      ['本报讯 （特约记者喻文苏）11月 23日，川渝 2022 年', '新闻宣传专题培训等10项活动。'],
    ];
    stories.slice(2).forEach((story, i) => {
      const [first, last] = bounds[i]!;
      expect(story.paragraphs[0]!.startsWith(first)).toBe(true);
      expect(story.paragraphs.at(-1)!.endsWith(last)).toBe(true);
    });
    expect(stories[5]!.paragraphs.at(-2)).toMatch(/等进行学习了解。$/);
    for (const story of stories.slice(2)) {
      expect(story.continuedFrom).toBeNull();
      expect(story.captions).toEqual([]);
    }
  });
});

describe('splitStories on web-copied text', () => {
  it('000: two-line headline above the metadata, chrome skipped', () => {
    const stories = storiesOf('000_ec02ae82ae10b707.txt');
    expect(stories).toHaveLength(1);
    const [story] = stories;
    expect(story!.title).toBe('校地共建筑峰提质');
    expect(story!.subtitle).toBe('党建赋能加速发展');
    // Chrome and metadata stay, in their order, for the caller to read and strip.
    expect(story!.paragraphs.slice(0, 5)).toEqual([
      '电子报阅读机',
      '2026-01-23',
      '星期五',
      '当前报纸名称:广州日报',
      '日期:12-24',
    ]);
    expect(story!.paragraphs).toContain('文/汪万里、张子珊');
  });

  it.each([
    [
      '001_21bc241343c95277.txt',
      '大连医科大学附属第二医院:以党建引领高质量发展',
      '当前所在:首页 > 反腐专题',
    ],
    [
      '002_9eda0a97505da87c.txt',
      '廣州市第一人民醫院:以“四個精準”為抓手提升黨建工作質量 鍛造堅強有力黨組織',
      '您現在所在的位置:首頁 > 深入開展學習貫徹習近平新時代中國特色社會主義思想主題教育 > 加強基層黨建',
    ],
    [
      '004_7f3215a5263048ee.txt',
      '坚持党建引领,共促健康发展——广州市白云区民营医疗行业党委召开2023年白云区医疗行业党建工作座谈会',
      '所在位置:首页 > 医院动态 > 医院公告',
    ],
  ])('%s: one story titled by the line above the metadata', (name, title, breadcrumb) => {
    const stories = storiesOf(name);
    expect(stories).toHaveLength(1);
    expect(stories[0]!.title).toBe(title);
    expect(stories[0]!.subtitle).toBeNull();
    const at = stories[0]!.paragraphs.indexOf(breadcrumb);
    expect(at).toBeGreaterThanOrEqual(0);
    // The metadata line comes right after the breadcrumb once the headline is taken out.
    expect(stories[0]!.paragraphs[at + 1]).toMatch(/^(发布时间|時間)/);
  });

  it('004: bracketed photo captions go to captions, the repost line stays', () => {
    const [story] = storiesOf('004_7f3215a5263048ee.txt');
    expect(story!.captions).toContain(
      '(白云精康医院院长何勇就医院红联共建“1+N”模式工作开展情况进行介绍)',
    );
    expect(story!.paragraphs).toContain('集团全媒体中心 白云精康医院 2023-07-11 21:05');
    expect(story!.paragraphs).toContain('文稿撰写 | 周用棣 韩佳玺');
  });
});

describe('splitStories on small cases', () => {
  it('a selection of two paragraphs is one untitled story', () => {
    const paragraphs = [
      '近年来，医院党委围绕新时代党的建设总要求，以高质量党建引领高质量发展。',
      '医院先后获得全国文明单位、全国特色医院文化单位等荣誉。',
    ];
    expect(splitStories(paragraphs)).toEqual([
      { title: null, subtitle: null, paragraphs, continuedFrom: null, captions: [] },
    ]);
  });

  it('a selection starting with its headline is titled by it', () => {
    const [story] = splitStories(['锻造高质量发展稳健内核', '2021年10月12日，大会在北京举行。']);
    expect(story!.title).toBe('锻造高质量发展稳健内核');
    expect(story!.paragraphs).toEqual(['2021年10月12日，大会在北京举行。']);
  });

  it('a selection ending in a short line is not read as a trailing headline', () => {
    const [story] = splitStories([
      '锻造高质量发展稳健内核',
      '2021年10月12日，大会在北京举行。',
      '文/汪万里',
    ]);
    expect(story!.title).toBe('锻造高质量发展稳健内核');
    expect(story!.paragraphs).toEqual(['2021年10月12日，大会在北京举行。', '文/汪万里']);
  });

  it('headlines above their stories belong to the story below', () => {
    const stories = splitStories([
      '湖南岳阳建成远程影像云平台',
      '本报讯 近日，岳阳市签订远程影像云平台服务协议。',
      '平台由专家书写报告。',
      '河北廊坊合理膳食科教基地投用',
      '本报讯 廊坊市疾控中心建设的科普基地近日投入使用。',
    ]);
    expect(stories.map((story) => [story.title, story.paragraphs.length])).toEqual([
      ['湖南岳阳建成远程影像云平台', 2],
      ['河北廊坊合理膳食科教基地投用', 1],
    ]);
  });

  it('headlines after their stories belong to the story above, merged openers split', () => {
    const stories = splitStories([
      '本报讯 近日，岳阳市签订远程影像云平台服务协议。',
      '湖南岳阳建成远程影像云平台 本报讯 廊坊市疾控中心建设的科普基地近日投入使用。',
      '据悉，基地以膳食营养健康为主题。 （王柄钧）',
      '河北廊坊合理膳食科教基地投用',
    ]);
    expect(stories).toEqual([
      {
        title: '湖南岳阳建成远程影像云平台',
        subtitle: null,
        paragraphs: ['本报讯 近日，岳阳市签订远程影像云平台服务协议。'],
        continuedFrom: null,
        captions: [],
      },
      {
        title: '河北廊坊合理膳食科教基地投用',
        subtitle: null,
        paragraphs: [
          '本报讯 廊坊市疾控中心建设的科普基地近日投入使用。',
          '据悉，基地以膳食营养健康为主题。',
          '（王柄钧）',
        ],
        continuedFrom: null,
        captions: [],
      },
    ]);
  });

  it('a continued story keeps its page and drops the marker', () => {
    const [story] = splitStories([
      '（上接第2版）',
      '拿出实招硬招',
      '会议要求各地抓好落实。',
      '会议强调要扎实推进。',
    ]);
    expect(story!.continuedFrom).toBe('第2版');
    expect(story!.title).toBe('拿出实招硬招');
    expect(story!.paragraphs).toEqual(['会议要求各地抓好落实。', '会议强调要扎实推进。']);
  });
});

describe('paragraphRole', () => {
  it.each([
    ['本报讯 （特约记者潘争辉）近日，在湖南省', 'opener'],
    ['（上接第1版）', 'continued'],
    ['凝心聚力 守护百姓健康', 'headline'],
    ['——广东省信宜市人民医院以党建引领高质量发展', 'subtitle'],
    ['（陆水清 王炜昌）', 'byline'],
    ['图片由信宜市人民医院提供', 'caption'],
    [
      '医院医务人员下乡开展志愿服务 医院心血管内科团队为患者实施高速冠状动脉内膜旋磨术+支架介入术',
      'caption',
    ],
    ['医院先后获得全国文明单位、全国特色医院文化单位等荣誉。', 'body'],
    ['原文链接:https://www.lndj.gov.cn/portaluploads/html/site-5/info/52140.html', 'body'],
  ] as const)('%s → %s', (text, role) => {
    expect(paragraphRole(text)).toBe(role);
  });
});
