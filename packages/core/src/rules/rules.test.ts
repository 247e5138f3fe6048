// The rule data files: shapes the code that reads them relies on.
import { describe, expect, it } from 'vitest';
import {
  CHROME_BLOCKS,
  CONTACT_LINE,
  END_MARK,
  FOOTER_LINE,
  PAGINATION_LINE,
  TAIL_CUT_MARKERS,
} from './boilerplate';
import { CONTENT_SELECTORS } from './content-selectors';
import { ANONYMOUS_NAMES, LABEL_RULES, THIS_SITE } from './labels';

describe('metadata labels', () => {
  it('name each label once, with no separator inside (an ideographic space is part of 作　者)', () => {
    const all = LABEL_RULES.flatMap((r) => r.labels);
    expect(new Set(all).size).toBe(all.length);
    for (const label of all) expect(label).toMatch(/^(?:[^\s:：|/]|\u3000)+$/u);
  });
  it('give every person label a role', () => {
    for (const rule of LABEL_RULES.filter((r) => r.field === 'author' || r.field === 'editor')) {
      expect(rule.role, rule.labels.join()).toBeTruthy();
    }
  });
  it('cover simplified and traditional forms of the common labels', () => {
    const all = LABEL_RULES.flatMap((r) => r.labels);
    for (const label of [
      '发布时间',
      '發佈時間',
      '来源',
      '來源',
      '责任编辑',
      '責任編輯',
      '当前位置',
      '當前位置',
    ]) {
      expect(all).toContain(label);
    }
    expect(ANONYMOUS_NAMES).toContain('佚名');
    expect(THIS_SITE).toEqual(expect.arrayContaining(['本网', '本網', '本站']));
  });
});

describe('boilerplate', () => {
  it('has trimmed, distinct markers', () => {
    for (const list of [TAIL_CUT_MARKERS, CHROME_BLOCKS]) {
      expect(new Set(list).size).toBe(list.length);
      for (const m of list) expect(m).toBe(m.trim());
    }
  });
  it('recognises the closing marks, contact, footer and pagination lines of the seeds', () => {
    expect(END_MARK.test('— END —')).toBe(true);
    expect(END_MARK.test('ENDOSCOPY')).toBe(false);
    expect(CONTACT_LINE.test('行政总值班:020-37379393')).toBe(true);
    expect(CONTACT_LINE.test('门诊预约咨询热线:020-36796081')).toBe(true);
    expect(CONTACT_LINE.test('医院开通了预约热线，方便群众就医。')).toBe(false);
    expect(FOOTER_LINE.test('版权所有 © 反腐倡廉在线网 京ICP备12345678号')).toBe(true);
    expect(PAGINATION_LINE.test('第1页/共1页 << 上一页 | 下一页 >>')).toBe(true);
  });
});

describe('content selectors', () => {
  it('are plain #id or .class selectors (read in one pass, extract/body.ts)', () => {
    expect(new Set(CONTENT_SELECTORS).size).toBe(CONTENT_SELECTORS.length);
    for (const s of CONTENT_SELECTORS) expect(s).toMatch(/^[#.][\w-]+$/);
  });
});
