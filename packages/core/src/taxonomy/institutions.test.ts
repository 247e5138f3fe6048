import { describe, expect, it } from 'vitest';
import { findInstitutionMentions, findInstitutions } from './institutions';
import { rulesV1 } from './rules/v1';

const names = (text: string) => findInstitutions(text, rulesV1).map((i) => i.name);

describe('findInstitutions', () => {
  it('takes the longest proper name, not the words before it', () => {
    expect(names('坐落于大连市星海湾之滨的大连医科大学附属第二医院')).toEqual([
      '大连医科大学附属第二医院',
    ]);
    expect(names('2020年,接受委托管理大连睿康心血管病医院')).toEqual(['大连睿康心血管病医院']);
    expect(names('图片由信宜市人民医院提供')).toEqual(['信宜市人民医院']);
  });

  it('gives each kind', () => {
    const found = findInstitutions(
      '国家卫生健康委员会发布通报。白云区卫健局、汉阴县妇幼保健院、暨南大学派驻专家、中共辽宁省委组织部',
      rulesV1,
    );
    expect(found.map((i) => [i.name, i.kind])).toEqual(
      expect.arrayContaining([
        ['国家卫生健康委员会', 'health-commission'],
        ['白云区卫健局', 'health-commission'],
        ['汉阴县妇幼保健院', 'hospital'],
        ['暨南大学', 'university'],
        ['中共辽宁省委组织部', 'party'],
      ]),
    );
  });

  it('gives no fragments: 医院 alone, 该院, 我院, a city’s hospitals, a party committee of nothing', () => {
    expect(names('医院党委书记任萍向记者介绍,该院党委、我院和大连市医院中首家党史馆')).toEqual([]);
    expect(names('推动医院发展,以高质量党建引领医院高质量发展,各镇卫生院')).toEqual([]);
    expect(names('最受大学生欢迎,考上大学')).toEqual([]);
  });

  it('keeps a party organ and the institution it belongs to', () => {
    expect(names('东莞市东部中心医院党委紧紧围绕中心工作')).toEqual([
      '东莞市东部中心医院',
      '东莞市东部中心医院党委',
    ]);
    expect(names('白云区民营医疗行业党委召开座谈会')).toEqual(['白云区民营医疗行业党委']);
  });

  it('drops a name nested in a longer one but knows it where it stands alone', () => {
    const found = findInstitutions(
      '东莞市政府与暨南大学签署协议,建成暨南大学附属第六医院',
      rulesV1,
    );
    expect(found.map((i) => `${i.name}x${i.count}`).sort()).toEqual(
      ['暨南大学x1', '暨南大学附属第六医院x1', '东莞市政府x1'].sort(),
    );
  });

  it('counts mentions and merges a name that only adds a place before another', () => {
    const found = findInstitutions(
      '广东省信宜市人民医院。信宜市人民医院。据信宜市人民医院介绍',
      rulesV1,
    );
    expect(found).toEqual([{ name: '信宜市人民医院', kind: 'hospital', count: 3 }]);
  });

  it('knows a short form of an accepted name (华西医院 of 四川大学华西医院)', () => {
    expect(names('四川大学华西医院常务副院长黄进表示,华西医院通过管理统一')).toEqual([
      '华西医院',
      '四川大学华西医院',
    ]);
  });

  it('reports positions, so people can be given their organisation', () => {
    const [m] = findInstitutionMentions('据信宜市人民医院介绍', rulesV1);
    expect(m).toEqual({ name: '信宜市人民医院', kind: 'hospital', start: 1, end: 8 });
  });
});
