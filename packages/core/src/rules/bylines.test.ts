import { describe, expect, it } from 'vitest';
import {
  BYLINE_DECORATION,
  BYLINE_LABELS,
  BYLINE_ROLES,
  NAME_TRAILER,
  NOT_NAMES,
  ORGANISATION_END,
  POSTER_PATTERNS,
  SURNAMES,
  SURNAMES_COMPOUND,
} from './bylines';

describe('byline rules', () => {
  it('lists each role and label word once, longer words before the words they contain', () => {
    const words = [...BYLINE_ROLES, ...BYLINE_LABELS].flatMap((r) => r.words);
    expect(new Set(words).size).toBe(words.length);
    for (const r of [...BYLINE_ROLES, ...BYLINE_LABELS])
      r.words.forEach((w, i) => {
        for (const later of r.words.slice(i + 1)) expect(later.includes(w)).toBe(false);
      });
  });

  it('cuts what follows the names, and nothing of a bare name', () => {
    for (const [text, left] of [
      ['罗科苏盈发自北京', '罗科苏盈'],
      ['彭冲 山东冠县报道', '彭冲'],
      ['马俊峰/文受访者供图', '马俊峰'],
      ['王建宏 摄', '王建宏'],
      ['王建宏 张文攀', '王建宏 张文攀'],
      ['文天祥', '文天祥'],
    ])
      expect(text!.replace(NAME_TRAILER, '')).toBe(left);
  });

  it('strips decorations before a byline', () => {
    expect('□ 本报记者 葛灵丹'.replace(BYLINE_DECORATION, '')).toBe('本报记者 葛灵丹');
    expect('〓 by 眉间尺'.replace(BYLINE_DECORATION, '')).toBe('by 眉间尺');
  });

  it('knows organisations, non-names and surnames', () => {
    expect(ORGANISATION_END.test('新华社')).toBe(true);
    expect(ORGANISATION_END.test('袁源')).toBe(false);
    expect(NOT_NAMES).toContain('近日');
    expect(new Set(NOT_NAMES).size).toBe(NOT_NAMES.length);
    for (const s of ['王', '袁', '姚', '黄']) expect(SURNAMES).toContain(s);
    expect(SURNAMES).not.toContain('新');
    expect(SURNAMES_COMPOUND).toContain('欧阳');
  });

  it('captures the poster in each forum pattern, and no name in prose', () => {
    const posters = [
      'ggjjzhzz 发表于 2005-9-15 11:46:00',
      '本贴由大卫于2005年8月12日16:12:21在〖心灵体操〗发表.',
      '由海姑娘张贴 @ 2005-06-14 03:25:55',
      '发布时间 2005/05/17 22:11:42 by 眉间尺 〓',
      '2004年7月16日08:19 [ 黄宇 ] 来源：[ 国际金融报 ]',
    ];
    POSTER_PATTERNS.forEach(({ pattern }, i) => {
      expect(pattern.exec(posters[i]!)?.groups?.name).toMatch(
        /^(ggjjzhzz|大卫|海姑娘|眉间尺|黄宇)$/,
      );
      expect(pattern.exec('昨天下午，记者走访了几个工地，看到工人们正在施工。')).toBeNull();
    });
  });
});
