import { describe, expect, it } from 'vitest';
import { findInstitutionMentions } from './institutions';
import { findPeople } from './people';
import { rulesV1 } from './rules/v1';

const people = (text: string) => findPeople(text, rulesV1, findInstitutionMentions(text, rulesV1));

describe('findPeople', () => {
  it('reads a name after its roles, and stops the name at the verb', () => {
    expect(people('医院党委书记任萍向记者介绍:')).toEqual([
      { name: '任萍', roles: ['党委书记'], organization: null },
    ]);
    expect(people('党委副书记、院长胡良介绍,医院')).toEqual([
      { name: '胡良', roles: ['党委副书记', '院长'], organization: null },
    ]);
    expect(people('急诊科党支部书记唐学杰向记者介绍了')).toEqual([
      { name: '唐学杰', roles: ['党支部书记'], organization: null },
    ]);
    expect(people('党委书记徐小平坦言,尽管')[0]?.name).toBe('徐小平');
  });

  it('gives the organisation named directly before the roles', () => {
    expect(people('据信宜市人民医院党委副书记、院长胡良介绍,医院')).toEqual([
      { name: '胡良', roles: ['党委副书记', '院长'], organization: '信宜市人民医院' },
    ]);
    expect(people('信宜市卫生健康局局长兼信宜市人民医院党委书记周永飞说。')).toEqual([
      { name: '周永飞', roles: ['局长', '党委书记'], organization: '信宜市人民医院' },
    ]);
  });

  it('reads a name before a role written after it', () => {
    expect(people('第一党支部在焦根龙院长的带领下,第二党支部在张玉生副院长的带领下')).toEqual([
      { name: '焦根龙', roles: ['院长'], organization: null },
      { name: '张玉生', roles: ['副院长'], organization: null },
    ]);
    expect(people('大医二院马骁驰教授申报的项目').map((p) => p.name)).toEqual(['马骁驰']);
  });

  it('does not take a role’s clause over the previous person', () => {
    const found = people('行管党支部书记董彬彬、集团全媒体中心主任韩佳玺应邀出席会议');
    expect(found).toEqual([
      { name: '董彬彬', roles: ['党支部书记'], organization: null },
      { name: '韩佳玺', roles: ['主任'], organization: null },
    ]);
  });

  it('merges the roles of one person named twice', () => {
    const found = people('集团党委委员、总院长何勇;……白云精康医院院长何勇在座谈交流会上');
    expect(found).toHaveLength(1);
    expect(found[0]?.roles).toEqual(['党委委员', '总院长', '院长']);
  });

  it('takes no verbs, organisations or role words for names', () => {
    expect(people('深入贯彻落实党委领导下的院长负责制,完善院长办公会议事决策流程')).toEqual([]);
    expect(people('记者走进大医二院并了解其发展历程')).toEqual([]);
    expect(people('在那曲市人民医院担任儿科主任。')).toEqual([]);
    expect(people('大医二院急诊科党支部成功入选')).toEqual([]);
  });

  it('takes a compound surname of four characters', () => {
    expect(people('院长欧阳晓明表示')[0]?.name).toBe('欧阳晓明');
  });
});
