import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCwced, loadGnePages, missingEvalParts, parseLabels, resolveEvalDir } from './corpus';

const dir = mkdtempSync(join(tmpdir(), 'jianbao-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function put(path: string, content: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), content);
}

describe('eval corpus', () => {
  it('names what a folder is missing', () => {
    expect(missingEvalParts(join(dir, 'nowhere'))).toContain('gne-pages/labels.jsonl');
  });

  it('uses the override when given', () => {
    expect(resolveEvalDir(dir)).toBe(dir);
    expect(resolveEvalDir('')).toMatch(/shared[\\/]eval$/);
  });

  it('loads cwced pages with their labels, BOM and trailing newline dropped', () => {
    put('cwced/original/a.html', '<p>正文</p>');
    put('cwced/cleaned/a.txt', '\uFEFF正文\n');
    put('cwced/date/a.txt', '2005-5-7 21:23:57\n');
    put('cwced/author/a.txt', 'UNKNOWN');
    const [page] = loadCwced(dir);
    expect(page).toMatchObject({
      id: 'a',
      body: '正文\n',
      dateLabel: '2005-5-7 21:23:57',
      authorLabel: 'UNKNOWN',
    });
    expect(new TextDecoder().decode(page!.bytes)).toBe('<p>正文</p>');
  });

  it('lists every gne page under tests/, named as labels.jsonl names them', () => {
    put('gne-pages/tests/wechat/1.html', '<p>x</p>');
    put('gne-pages/tests/163/2.html', '<p>y</p>');
    put('gne-pages/tests/163/notes.txt', 'not a page');
    expect(loadGnePages(dir).map((p) => [p.file, p.site])).toEqual([
      ['tests/163/2.html', '163'],
      ['tests/wechat/1.html', 'wechat'],
    ]);
  });

  it('parses labels and refuses a malformed record', () => {
    const good = {
      file: 'tests/cjn/1.html',
      kind: 'news',
      site: '长江网',
      title: '标题',
      subtitle: null,
      publishedAt: '2020-10-04 20:30',
      source: '长江网',
      authors: ['陈智'],
      editors: [],
      bodyStart: '开头',
      bodyEnd: '结尾',
      mustNotContain: ['热点推荐'],
    };
    const [label] = parseLabels(`${JSON.stringify(good)}\n\n`);
    expect(label).toMatchObject({ title: '标题', authors: ['陈智'], subtitle: null });
    expect(() => parseLabels(JSON.stringify({ ...good, authors: '陈智' }))).toThrow(
      /line 1: authors/,
    );
    expect(() => parseLabels(JSON.stringify({ ...good, title: null }))).toThrow(/title is missing/);
  });
});
