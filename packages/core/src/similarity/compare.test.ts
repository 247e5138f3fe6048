import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toTraditional } from '../normalize/script';
import { classifyPair, compareFingerprints, NEAR_DUPLICATE } from './compare';
import { fingerprintText, type NearDupFingerprint } from './fingerprint';

const seedDir = join(__dirname, '../../../../seeds');
const seed = (prefix: string): string => {
  const file = readdirSync(seedDir).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no seed ${prefix}`);
  return readFileSync(join(seedDir, file), 'utf8');
};

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');

/** The leading paragraphs up to 60% of the characters, as a site that cuts a story does. */
function cutTo60(text: string): string {
  const ps = paragraphs(text);
  const total = ps.reduce((n, p) => n + p.length, 0);
  const kept: string[] = [];
  let length = 0;
  for (const p of ps) {
    if (length + p.length > 0.6 * total) break;
    kept.push(p);
    length += p.length;
  }
  return kept.join('\n\n');
}

/** A PDF's lines: every paragraph broken each `width` characters. */
function hardWrap(text: string, width: number): string {
  return paragraphs(text)
    .map((p) => [...p].map((ch, i) => (i > 0 && i % width === 0 ? `\n${ch}` : ch)).join(''))
    .join('\n');
}

/** The last third of the paragraphs moved to the front. */
function reorder(text: string): string {
  const ps = paragraphs(text);
  const cut = Math.floor((ps.length * 2) / 3);
  return [...ps.slice(cut), ...ps.slice(0, cut)].join('\n\n');
}

const sharesBand = (a: NearDupFingerprint, b: NearDupFingerprint) =>
  a.bands.some((k) => b.bands.includes(k));

describe('classifyPair on reposts of the seeds', () => {
  const original = seed('000');
  const fp = fingerprintText(original);

  it('finds the traditional-script repost a near-duplicate in the other script', () => {
    const repost = fingerprintText(toTraditional(original));
    const v = classifyPair(repost, fp, { a: 'Hant', b: 'Hans' });
    expect(v.kind).toBe('near-duplicate');
    expect(v.score).toBe(1);
    expect(v.differs).toEqual(['other-script']);
  });

  it('finds a cut to 60% a near-duplicate, and shorter', () => {
    const cut = cutTo60(original);
    expect(cut.length).toBeLessThan(0.65 * original.length);
    const repost = fingerprintText(cut);
    const v = classifyPair(repost, fp, { a: 'Hans', b: 'Hans' });
    expect(v.kind).toBe('near-duplicate');
    expect(v.containment).toBeGreaterThan(0.9);
    expect(v.jaccard).toBeLessThan(0.8);
    expect(v.differs).toEqual(['shorter']);
    expect(classifyPair(fp, repost).differs).toEqual(['longer']);
    // Whether the band lookup proposes it is a matter of chance at this Jaccard (~0.5: about
    // 85%); the benchmark measures that rate, this test the verdict.
  });

  it('finds a hard-wrapped PDF copy and a reordered copy near-duplicates', () => {
    for (const text of [hardWrap(original, 14), hardWrap(original, 20), reorder(original)]) {
      const repost = fingerprintText(text);
      const v = classifyPair(repost, fp);
      expect(v.kind).toBe('near-duplicate');
      expect(sharesBand(repost, fp)).toBe(true);
      expect(v.differs).toEqual([]);
    }
  });

  it('finds all of it at once a near-duplicate: cut, reordered, traditional, hard-wrapped', () => {
    const text = hardWrap(toTraditional(reorder(cutTo60(seed('004')))), 16);
    const repost = fingerprintText(text);
    const v = classifyPair(repost, fingerprintText(seed('004')), { a: 'Hant', b: 'Hans' });
    expect(v.kind).toBe('near-duplicate');
    expect(v.differs).toEqual(['shorter', 'other-script']);
  });

  it('finds the machine-converted traditional seed 002 a near-duplicate of its simplified form', () => {
    const simplified = toTraditional(seed('002')); // any script: t2s runs before fingerprinting
    expect(classifyPair(fingerprintText(seed('002')), fingerprintText(simplified)).kind).toBe(
      'near-duplicate',
    );
  });
});

describe('classifyPair on different stories in the same template language', () => {
  // 000, 001, 002 and 004 are four hospitals' 党建引领 stories.
  const stories = ['000', '001', '002', '004'].map((p) => fingerprintText(seed(p)));

  it('never calls two of them near-duplicates, nor shares a band key', () => {
    for (let i = 0; i < stories.length; i++) {
      for (let j = i + 1; j < stories.length; j++) {
        const v = classifyPair(stories[i]!, stories[j]!);
        expect(v.kind).toBe('different');
        expect(v.containment).toBeLessThan(0.2);
        expect(sharesBand(stories[i]!, stories[j]!)).toBe(false);
      }
    }
  });

  it('calls a story padded with half of another one similar, not a near-duplicate', () => {
    const a = paragraphs(seed('001'));
    const b = paragraphs(seed('004'));
    const mixed = [...a.slice(0, Math.ceil(a.length / 2)), ...b.slice(0, b.length / 2)].join(
      '\n\n',
    );
    const v = classifyPair(fingerprintText(mixed), fingerprintText(seed('004')));
    expect(v.containment).toBeGreaterThan(0.25);
    expect(v.containment).toBeLessThan(NEAR_DUPLICATE.minContainment);
    expect(v.kind).toBe('similar');
  });
});

describe('classifyPair on short and empty texts', () => {
  const short = '医院党委坚持以党建引领高质量发展推动党建与业务工作深度相融合';

  it('finds a 30-character text a near-duplicate of itself re-punctuated, not of another', () => {
    const same = fingerprintText(`${short.slice(0, 15)}，${short.slice(15)}。`);
    expect(classifyPair(fingerprintText(short), same).kind).toBe('near-duplicate');
    const other = fingerprintText('大连医科大学附属第二医院召开二〇二四年度党风廉政建设工作会议');
    expect(classifyPair(fingerprintText(short), other).kind).toBe('different');
  });

  it('calls anything against an empty text different, with score 0', () => {
    const v = classifyPair(fingerprintText(''), fingerprintText(seed('001')));
    expect(v).toMatchObject({ kind: 'different', score: 0, jaccard: 0, containment: 0 });
    expect(compareFingerprints(fingerprintText(''), fingerprintText('')).jaccard).toBe(0);
  });

  it('names no script difference unless both scripts are given', () => {
    const fp = fingerprintText(seed('001'));
    expect(classifyPair(fp, fp, { a: 'Hant' }).differs).toEqual([]);
    expect(classifyPair(fp, fp, { a: 'Hans', b: 'Hans' }).differs).toEqual([]);
  });
});
