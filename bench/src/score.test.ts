import { describe, expect, it } from 'vitest';
import {
  allNamesFound,
  bigramF1,
  boilerplateFound,
  charF1,
  dateMatches,
  endProbe,
  isShortBody,
  parseExtractedDate,
  parseReferenceDate,
  probeOffset,
  rate,
  referenceAuthorNames,
  type ScoredFields,
  scoreCwcedPage,
  scoreGnePage,
  sourceContained,
  splitByline,
  startProbe,
  stripWhitespace,
  titleMatches,
} from './score';

describe('body F1', () => {
  it('is 1 for the same characters whatever the whitespace', () => {
    expect(charF1('会议 按照\n\n惯例', '会议按照惯例')).toBe(1);
    expect(stripWhitespace('a\u3000b\u00a0c\u200bd')).toBe('abcd');
  });

  it('counts repeated characters as a bag', () => {
    // extracted 甲甲乙, reference 甲乙乙: overlap 2, precision 2/3, recall 2/3
    expect(charF1('甲甲乙', '甲乙乙')).toBeCloseTo(2 / 3, 10);
  });

  it('falls with boilerplate around the body', () => {
    const body = '张家界的春天美得让人眩目';
    const f1 = charF1(`${body}上一篇下一篇分享到`, body);
    // precision 12/21, recall 1
    expect(f1).toBeCloseTo((2 * (12 / 21)) / (12 / 21 + 1), 10);
  });

  it('is 0 for an empty extraction of a non-empty body', () => {
    expect(charF1('', '正文')).toBe(0);
    expect(bigramF1('', '正文')).toBe(0);
  });

  it('bigrams see order that characters do not', () => {
    expect(charF1('乙甲', '甲乙')).toBe(1);
    expect(bigramF1('乙甲', '甲乙')).toBe(0);
    expect(bigramF1('甲乙丙', '甲乙丙')).toBe(1);
  });

  it('counts a character outside the BMP once', () => {
    expect(charF1('𠮷', '𠮷')).toBe(1);
    expect(bigramF1('𠮷野', '𠮷野')).toBe(1);
  });
});

describe('dates', () => {
  it('reads full and partial reference dates', () => {
    expect(parseReferenceDate('2005-5-7 21:23:57')).toEqual({
      year: 2005,
      month: 5,
      day: 7,
      hour: 21,
      minute: 23,
    });
    expect(parseReferenceDate('2004-09-17 5:54:13')).toMatchObject({ hour: 5, minute: 54 });
    expect(parseReferenceDate('1998-3')).toEqual({ year: 1998, month: 3 });
    expect(parseReferenceDate('2018')).toEqual({ year: 2018 });
  });

  it('gives null for labels that are not dates', () => {
    for (const label of ['UNKNOWN', 'UNKNWON', '', '刘涛'])
      expect(parseReferenceDate(label)).toBeNull();
  });

  it('compares the minute only when the reference has a time', () => {
    const withTime = parseReferenceDate('2019-09-18 06:23')!;
    expect(dateMatches('2019-09-18T06:23:00+08:00', withTime)).toBe(true);
    expect(dateMatches('2019-09-18T06:24:00+08:00', withTime)).toBe(false);
    expect(dateMatches('2019-09-18', withTime)).toBe(false);
    const dayOnly = parseReferenceDate('2016-11-22')!;
    expect(dateMatches('2016-11-22T09:53:00+08:00', dayOnly)).toBe(true);
    expect(dateMatches('2016-11-22', dayOnly)).toBe(true);
    expect(dateMatches('2016-11-23', dayOnly)).toBe(false);
  });

  it('compares only what a partial reference gives', () => {
    expect(dateMatches('1998-03-30', parseReferenceDate('1998-3')!)).toBe(true);
    expect(dateMatches('1998-04-01', parseReferenceDate('1998-3')!)).toBe(false);
    expect(dateMatches('2018-12-31T23:00:00+08:00', parseReferenceDate('2018')!)).toBe(true);
  });

  it('moves other offsets to China time before comparing', () => {
    // 16:30 UTC is 00:30 the next day in Beijing
    expect(parseExtractedDate('2020-10-04T16:30:00Z')).toEqual({
      year: 2020,
      month: 10,
      day: 5,
      hour: 0,
      minute: 30,
    });
    expect(dateMatches('2020-10-04T12:30:00.000Z', parseReferenceDate('2020-10-04 20:30')!)).toBe(
      true,
    );
    expect(dateMatches('2020-10-04T20:30:00+0800', parseReferenceDate('2020-10-04 20:30')!)).toBe(
      true,
    );
  });

  it('fails a missing or unreadable extracted date', () => {
    const ref = parseReferenceDate('2020-10-04')!;
    expect(dateMatches(null, ref)).toBe(false);
    expect(dateMatches('昨天', ref)).toBe(false);
  });
});

