import { fileURLToPath } from 'node:url';
import { detectScript, toSimplified } from '@jianbao/core';
import { describe, expect, it } from 'vitest';
import {
  buildSimilarCorpus,
  type CorpusDoc,
  cutTo60,
  hardWrap,
  loadSeedOriginals,
  makeRepost,
  type Original,
  REPOST_KINDS,
  sameSubjectPairs,
  seededRandom,
  templateSentences,
  usableOriginals,
} from './similar-corpus';

const originals = loadSeedOriginals(fileURLToPath(new URL('../../seeds', import.meta.url)));
const corpus = buildSimilarCorpus(originals, { seed: 7, twins: 10 });
const byId = new Map(corpus.docs.map((d) => [d.id, d]));
const first = originals.find((o) => o.id === 'seed:000')!;
const repost = (o: Original, kind: (typeof REPOST_KINDS)[number]): CorpusDoc =>
  byId.get(`${o.id}~${kind}`)!;

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
const bare = (text: string) => text.replace(/\s+/g, '');

describe('originals', () => {
  it('reads every seed story, the PDF page giving several', () => {
    expect(originals.map((o) => o.id)).toEqual(
      expect.arrayContaining(['seed:000', 'seed:001', 'seed:002', 'seed:004', 'seed:003#0']),
    );
    expect(originals.find((o) => o.id === 'seed:002')?.script).toBe('Hant');
    expect(first.topics).toContain('party-building');
  });

  it('drops texts too short to repost and a second copy of a text', () => {
    const copy = { ...first, id: 'copy', text: toSimplified(`${first.text}\n`) };
    const short = { ...first, id: 'short', text: '医院召开党建工作会议。' };
    const { kept, dropped } = usableOriginals([first, copy, short]);
    expect(kept.map((o) => o.id)).toEqual(['seed:000']);
    expect(dropped).toEqual([
      { id: 'copy', why: 'same text as seed:000' },
      { id: 'short', why: 'under 200 characters' },
    ]);
  });
});

describe('reposts', () => {
  it('makes one of each kind per original, in the original’s group', () => {
    for (const o of originals) {
      for (const kind of REPOST_KINDS) expect(repost(o, kind)).toMatchObject({ group: o.id, kind });
    }
  });

  it('is deterministic for a seed and varies with it', () => {
    expect(buildSimilarCorpus(originals, { seed: 7, twins: 10 })).toEqual(corpus);
    const other = buildSimilarCorpus(originals, { seed: 8, twins: 10 });
    expect(other.docs.map((d) => d.text)).not.toEqual(corpus.docs.map((d) => d.text));
  });

  it('other chrome: site lines, a 来源 and a 责任编辑 line around the whole text', () => {
    const d = repost(first, 'other-chrome');
    expect(d.text).toContain(first.text);
    expect(d.text).toMatch(/来源[：:]/);
    expect(d.text).toMatch(/责任编辑[：:]/);
  });

  it('other script: OpenCC converts each way', () => {
    const d = repost(first, 'other-script');
    expect(detectScript(d.text)).toBe('Hant');
    expect(d.script).toBe('Hant');
    expect(toSimplified(d.text)).toBe(first.text);
    const traditional = originals.find((o) => o.script === 'Hant')!;
    expect(detectScript(repost(traditional, 'other-script').text)).toBe('Hans');
  });

  it('cut to 60%: the leading paragraphs, near 60% of the characters', () => {
    const d = repost(first, 'cut-60');
    const kept = paragraphs(d.text);
    expect(paragraphs(first.text).slice(0, kept.length)).toEqual(kept);
    const share = bare(d.text).length / bare(first.text).length;
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.7);
    expect(cutTo60('一句话而已。')).toBe('一句话而已。');
  });

  it('paragraphs dropped: one or two fewer, the rest unchanged', () => {
    const d = paragraphs(repost(first, 'paragraphs-dropped').text);
    const all = paragraphs(first.text);
    expect(all.length - d.length).toBeGreaterThanOrEqual(1);
    expect(all.length - d.length).toBeLessThanOrEqual(2);
    for (const p of d) expect(all).toContain(p);
  });

  it('paragraphs reordered: the same paragraphs in another order', () => {
    const d = paragraphs(repost(first, 'paragraphs-reordered').text);
    const all = paragraphs(first.text);
    expect(d).not.toEqual(all);
    expect([...d].sort()).toEqual([...all].sort());
  });

  it('hard wraps: lines of one width from 14 to 20 characters, no character lost', () => {
    const d = repost(first, 'hard-wraps');
    const widths = d.text.split('\n').map((l) => [...l].length);
    expect(Math.max(...widths)).toBeGreaterThanOrEqual(14);
    expect(Math.max(...widths)).toBeLessThanOrEqual(20);
    expect(bare(d.text)).toBe(bare(first.text));
    expect(
      hardWrap('甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥', seededRandom(1)).split('\n'),
    ).toHaveLength(2);
  });

  it('WeChat credits: the credits block, — END — and the QR-code line', () => {
    const d = repost(first, 'wechat-credits');
    expect(d.text).toContain(first.text);
    for (const line of ['文稿撰写 | ', '编审 | ', '责任编辑 | ', '— END —', '长按识别二维码关注']) {
      expect(d.text).toContain(line);
    }
  });

  it('mixed: other script, cut and hard-wrapped', () => {
    const d = makeRepost(first, 'mixed', seededRandom(3));
    expect(detectScript(d.text)).toBe('Hant');
    expect(bare(toSimplified(d.text))).toBe(bare(cutTo60(first.text)));
  });
});

describe('hard negatives', () => {
  it('pairs only different stories, every one present in the corpus', () => {
    expect(corpus.hardNegatives.length).toBeGreaterThan(10);
    for (const h of corpus.hardNegatives) {
      const [a, b] = [byId.get(h.a), byId.get(h.b)];
      expect(a).toBeDefined();
      expect(b).toBeDefined();
      expect(a!.group).not.toBe(b!.group);
    }
  });

  it('pairs the party-building seeds as same-topic stories', () => {
    const pairs = sameSubjectPairs(originals).filter((p) => p.why === 'same-topic');
    expect(pairs).toContainEqual({ a: 'seed:000', b: 'seed:001', why: 'same-topic' });
  });

  it('gives both template twins the same stock sentences, from a third story', () => {
    const twins = corpus.hardNegatives.filter((h) => h.why === 'template-twins');
    expect(twins).toHaveLength(10);
    const stock = new Set(originals.flatMap((o) => templateSentences(o).map(toSimplified)));
    for (const { a, b } of twins) {
      const added = (id: string) => {
        const twin = byId.get(id)!;
        const own = new Set(paragraphs(byId.get(twin.group)!.text));
        return paragraphs(twin.text)
          .filter((p) => !own.has(p))
          .map(toSimplified)
          .sort();
      };
      expect(added(a).length).toBeGreaterThan(0);
      expect(added(a)).toEqual(added(b));
      for (const s of added(a)) expect(stock.has(s)).toBe(true);
    }
  });
});
