import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectScript, toSimplified, toTraditional } from './script';

const seedDir = join(__dirname, '../../../../seeds');
const seed = (prefix: string): string => {
  const file = readdirSync(seedDir).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no seed ${prefix}`);
  return readFileSync(join(seedDir, file), 'utf8');
};

describe('detectScript', () => {
  it('finds the machine-converted traditional seed (002) to be Hant', () => {
    expect(detectScript(seed('002'))).toBe('Hant');
  });

  it.each(['000', '001', '003', '004'])('finds seed %s to be Hans', (prefix) => {
    expect(detectScript(seed(prefix))).toBe('Hans');
  });

  it('decides on characters that differ, not on shared ones', () => {
    expect(detectScript('医院党委')).toBe('Hans');
    expect(detectScript('醫院黨委')).toBe('Hant');
    // 人民 is the same in both scripts: one differing character decides.
    expect(detectScript('人民人民人民醫')).toBe('Hant');
  });

  it('calls text without Han characters Hans', () => {
    expect(detectScript('')).toBe('Hans');
    expect(detectScript('COVID-19 2023')).toBe('Hans');
  });
});

describe('toSimplified', () => {
  it('converts seed 002, odd machine forms included', () => {
    const simplified = toSimplified(seed('002'));
    expect(simplified).toContain('制度');
    expect(simplified).toContain('面向');
    expect(simplified).toContain('广州市第一人民医院');
    expect(simplified).not.toContain('製度');
    expect(simplified).not.toContain('麵向');
    expect(detectScript(simplified)).toBe('Hans');
  });

  it('leaves simplified text as it is', () => {
    const text = seed('001');
    expect(toSimplified(text)).toBe(text);
  });
});

describe('toTraditional', () => {
  it('converts simplified to traditional', () => {
    expect(toTraditional('广州市第一人民医院党委')).toBe('廣州市第一人民醫院黨委');
  });

  it('round-trips: simplified → traditional → simplified', () => {
    const text = seed('000');
    const traditional = toTraditional(text);
    expect(detectScript(traditional)).toBe('Hant');
    expect(toSimplified(traditional)).toBe(text);
  });

  it('round-trips: traditional → simplified → traditional on standard forms', () => {
    const traditional = '醫院黨委堅持以黨建引領高質量發展';
    expect(toTraditional(toSimplified(traditional))).toBe(traditional);
  });

  it('converts a long text quickly once the converters are built', () => {
    const text = seed('003').repeat(20); // ~120k characters
    const simplified = toSimplified(toTraditional(text));
    expect(simplified.length).toBe(text.length);
  });
});
