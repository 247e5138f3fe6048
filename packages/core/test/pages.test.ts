// Seed-shaped pages through extractArticle, every field compared with the hand-written expectation.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle, zClip } from '../src/index';
import { parsePage } from '../src/page/index';

const dir = join(import.meta.dirname, 'fixtures');
const pages = readdirSync(dir).filter((f) => f.endsWith('.html') && !f.endsWith('.src.html'));

interface Expected {
  url: string;
  now?: string;
  expect: Record<string, unknown> & { kind: string };
}

const EXACT = [
  'title',
  'subtitle',
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

describe.each(pages)('%s', (file) => {
  const expected = JSON.parse(
    readFileSync(join(dir, file.replace(/\.html$/, '.expected.json')), 'utf8'),
  ) as Expected;
  const { document } = parsePage(readFileSync(join(dir, file)));
  const result = extractArticle(
    document,
    expected.url,
    expected.now ? { now: new Date(expected.now) } : {},
  );
  const want = expected.expect;

  if (want.kind === 'not-article') {
    it('says it is not an article, and why', () => {
      expect(result.kind).toBe('not-article');
      if (result.kind === 'not-article') expect(result.reason).toBe(want.reason);
    });
    return;
  }

  it('is an article whose clip matches the wire schema', () => {
    expect(result.kind).toBe('article');
    if (result.kind === 'article') expect(() => zClip.parse(result.clip)).not.toThrow();
  });
  if (result.kind !== 'article') return;
  const clip = result.clip as unknown as Record<string, unknown>;

  for (const field of EXACT) {
    if (field in want) it(`${field}`, () => expect(clip[field]).toEqual(want[field]));
  }
  it('keeps the chrome out of the body', () => {
    for (const s of (want.mustNotContain as string[] | undefined) ?? [])
      expect(result.clip.text).not.toContain(s);
  });
  it('keeps in-body headings as headings in the html', () => {
    const headings = [...result.clip.html.matchAll(/<h[2-4]>(.*?)<\/h[2-4]>/g)].map((m) => m[1]);
    for (const h of (want.htmlHeadings as string[] | undefined) ?? [])
      expect(headings).toContain(h);
  });
  it('finds the taxonomy facets', () => {
    const tax = want.taxonomy as
      | {
          topics?: string[];
          regions?: string[];
          institutions?: string[];
          people?: { name: string; role: string }[];
        }
      | undefined;
    if (!tax) return;
    const t = result.clip.taxonomy;
    for (const topic of tax.topics ?? []) expect(t.topics.map((x) => x.label)).toContain(topic);
    for (const region of tax.regions ?? []) expect(t.regions.map((x) => x.name)).toContain(region);
    for (const inst of tax.institutions ?? [])
      expect(t.institutions.map((x) => x.name)).toContain(inst);
    for (const p of tax.people ?? []) {
      // A more specific role counts: 党委副书记 is a 副书记.
      const roles = t.people.find((x) => x.name === p.name)?.roles ?? [];
      expect(
        roles.some((r) => r.endsWith(p.role)),
        `${p.name}: ${roles.join(',')} has ${p.role}`,
      ).toBe(true);
    }
  });
});
