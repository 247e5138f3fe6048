import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize/normalize-text';
import { toTraditional } from '../normalize/script';
import { compareFingerprints, compareShingleSets } from './compare';
import {
  BANDS,
  fingerprintCharacters,
  fingerprintText,
  SLOTS,
  shingleHashes,
  shingleSet,
} from './fingerprint';

const seedDir = join(__dirname, '../../../../seeds');
const seed = (prefix: string): string => {
  const file = readdirSync(seedDir).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no seed ${prefix}`);
  return readFileSync(join(seedDir, file), 'utf8');
};

describe('fingerprintText', () => {
  const text = seed('000');

  it('gives 128 uint32 slots and 32 short band keys', () => {
    const fp = fingerprintText(text);
    expect(fp.minhash).toHaveLength(SLOTS);
    expect(fp.minhash.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32)).toBe(true);
    expect(fp.bands).toHaveLength(BANDS);
    fp.bands.forEach((b, i) => {
      expect(b).toMatch(new RegExp(`^b${i}:[0-9a-f]{16}$`));
    });
    expect(new Set(fp.bands).size).toBe(BANDS);
  });

  it('is stable: the same text gives the same slots and bands', () => {
    expect(fingerprintText(text)).toEqual(fingerprintText(`${text}`));
  });

  it('counts distinct shingles and normalised characters', () => {
    const fp = fingerprintText(text);
    const chars = fingerprintCharacters(text);
    expect(fp.length).toBe([...chars].length);
    expect(fp.shingleCount).toBe(shingleSet(text).size);
    expect(fp.shingleCount).toBe(new Set(shingleHashes(chars)).size);
    // A story repeats few 5-grams: most of its shingles are distinct, none is counted twice.
    expect(fp.shingleCount).toBeLessThanOrEqual(fp.length - 4);
    expect(fp.shingleCount).toBeGreaterThan(0.9 * (fp.length - 4));
  });

  it('is blind to script, line breaks, spacing and punctuation', () => {
    const fp = fingerprintText(text);
    expect(fingerprintText(toTraditional(text))).toEqual(fp);
    expect(fingerprintText(text.replace(/\s+/g, '\n'))).toEqual(fp);
    expect(fingerprintText(text.replace(/，/g, ',').replace(/。/g, '.'))).toEqual(fp);
  });

  it('gives the same fingerprint from a clip’s normalizedText without converting again', () => {
    const traditional = seed('002');
    expect(fingerprintText(normalizeText(traditional), { normalized: true })).toEqual(
      fingerprintText(traditional),
    );
  });

  it('without t2s, a traditional copy shares almost nothing (what t2s is for)', () => {
    const a = fingerprintText(text, { simplify: false });
    const b = fingerprintText(toTraditional(text), { simplify: false });
    expect(compareFingerprints(a, b).jaccard).toBeLessThan(0.3);
  });

  it('gives an empty text, or one of punctuation only, no slots and no bands', () => {
    for (const empty of ['', '   \n ', '，。！“”——']) {
      expect(fingerprintText(empty)).toEqual({
        minhash: [],
        bands: [],
        shingleCount: 0,
        length: 0,
      });
    }
  });

  it('gives a 30-character text full slots (densified) and bands', () => {
    const short = '医院党委坚持以党建引领高质量发展推动党建与业务工作深度相融合';
    expect([...short]).toHaveLength(30);
    const fp = fingerprintText(short);
    expect(fp.length).toBe(30);
    expect(fp.shingleCount).toBe(26);
    expect(fp.minhash).toHaveLength(SLOTS);
    expect(fp.bands).toHaveLength(BANDS);
    // 26 shingles cannot fill 128 slots: the empty ones borrow, so values repeat.
    expect(new Set(fp.minhash).size).toBeLessThanOrEqual(26);
  });

  it('treats a text shorter than a shingle as one shingle', () => {
    const fp = fingerprintText('党建');
    expect(fp.shingleCount).toBe(1);
    expect(new Set(fp.minhash).size).toBe(1);
    expect(fingerprintText('党建').bands).toEqual(fp.bands);
    expect(fingerprintText('医院').bands).not.toEqual(fp.bands);
  });

  it('estimates the exact overlap closely', () => {
    const full = seed('001');
    const paragraphs = full.split(/\n\s*\n/);
    const half = paragraphs.slice(0, Math.ceil(paragraphs.length / 2)).join('\n\n');
    const exact = compareShingleSets(shingleSet(full), shingleSet(half));
    const estimate = compareFingerprints(fingerprintText(full), fingerprintText(half));
    expect(Math.abs(estimate.jaccard - exact.jaccard)).toBeLessThan(0.12);
    expect(Math.abs(estimate.containment - exact.containment)).toBeLessThan(0.15);
    expect(exact.containment).toBeGreaterThan(0.95);
  });
});
