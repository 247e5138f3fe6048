import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fnv1a64, hashableText, normalizeText, textHash } from './normalize-text';
import { toSimplified, toTraditional } from './script';

const seedDir = join(__dirname, '../../../../seeds');
const seed = (prefix: string): string => {
  const file = readdirSync(seedDir).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no seed ${prefix}`);
  return readFileSync(join(seedDir, file), 'utf8');
};

/** Reference FNV-1a 64 in BigInt, to check the two-halves arithmetic. */
function fnv1a64BigInt(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64 test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('agrees with a BigInt implementation on Chinese text', () => {
    for (const text of ['党建引领', seed('000').slice(0, 2000), seed('002').slice(0, 500)]) {
      expect(fnv1a64(text)).toBe(fnv1a64BigInt(text));
    }
  });
});

describe('normalizeText', () => {
  it('applies NFKC: full-width letters, digits and spaces become ASCII', () => {
    expect(normalizeText('ＥＣＭＯ　２０２５年')).toBe('ECMO 2025年');
  });

  it('converts traditional to simplified', () => {
    expect(normalizeText('廣州市第一人民醫院黨委')).toBe('广州市第一人民医院党委');
  });

  it('removes line breaks inside Han text and collapses other whitespace', () => {
    expect(normalizeText('医院党委下设 15个党支\n部,共有\n\n党员  293人。')).toBe(
      '医院党委下设 15个党支部,共有党员 293人。',
    );
    expect(normalizeText('  a \t\n b  ')).toBe('a b');
  });
});

describe('textHash', () => {
  it('gives the same hash to a story in both scripts', () => {
    const simplified = seed('000');
    expect(textHash(toTraditional(simplified))).toBe(textHash(simplified));
  });

  it('gives the same hash to seed 002 and its simplified form', () => {
    const traditional = seed('002');
    expect(textHash(traditional)).toBe(textHash(toSimplified(traditional)));
  });

  it('ignores whitespace, line breaks and punctuation (full- or half-width)', () => {
    expect(textHash('党建引领，校地共建。')).toBe(textHash('党建引领,\n校地 共建.'));
    expect(hashableText('“党建+”模式：融业务、促发展！')).toBe('党建模式融业务促发展');
  });

  it('differs when the words differ', () => {
    expect(textHash('党建引领校地共建')).not.toBe(textHash('党建引领校地合作'));
    expect(textHash(seed('000'))).not.toBe(textHash(seed('001')));
  });

  it('is 16 hex digits', () => {
    expect(textHash(seed('003'))).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('hashOfNormalized', () => {
  it('equals textHash of the raw text', async () => {
    const { hashOfNormalized, normalizeText, textHash } = await import('./normalize-text');
    const raw = '廣州市第一人民醫院黨委堅持以習近平新時代中國特色社會主義思想為指導。';
    expect(hashOfNormalized(normalizeText(raw))).toBe(textHash(raw));
  });
});
