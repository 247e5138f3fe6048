// The same pages through jsdom: a DOM closer to the browser's than linkedom (the extension
// passes the live document). Every metadata field and the text must come out the same.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { decodeHtml, extractArticle } from '../src/index';

const dir = join(import.meta.dirname, 'fixtures');
const pages = readdirSync(dir).filter((f) => f.endsWith('.html') && !f.endsWith('.src.html'));

describe.each(pages)('%s in jsdom', (file) => {
  it('gives the expected clip', () => {
    const expected = JSON.parse(
      readFileSync(join(dir, file.replace(/\.html$/, '.expected.json')), 'utf8'),
    );
    const { text } = decodeHtml(readFileSync(join(dir, file)));
    const { document } = new JSDOM(text, { url: expected.url }).window;
    const result = extractArticle(
      document,
      expected.url,
      expected.now ? { now: new Date(expected.now) } : {},
    );
    const want = expected.expect;
    expect(result.kind).toBe(want.kind);
    if (result.kind !== 'article') {
      if (result.kind === 'not-article') expect(result.reason).toBe(want.reason);
      return;
    }
    const clip = result.clip as unknown as Record<string, unknown>;
    for (const field of [
      'title',
      'subtitle',
      'publishedAt',
      'originalPublishedAt',
      'source',
      'authors',
      'editors',
      'edition',
      'breadcrumb',
      'text',
    ]) {
      if (field in want) expect(clip[field], field).toEqual(want[field]);
    }
  });
});
