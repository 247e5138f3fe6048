import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFromText } from '../extract/text';
import {
  bigramCounts,
  bigramShare,
  corpusIdf,
  moreLikeThis,
  tellingBigrams,
} from './more-like-this';

const seedsDir = fileURLToPath(new URL('../../../../seeds/', import.meta.url));
const stories = readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .flatMap((f) => {
    const result = extractFromText(readFileSync(seedsDir + f, 'utf8'));
    return result.kind === 'articles' ? result.clips : [];
  });

describe('moreLikeThis', () => {
  it('counts bigrams within runs of characters, not across punctuation', () => {
    expect([...bigramCounts('党建，党建引领')]).toEqual([
      ['党建', 2],
      ['建引', 1],
      ['引领', 1],
    ]);
  });

  it('ranks a story on the same hospital and subject above other hospitals’ stories', () => {
    const [query, ...rest] = stories;
    const half = query!.normalizedText.slice(query!.normalizedText.length / 2);
    // The second half of the story, a different text from the first half, finds its own story first.
    const hits = moreLikeThis(half, [
      ...rest.map((s, i) => ({ id: `other-${i}`, text: s.normalizedText })),
      { id: 'first-half', text: query!.normalizedText.slice(0, query!.normalizedText.length / 2) },
    ]);
    expect(hits[0]!.id).toBe('first-half');
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    for (const hit of hits) expect(hit.score).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('gives nothing for a query with no characters, and respects limit and minScore', () => {
    const candidates = stories.map((s, i) => ({ id: String(i), text: s.normalizedText }));
    expect(moreLikeThis('，。！', candidates)).toEqual([]);
    expect(moreLikeThis(stories[0]!.normalizedText, candidates, { limit: 2 })).toHaveLength(2);
    const strict = moreLikeThis(stories[0]!.normalizedText, candidates, { minScore: 0.99 });
    expect(strict.map((h) => h.id)).toEqual(['0']);
  });
});

describe('corpus IDF', () => {
  const frequencies = (df: Record<string, number>, documents = 100) => ({
    documents,
    df: new Map(Object.entries(df)),
  });

  it('weighs a bigram by the texts holding it; one it is not given counts as in one', () => {
    const idf = corpusIdf(frequencies({ 党建: 100, 医院: 9 }));
    expect(idf('党建')).toBeCloseTo(1, 9);
    expect(idf('医院')).toBeCloseTo(Math.log(101 / 10) + 1, 9);
    expect(idf('汉阴')).toBeCloseTo(Math.log(101 / 2) + 1, 9);
    expect(bigramShare(frequencies({ 医院: 9 }), '医院')).toBeCloseTo(0.09, 9);
    expect(bigramShare(frequencies({ 医院: 9 }), '汉阴')).toBe(0);
  });

  it('ranks by what the corpus finds rare, not by the stock phrase a text shares', () => {
    const query = '党建引领发展。汉阴村医';
    const candidates = [
      { id: 'stock', text: '党建引领发展。党建引领发展。' },
      { id: 'place', text: '汉阴村医竞聘。' },
    ];
    const idf = corpusIdf(frequencies({ 党建: 90, 建引: 90, 引领: 90, 领发: 90, 发展: 90 }));
    expect(moreLikeThis(query, candidates, { idf }).map((h) => h.id)).toEqual(['place', 'stock']);
    // Among these texts alone, the stock phrase is as rare as the place.
    expect(moreLikeThis(query, candidates)[0]!.id).toBe('stock');
  });

  it('asks for telling bigrams, each word once, at most half of them in no text counted', () => {
    const query = '信宜市人民医院。信宜市人民医院党建。党建';
    const seen = { 信宜: 2, 宜市: 2, 人民: 40, 医院: 50, 党建: 60, 民医: 40, 市人: 3 };
    // 宜市 shares 宜 with the rarer 信宜, 人民 shares 人 with 市人, 党建 党 with 院党 (in no
    // text counted, so the rarest): one word is asked for once.
    expect(tellingBigrams(query, frequencies(seen), 4)).toEqual(['信宜', '市人', '院党', '民医']);
    // With nothing counted, every bigram is unknown: only half the terms asked for are taken.
    expect(tellingBigrams(query, frequencies({}), 4)).toHaveLength(2);
    // In a large corpus a bigram in more than 5% of the texts is asked for only to make up four
    // terms, the least common first: here 人民 (4%) is the only one not common (医院 overlaps
    // 院党), and of the common ones only 信宜 (6%) overlaps none taken.
    const common = { ...seen, 信宜: 60, 宜市: 70, 市人: 80, 民医: 90 };
    const made = tellingBigrams(query, frequencies(common, 1_000), 6);
    expect(made).toEqual(['院党', '人民', '信宜']);
  });
});
