// The seed texts through text mode (a selection, or a PDF page's text), every field compared.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFromText, zClip } from '../src/index';

const dir = join(import.meta.dirname, 'fixtures', 'text');
const seeds = join(import.meta.dirname, '..', '..', '..', 'seeds');
const squash = (s: string) => s.replace(/\s+/g, '');

const FIELDS = [
  'title',
  'subtitle',
  'url',
  'siteName',
  'canonicalUrl',
  'originalUrl',
  'publishedAt',
  'originalPublishedAt',
  'source',
  'authors',
  'editors',
  'newspaper',
  'edition',
  'column',
  'section',
  'breadcrumb',
  'script',
  'sourceKind',
  'text',
] as const;

describe.each(readdirSync(dir))('%s', (file) => {
  const expected = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>[];
  const text = readFileSync(join(seeds, file.replace('.expected.json', '.txt')), 'utf8');
  const result = extractFromText(text);

  it(`gives ${expected.length} clip(s) matching the wire schema`, () => {
    expect(result.kind).toBe('articles');
    if (result.kind !== 'articles') return;
    expect(result.clips.map((c) => c.title)).toEqual(expected.map((e) => e.title));
    for (const clip of result.clips) expect(() => zClip.parse(clip)).not.toThrow();
  });
  if (result.kind !== 'articles') return;

  expected.forEach((want, i) => {
    const clip = result.clips[i] as unknown as Record<string, unknown> | undefined;
    describe(`story ${i + 1}: ${want.title}`, () => {
      for (const field of FIELDS) {
        if (field in want) it(field, () => expect(clip?.[field]).toEqual(want[field]));
      }
      it('starts and ends where the story does, without the page around it', () => {
        const body = String(clip?.text ?? '');
        if (want.textStartsWith)
          expect(squash(body).startsWith(String(want.textStartsWith))).toBe(true);
        if (want.textEndsWith) expect(squash(body).endsWith(String(want.textEndsWith))).toBe(true);
        for (const s of (want.mustNotContain as string[] | undefined) ?? [])
          expect(body).not.toContain(s);
      });
    });
  });
});

describe('text mode on bad input', () => {
  it('says an empty text is not an article', () => {
    expect(extractFromText('   \n\n ')).toMatchObject({ kind: 'not-article', reason: 'empty' });
  });
  it('says a few words are not an article', () => {
    expect(extractFromText('你好')).toMatchObject({ kind: 'not-article' });
  });
});
