import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFromText } from '../extract/text';
import { bigramCounts, moreLikeThis } from './more-like-this';

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
