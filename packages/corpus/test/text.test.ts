import { describe, expect, it } from 'vitest';
import { exportStream } from '../src/index';
import { collect, fromArray, parseCsv, readZip, testRecords } from './helpers';

describe('text', async () => {
  const records = testRecords();
  const entries = await readZip(await collect(exportStream(fromArray(records), 'text')));
  const texts = entries.filter((e) => e.name.startsWith('texts/'));
  const manifestEntry = entries.at(-1)!;
  const manifest = parseCsv(manifestEntry.data);

  it('holds README.txt first, the texts, and manifest.csv last', () => {
    expect(entries[0]!.name).toBe('README.txt');
    expect(entries[0]!.data.toString('utf8')).toContain('manifest.csv');
    expect(texts).toHaveLength(records.length);
    expect(manifestEntry.name).toBe('manifest.csv');
    expect(entries).toHaveLength(records.length + 2);
  });

  it('names texts by sequence number and short title, sorting in export order', () => {
    expect(texts[0]!.name).toBe('texts/000001_校地共建筑峰提质.txt');
    expect(texts[2]!.name).toBe(
      'texts/000003_廣州市第一人民醫院 以“四個精準”為抓手提升黨建工作質量 鍛.txt',
    );
    const names = texts.map((t) => t.name);
    expect([...names].sort()).toEqual(names);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('texts/000012_A quoted, title with colon sla.txt');
  });

  it('writes the body only, paragraphs separated by blank lines, UTF-8 without BOM', () => {
    const body = texts[0]!.data;
    expect([...body.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const want = records[0]!.clip.text
      .split(/\n+/)
      .map((p) => p.trim())
      .filter(Boolean);
    expect(body.toString('utf8')).toBe(`${want.join('\n\n')}\n`);
    expect(body.toString('utf8')).not.toContain('\r');
    expect(body.toString('utf8')).not.toContain(records[0]!.clip.title);
  });

  it('lists each text in manifest.csv (BOM), its file column matching the entries', () => {
    expect([...manifestEntry.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(manifest.map((r) => r.file)).toEqual(texts.map((t) => t.name));
    const columns = Object.keys(manifest[0]!);
    expect(columns[0]).toBe('file');
    expect(columns).not.toContain('text');
    expect(columns).not.toContain('html');
    expect(columns).toHaveLength(32);
  });

  it('carries the metadata in the manifest', () => {
    manifest.forEach((row, i) => {
      const r = records[i]!;
      expect(row).toMatchObject({
        id: r.id,
        title: r.clip.title,
        published_at: r.clip.publishedAt ?? '',
        authors: r.clip.authors.join('; '),
        tags: r.tags.join('; '),
        excerpt: r.clip.excerpt,
        script: r.clip.script,
      });
    });
    expect(manifest[2]!.script).toBe('Hant');
  });
});
