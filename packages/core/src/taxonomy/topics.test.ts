import { describe, expect, it } from 'vitest';
import { rulesV1 } from './rules/v1';
import { findTopics } from './topics';

const medical = [
  'discipline-building',
  'medical-alliance',
  'epidemic-control',
  'smart-hospital',
  'hospital-culture',
  'public-hospital-quality',
  'rural-medicine',
  'traditional-chinese-medicine',
  'drug-safety',
];

describe('findTopics', () => {
  it('reports a topic with its evidence terms and counts', () => {
    const [topic] = findTopics('', '推进医联体建设,医联体内分级诊疗,双向转诊。', rulesV1);
    expect(topic?.id).toBe('medical-alliance');
    expect(topic?.evidence).toEqual([
      { term: '医联体', count: 2 },
      { term: '分级诊疗', count: 1 },
      { term: '双向转诊', count: 1 },
    ]);
    expect(topic?.score).toBe(3 * 2 + 2 + 2);
  });

  it('needs enough evidence: one passing mention is not a topic', () => {
    expect(findTopics('', '医院还开展了医联体工作。', rulesV1)).toEqual([]);
  });

  it('weighs title hits more', () => {
    expect(findTopics('', '医联体', rulesV1)).toEqual([]);
    const [topic] = findTopics('医联体', '', rulesV1);
    expect(topic).toMatchObject({
      id: 'medical-alliance',
      score: 9,
      evidence: [{ term: '医联体', count: 1 }],
    });
  });

  it('sorts by score', () => {
    const topics = findTopics(
      '',
      '疫情防控。疫情防控。疫情防控。核酸检测。中医药。中医。',
      rulesV1,
    );
    expect(topics.map((t) => t.id)).toEqual(['epidemic-control', 'traditional-chinese-medicine']);
    expect(topics[0]!.score).toBeGreaterThan(topics[1]!.score);
  });

  it('gives no medical topic to a text without medical terms', () => {
    const text =
      '本届足球联赛于周六开幕,主队在主场以二比一战胜客队。赛后主教练表示,球队将继续加强训练,' +
      '争取在下一轮比赛中取得更好成绩。与此同时,城市经济保持平稳增长,和平发展的环境为体育产业带来机遇。';
    const ids = findTopics('足球联赛开幕', text, rulesV1).map((t) => t.id);
    for (const id of medical) expect(ids).not.toContain(id);
    expect(ids).toEqual([]);
  });
});
