import { describe, expect, it } from 'vitest';
import { mergeRules } from './merge';
import { sourceKindRulesV1 } from './source-kinds';
import { compoundSurnames, singleSurnames } from './surnames';
import { rulesV1 } from './v1';

const dupes = (list: readonly string[]) => list.filter((x, i) => list.indexOf(x) !== i);

describe('rules v1', () => {
  it('has every topic the press offices asked for', () => {
    const labels = rulesV1.topics.map((t) => t.label);
    for (const label of [
      '党建引领',
      '校地共建',
      '学科建设',
      '人才培养',
      '医联体/医共体',
      '对口帮扶',
      '疫情防控',
      '志愿服务',
      '智慧医院',
      '党风廉政',
      '医院文化',
      '公立医院高质量发展',
      '乡村医疗',
      '中医药',
      '食品安全/健康科普',
      '药品安全',
    ]) {
      expect(labels).toContain(label);
    }
  });

  it('has unique topic ids, and topics with terms, positive weights and a threshold', () => {
    expect(dupes(rulesV1.topics.map((t) => t.id))).toEqual([]);
    for (const topic of rulesV1.topics) {
      expect(topic.terms.length, topic.id).toBeGreaterThan(0);
      expect(dupes(topic.terms.map((t) => t.term)), topic.id).toEqual([]);
      expect(topic.minScore, topic.id).toBeGreaterThan(0);
      for (const t of topic.terms) expect(t.weight ?? 1).toBeGreaterThan(0);
      // The theme's strongest term alone must not be enough with one passing mention.
      const strongest = Math.max(...topic.terms.map((t) => t.weight ?? 1));
      expect(strongest, topic.id).toBeLessThan(topic.minScore);
    }
  });

  it('has no duplicates in its word lists', () => {
    for (const list of [
      rulesV1.roles,
      rulesV1.rolesAfterName,
      rulesV1.wordsAfterName,
      rulesV1.institutionStopWords,
      rulesV1.genericInstitutionStems,
      rulesV1.cityStemsNeedingSuffix,
      rulesV1.countyNamesNeedingParent,
    ]) {
      expect(dupes(list)).toEqual([]);
    }
  });

  it('lists roles written after a name among the roles', () => {
    for (const role of rulesV1.rolesAfterName) expect(rulesV1.roles).toContain(role);
  });

  it('has the institution suffixes of the brief', () => {
    const suffixes = rulesV1.institutionPatterns.map((p) => p.suffix);
    for (const s of [
      '医院',
      '卫生院',
      '保健院',
      '大学',
      '学院',
      '卫生健康委员会',
      '卫健委',
      '卫生健康局',
      '党委',
      '组织部',
    ]) {
      expect(suffixes).toContain(s);
    }
  });
});

describe('surnames', () => {
  it('are single characters without duplicates, compound ones two characters', () => {
    expect(dupes(singleSurnames)).toEqual([]);
    for (const s of singleSurnames) expect([...s]).toHaveLength(1);
    for (const s of compoundSurnames) expect([...s]).toHaveLength(2);
    expect(singleSurnames.length).toBeGreaterThan(350);
  });

  it('include the surnames of the seeds’ people and not common function characters', () => {
    for (const s of '任胡焦张唐何丘周闫郑马') expect(singleSurnames).toContain(s);
    for (const s of '的了在是说这') expect(singleSurnames).not.toContain(s);
  });
});

describe('source kind rules', () => {
  it('name only valid kinds and have patterns', () => {
    for (const rule of sourceKindRulesV1) {
      expect((rule.hosts?.length ?? 0) + (rule.siteNames?.length ?? 0)).toBeGreaterThan(0);
    }
  });
});

describe('mergeRules', () => {
  it('replaces a topic by id, adds new ones and removes on request', () => {
    const merged = mergeRules(rulesV1, {
      version: '1+cardiology',
      topics: [
        { id: 'smart-hospital', label: '智慧医院', terms: [{ term: '智慧医院' }], minScore: 1 },
        {
          id: 'chest-pain',
          label: '胸痛中心',
          terms: [{ term: '胸痛中心', weight: 2 }],
          minScore: 2,
        },
        { id: 'drug-safety', remove: true },
      ],
    });
    expect(merged.version).toBe('1+cardiology');
    expect(merged.topics.find((t) => t.id === 'smart-hospital')?.minScore).toBe(1);
    expect(merged.topics.find((t) => t.id === 'chest-pain')?.label).toBe('胸痛中心');
    expect(merged.topics.some((t) => t.id === 'drug-safety')).toBe(false);
    expect(merged.topics).toHaveLength(rulesV1.topics.length);
  });

  it('extends word lists without duplicates and leaves the base untouched', () => {
    const merged = mergeRules(rulesV1, {
      roles: ['院长', '护理部主任'],
      notAfterSuffix: { 大学: ['城'] },
    });
    expect(merged.roles).toContain('护理部主任');
    expect(dupes(merged.roles)).toEqual([]);
    expect(merged.notAfterSuffix.大学).toEqual(['生', '城']);
    expect(rulesV1.roles).not.toContain('护理部主任');
    expect(rulesV1.notAfterSuffix.大学).toEqual(['生']);
    expect(merged.version).toBe('1+override');
  });
});
