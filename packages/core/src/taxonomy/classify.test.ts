import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zTaxonomy } from '../clip/schema';
import { toSimplified } from '../normalize';
import { classifyTaxonomy } from './classify';
import { mergeRules } from './rules/merge';
import { rulesV1 } from './rules/v1';

const seedDir = join(__dirname, '../../../../seeds');
const seed = (prefix: string): string => {
  const file = readdirSync(seedDir).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no seed ${prefix}`);
  return readFileSync(join(seedDir, file), 'utf8');
};

const topicLabels = (t: ReturnType<typeof classifyTaxonomy>) => t.topics.map((x) => x.label);
const institutionNames = (t: ReturnType<typeof classifyTaxonomy>) =>
  t.institutions.map((x) => x.name);
const regionPaths = (t: ReturnType<typeof classifyTaxonomy>) =>
  t.regions.map((x) => x.path.join('/'));
const person = (t: ReturnType<typeof classifyTaxonomy>, name: string) =>
  t.people.find((p) => p.name === name);

describe('classifyTaxonomy on the seeds', () => {
  it('000 e-paper: 党建 and 校地共建 at 东莞市东部中心医院', () => {
    const t = classifyTaxonomy({ title: '校地共建筑峰提质 党建赋能加速发展', text: seed('000') });
    expect(zTaxonomy.parse(t)).toEqual(t);
    expect(t.version).toBe('1');
    expect(topicLabels(t)).toEqual(expect.arrayContaining(['党建引领', '校地共建', '学科建设']));
    expect(topicLabels(t).slice(0, 2)).toEqual(['党建引领', '校地共建']);
    expect(regionPaths(t)).toEqual(expect.arrayContaining(['广东省', '广东省/东莞市']));
    expect(regionPaths(t)[0]).toBe('广东省/东莞市');
    expect(institutionNames(t)).toEqual(expect.arrayContaining(['东莞市东部中心医院', '暨南大学']));
    expect(person(t, '焦根龙')?.roles).toEqual(['院长']);
    expect(person(t, '张玉生')?.roles).toEqual(['副院长']);
    expect(t.people).toHaveLength(2);
  });

  it('001 portal: 大连医科大学附属第二医院 and 任萍', () => {
    const t = classifyTaxonomy({
      title: '大连医科大学附属第二医院:以党建引领高质量发展',
      text: seed('001'),
    });
    expect(institutionNames(t)).toContain('大连医科大学附属第二医院');
    expect(person(t, '任萍')).toEqual({ name: '任萍', roles: ['党委书记'], organization: null });
    expect(regionPaths(t)).toEqual(expect.arrayContaining(['辽宁省', '辽宁省/大连市']));
    expect(topicLabels(t)[0]).toBe('党建引领');
  });

  it('002 traditional: read in simplified, given or not', () => {
    const traditional = seed('002');
    const title = '廣州市第一人民醫院:以“四個精準”為抓手提升黨建工作質量 鍛造堅強有力黨組織';
    const t = classifyTaxonomy({ title: toSimplified(title), text: toSimplified(traditional) });
    expect(institutionNames(t)[0]).toBe('广州市第一人民医院');
    expect(regionPaths(t)).toContain('广东省/广州市');
    expect(topicLabels(t)).toEqual(expect.arrayContaining(['党建引领', '医院文化', '对口帮扶']));
    expect(classifyTaxonomy({ title, text: traditional })).toEqual(t);
  });

  it('003 PDF page: 信宜市 and 胡良, across wrapped lines', () => {
    const t = classifyTaxonomy({ title: '', text: seed('003') });
    expect(t.regions[0]).toMatchObject({
      name: '信宜市',
      code: '440983',
      path: ['广东省', '茂名市', '信宜市'],
    });
    expect(person(t, '胡良')).toEqual({
      name: '胡良',
      roles: ['党委副书记', '院长'],
      organization: '信宜市人民医院',
    });
    expect(person(t, '周永飞')?.roles).toEqual(['局长', '党委书记']);
    expect(regionPaths(t)).toContain('陕西省/安康市/汉阴县');
    expect(institutionNames(t)[0]).toBe('信宜市人民医院');
    // A person's name is not a place: 金昌晓 is no mention of 金昌市.
    expect(regionPaths(t).some((p) => p.includes('金昌'))).toBe(false);
    expect(topicLabels(t)).toEqual(
      expect.arrayContaining(['乡村医疗', '医联体/医共体', '药品安全', '疫情防控']),
    );
  });

  it('004 hospital repost: 白云区 of 广州市, 何耀东 and 丘小筠', () => {
    const t = classifyTaxonomy({ title: '坚持党建引领,共促健康发展', text: seed('004') });
    expect(t.regions[0]).toMatchObject({
      name: '白云区',
      code: '440111',
      path: ['广东省', '广州市', '白云区'],
    });
    expect(person(t, '何耀东')).toMatchObject({
      roles: ['专职副书记', '党委副书记'],
      organization: '白云区卫生健康局',
    });
    expect(person(t, '丘小筠')?.roles).toEqual(['党组副书记', '党委书记']);
    expect(institutionNames(t)).toEqual(
      expect.arrayContaining(['白云精康医院', '白云区民营医疗行业党委']),
    );
    expect(topicLabels(t)[0]).toBe('党建引领');
  });
});

describe('classifyTaxonomy', () => {
  it('finds nothing medical, and no region, in a text about something else', () => {
    const t = classifyTaxonomy({
      title: '联赛开幕',
      text: '本届足球联赛周六开幕,坚持和平发展。城关镇的球迷来宾纷纷到场,主教练表示球队状态良好。',
    });
    expect(t.topics).toEqual([]);
    expect(t.regions).toEqual([]);
    expect(t.institutions).toEqual([]);
    expect(t.people).toEqual([]);
  });

  it('uses a team’s rules and records their version', () => {
    const rules = mergeRules(rulesV1, {
      version: '1+team-a',
      topics: [
        {
          id: 'chest-pain',
          label: '胸痛中心',
          terms: [{ term: '胸痛中心', weight: 2 }],
          minScore: 2,
        },
      ],
    });
    const t = classifyTaxonomy({ title: '', text: seed('003') }, rules);
    expect(t.version).toBe('1+team-a');
    expect(topicLabels(t)).toContain('胸痛中心');
  });
});