describe('authors', () => {
  it('splits a Readability byline into names', () => {
    expect(splitByline('王建宏 张文攀')).toEqual(['王建宏', '张文攀']);
    expect(splitByline('赵延东、风笑天,  李楠')).toEqual(['赵延东', '风笑天', '李楠']);
    expect(splitByline(null)).toEqual([]);
  });

  it('reads cwced author labels', () => {
    expect(referenceAuthorNames('UNKNOWN')).toEqual([]);
    expect(referenceAuthorNames('')).toEqual([]);
    expect(referenceAuthorNames(' 放飞&心情')).toEqual(['放飞&心情']);
    expect(referenceAuthorNames('伊琳  李清芬')).toEqual(['伊琳', '李清芬']);
    expect(referenceAuthorNames('赵延东、风笑天')).toEqual(['赵延东', '风笑天']);
    expect(referenceAuthorNames('周思博 (Joel Spolsky)')).toEqual(['周思博']);
  });

  it('finds every reference name inside the extracted entries', () => {
    expect(allNamesFound(['李楠'], ['记者 李楠'])).toBe(true);
    expect(allNamesFound(['王建宏', '张文攀'], ['王建宏'])).toBe(false);
    expect(allNamesFound(['王建宏', '张文攀'], ['张文攀', '王建宏'])).toBe(true);
    expect(allNamesFound(['茉莉'], [])).toBe(false);
  });
});

describe('title and source', () => {
  it('title is exact after trimming', () => {
    expect(
      titleMatches(' 法国全国大罢工再次严重影响交通\n', '法国全国大罢工再次严重影响交通'),
    ).toBe(true);
    expect(
      titleMatches('法国全国大罢工再次严重影响交通-新华网', '法国全国大罢工再次严重影响交通'),
    ).toBe(false);
    expect(titleMatches(null, '标题')).toBe(false);
  });

  it('source is contained', () => {
    expect(sourceContained('人民网-文化频道', '人民网-文化频道')).toBe(true);
    expect(sourceContained('来源：山西日报', '山西日报')).toBe(true);
    expect(sourceContained('山西', '山西日报')).toBe(false);
    expect(sourceContained(null, '山西日报')).toBe(false);
  });
});

describe('body bounds and boilerplate', () => {
  const start = '长江网10月4日讯（记者陈智 整合） 国庆中秋长假过半，但外';
  const end = '济正增长的大国。世界银行周一预测，今年中国经济增速将达2%。';

  it('probes the first and last 12 characters, whitespace removed', () => {
    expect(startProbe(start)).toBe('长江网10月4日讯（记者');
    expect(endProbe(end)).toBe('年中国经济增速将达2%。');
    expect(Array.from(endProbe(end))).toHaveLength(12);
  });

  it('finds a probe across the extracted text’s line breaks', () => {
    expect(probeOffset('导航\n长江网10月4日\n讯（记者陈智', startProbe(start))).toBe(2);
    expect(probeOffset('别的文章', startProbe(start))).toBe(-1);
  });

  it('reports the mustNotContain strings present, whitespace ignored', () => {
    const text = '正文。\n欧冠-梅西送助攻苏神双响救主\n巴萨2-1逆转国米';
    expect(
      boilerplateFound(text, ['欧冠-梅西送助攻苏神双响救主 巴萨2-1逆转国米', '相关文章']),
    ).toEqual(['欧冠-梅西送助攻苏神双响救主 巴萨2-1逆转国米']);
  });

  it('calls a body under 200 characters short', () => {
    expect(isShortBody('字'.repeat(199))).toBe(true);
    expect(isShortBody(`${'字'.repeat(200)}\n\n`)).toBe(false);
    expect(isShortBody('')).toBe(true);
  });
});

