import { describe, expect, it } from 'vitest';
import { findDates, inferYear, isoFromMachineDate, toIso } from './dates';
import { isMetaLine, readLabelledLine } from './meta-line';
import { parseBracketByline, parseNames } from './names';

describe('readLabelledLine', () => {
  it('reads a portal meta line into its fields', () => {
    const v = readLabelledLine('发布时间:2024-11-20 23:46:40 作者:佚名   来源: 中共辽宁省委组织部');
    expect(v.map((x) => [x.field, x.value])).toEqual([
      ['date', '2024-11-20 23:46:40'],
      ['author', '佚名'],
      ['source', '中共辽宁省委组织部'],
    ]);
  });
  it('reads traditional labels', () => {
    const v = readLabelledLine('時間:2023-08-09 09:08:52 來源:本網');
    expect(v.map((x) => [x.field, x.value])).toEqual([
      ['date', '2023-08-09 09:08:52'],
      ['source', '本網'],
    ]);
  });
  it('stops a value at page controls on the same line', () => {
    const v = readLabelledLine(
      '日期:12-24  字号:  版面:第A15版:湾区周刊·先锋       上一篇    下一篇',
    );
    expect(v.find((x) => x.field === 'edition')?.value).toBe('第A15版:湾区周刊·先锋');
    expect(v.find((x) => x.field === 'date')?.value).toBe('12-24');
  });
  it('reads credits with pipes and slashes', () => {
    expect(readLabelledLine('文稿撰写 | 周用棣  韩佳玺')[0]).toMatchObject({
      field: 'author',
      value: '周用棣  韩佳玺',
    });
    expect(readLabelledLine('文/汪万里、张子珊')[0]).toMatchObject({ field: 'author', role: '文' });
    expect(readLabelledLine('编审 | 周怡 周用棣 何勇 韩佳玺')[0]).toMatchObject({
      field: 'editor',
    });
  });
  it('does not see a label inside a word', () => {
    expect(readLabelledLine('我们在这个时间:很重要')).toEqual([]);
    expect(isMetaLine('近年来，医院党委围绕新时代党的建设总要求，以高质量党建引领高质量发展')).toBe(
      false,
    );
    expect(isMetaLine('发布时间:2023-11-28 浏览次数:183')).toBe(true);
  });
});

describe('dates', () => {
  it('finds full dates with and without time', () => {
    const [d] = findDates('发布时间：2024年11月20日 23:46');
    expect(toIso(d!)).toBe('2024-11-20T23:46:00+08:00');
    expect(toIso(findDates('2023-08-09')[0]!)).toBe('2023-08-09');
    expect(toIso(findDates('2005-5-7 21:23:57')[0]!)).toBe('2005-05-07T21:23:57+08:00');
  });
  it('infers a missing year from the reference day', () => {
    expect(inferYear(12, 24, { year: 2026, month: 1, day: 23 })).toBe(2025);
    expect(inferYear(1, 20, { year: 2026, month: 1, day: 23 })).toBe(2026);
    const [d] = findDates('日期:12-24', { allowYearless: true });
    expect(toIso(d!, { year: 2026, month: 1, day: 23 })).toBe('2025-12-24');
  });
  it('rejects impossible dates', () => {
    expect(findDates('2023-13-40')).toEqual([]);
  });
  it('converts machine dates to China Standard Time', () => {
    expect(isoFromMachineDate('2023-08-09 09:08')).toBe('2023-08-09T09:08:00+08:00');
    expect(isoFromMachineDate('2023-07-11T13:05:00Z')).toBe('2023-07-11T21:05:00+08:00');
    expect(isoFromMachineDate('2016-11-22')).toBe('2016-11-22');
  });
});

describe('names', () => {
  it('splits bylines and drops placeholders and role words', () => {
    expect(parseNames('汪万里、张子珊')).toEqual(['汪万里', '张子珊']);
    expect(parseNames('周用棣  韩佳玺')).toEqual(['周用棣', '韩佳玺']);
    expect(parseNames('佚名')).toEqual([]);
    expect(parseNames('南都记者 余毅菁 向雪妮')).toEqual(['余毅菁', '向雪妮']);
  });
  it('reads bracketed bylines with roles', () => {
    expect(parseBracketByline('（特约记者魏剑 通讯员刘勇 沈艳丽）')).toEqual([
      { role: '记者', names: ['魏剑'] },
      { role: '通讯员', names: ['刘勇', '沈艳丽'] },
    ]);
    expect(parseBracketByline('（陆水清 王炜昌）')).toEqual([
      { role: '作者', names: ['陆水清', '王炜昌'] },
    ]);
    expect(parseBracketByline('（2022）')).toBeNull();
    expect(
      parseBracketByline('（白云区卫健局机关党委组织委员冯秀娟传达白云区行业党建工作会议精神）'),
    ).toBeNull();
  });
});
