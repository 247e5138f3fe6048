import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportStream } from '../src/index';
import { collect, fromArray, readZip, testRecords } from './helpers';

function split(note: string): { front: Record<string, unknown>; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(note);
  if (!m) throw new Error(`no front matter: ${note.slice(0, 80)}`);
  return { front: parse(m[1]!) as Record<string, unknown>, body: m[2]! };
}

describe('markdown', async () => {
  const records = testRecords();
  const entries = await readZip(await collect(exportStream(fromArray(records), 'markdown')));
  const names = entries.map((e) => e.name);

  it('is a zip of one .md per clip, UTF-8 names flagged as such', () => {
    expect(entries).toHaveLength(records.length);
    for (const e of entries) {
      expect(e.name).toMatch(/\.md$/);
      expect(e.flags & 0x800).toBe(0x800);
    }
  });

  it('names notes `date title.md`, Chinese intact, undated without a date', () => {
    expect(names[0]).toBe('2025-12-24 校地共建筑峰提质.md');
    expect(names[1]).toBe('2024-11-20 大连医科大学附属第二医院 以党建引领高质量发展.md');
    expect(names[2]).toBe(
      '2023-08-09 廣州市第一人民醫院 以“四個精準”為抓手提升黨建工作質量 鍛造堅強有力黨組織.md',
    );
    expect(names[3]).toBe('undated 凝心聚力 守护百姓健康.md');
  });

  it('replaces characters illegal in file names and Obsidian links', () => {
    expect(names).toContain('2024-11-20 A quoted, title with colon slash hash pipe 医院.md');
    for (const name of names) expect(name).not.toMatch(/[\\/:*?"<>|#^[\]\n]/);
  });

  it('makes colliding names unique, case-insensitively', () => {
    expect(names).toContain('2024-11-20 大连医科大学附属第二医院 以党建引领高质量发展 (2).md');
    expect(names).toContain('2024-11-20 Report ABC.md');
    expect(names).toContain('2024-11-20 report abc (2).md');
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('cuts long titles to 80 characters', () => {
    const long = names.find((n) => n.includes('长长'))!;
    expect([...long.replace(/\.md$/, '')]).toHaveLength(80);
  });

  it('writes the metadata as YAML front matter', () => {
    records.forEach((r, i) => {
      const { front } = split(entries[i]!.data.toString('utf8'));
      const c = r.clip;
      expect(front).toEqual({
        title: c.title,
        subtitle: c.subtitle,
        date: c.publishedAt,
        source: c.source,
        authors: c.authors,
        editors: c.editors,
        newspaper: c.newspaper,
        edition: c.edition,
        url: c.url,
        original_url: c.originalUrl,
        site: c.siteName,
        source_kind: c.sourceKind,
        topics: c.taxonomy.topics.map((t) => t.label),
        institutions: c.taxonomy.institutions.map((x) => x.name),
        regions: c.taxonomy.regions.map((x) => x.name),
        tags: r.tags,
        collection: '医院党建研究',
        clipped_by: '王研究员',
        clipped_at: '2025-03-01T08:30:00.000Z',
        id: r.id,
      });
    });
    const first = entries[0]!.data.toString('utf8');
    expect(first).toContain('\ndate: 2025-12-24\n');
    expect(first).toContain('authors:\n  - 汪万里\n  - 张子珊\n');
  });

  it('follows with the title as a heading and the body in paragraphs', () => {
    const { body } = split(entries[0]!.data.toString('utf8'));
    const paragraphs = records[0]!.clip.text.split(/\n+/).map((p) => p.trim());
    expect(body).toBe(`# 校地共建筑峰提质\n\n${paragraphs.filter(Boolean).join('\n\n')}\n`);
    const nasty = entries.find((e) => e.name.includes('quoted'))!.data.toString('utf8');
    expect(split(nasty).body.split('\n')[0]).toBe(
      '# A "quoted", title with: colon/slash #hash |pipe 医院',
    );
  });

  it('never holds html', async () => {
    const withHtml = await readZip(
      await collect(exportStream(fromArray(records), 'markdown', { includeHtml: true })),
    );
    for (const e of withHtml) expect(e.data.toString('utf8')).not.toContain('<p>');
  });

  it('is an empty zip for no records', async () => {
    expect(await readZip(await collect(exportStream(fromArray([]), 'markdown')))).toEqual([]);
  });
});