const nothing: ScoredFields = {
  error: 'in progress',
  title: null,
  publishedAt: null,
  source: null,
  authors: [],
  editors: [],
  text: '',
};

describe('page scores', () => {
  const label = {
    title: '外媒眼中的武汉长假：蓬勃发展，欢声笑语',
    publishedAt: '2020-10-04 20:30',
    source: '长江网',
    authors: ['陈智'],
    editors: ['姚昊'],
    bodyStart: '长江网10月4日讯（记者陈智 整合） 国庆中秋长假过半，但外',
    bodyEnd: '济正增长的大国。世界银行周一预测，今年中国经济增速将达2%。',
    mustNotContain: ['热点推荐'],
  };
  const body = `${label.bodyStart}……${label.bodyEnd}`;

  it('passes a labelled page with title, date and both bounds right', () => {
    const s = scoreGnePage(
      {
        error: null,
        title: label.title,
        publishedAt: '2020-10-04T20:30:00+08:00',
        source: '长江网',
        authors: ['陈智'],
        editors: [],
        text: body,
      },
      label,
    );
    expect(s.pass).toBe(true);
    expect(s.clean.ok).toBe(true);
    expect(s.authors?.ok).toBe(true);
    expect(s.editors?.ok).toBe(false);
  });

  it('fails a page whose body stops early or carries boilerplate', () => {
    const s = scoreGnePage(
      {
        error: null,
        title: label.title,
        publishedAt: '2020-10-04T20:30:00+08:00',
        source: null,
        authors: [],
        editors: [],
        text: `${label.bodyStart}热点推荐`,
      },
      label,
    );
    expect(s.bodyStart.ok).toBe(true);
    expect(s.bodyEnd.ok).toBe(false);
    expect(s.pass).toBe(false);
    expect(s.clean.ok).toBe(false);
  });

  it('does not count an empty body as clean, and skips unlabelled fields', () => {
    const s = scoreGnePage(nothing, { ...label, source: null, authors: [], editors: [] });
    expect(s.clean.ok).toBe(false);
    expect(s.source).toBeNull();
    expect(s.authors).toBeNull();
    expect(s.pass).toBe(false);
  });

  it('skips cwced date and author where the reference has none', () => {
    const s = scoreCwcedPage(nothing, {
      body: '正文',
      dateLabel: 'UNKNOWN',
      authorLabel: 'UNKNOWN',
    });
    expect(s.date).toBeNull();
    expect(s.author).toBeNull();
    expect(s.bodyF1Chars).toBe(0);
    const t = scoreCwcedPage(
      {
        ...nothing,
        error: null,
        text: '正文',
        publishedAt: '2005-05-07T21:23:57+08:00',
        authors: ['茉莉'],
      },
      { body: '正文', dateLabel: '2005-5-7 21:23:57', authorLabel: '茉莉' },
    );
    expect(t.date?.ok).toBe(true);
    expect(t.author?.ok).toBe(true);
    expect(t.bodyF1Chars).toBe(1);
  });

  it('rates over the pages that have a verdict', () => {
    expect(rate([true, false, true])).toEqual({ hits: 2, total: 3 });
  });
});

describe('dates known only to the month', () => {
  it('match a month reference and no finer one', async () => {
    const { dateMatches, parseReferenceDate } = await import('./score');
    expect(dateMatches('1998-03', parseReferenceDate('1998-3')!)).toBe(true);
    expect(dateMatches('1998-03', parseReferenceDate('1998-3-5')!)).toBe(false);
    expect(dateMatches('1998-04', parseReferenceDate('1998-3')!)).toBe(false);
  });
});
