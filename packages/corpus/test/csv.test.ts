import { describe, expect, it } from 'vitest';
import { exportStream } from '../src/index';
import { collect, fromArray, NASTY_TITLE, parseCsv, testRecords } from './helpers';

const COLUMNS = [
  'id',
  'collection',
  'collection_id',
  'title',
  'subtitle',
  'published_at',
  'original_published_at',
  'source',
  'authors',
  'editors',
  'newspaper',
  'edition',
  'column',
  'section',
  'breadcrumb',
  'site_name',
  'url',
  'canonical_url',
  'original_url',
  'source_kind',
  'script',
  'lang',
  'word_count',
  'topics',
  'institutions',
  'regions',
  'tags',
  'clipped_by',
  'clipped_at',
  'updated_at',
  'excerpt',
  'text',
];

describe('csv', async () => {
  const records = testRecords();
  const bytes = await collect(exportStream(fromArray(records), 'csv'));
  const rows = parseCsv(bytes);

  it('starts with a UTF-8 BOM and ends rows with CRLF', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.slice(1, text.indexOf('\n') + 1)).toBe(`${COLUMNS.join(',')}\r\n`);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('has the columns in their order, one row per clip', () => {
    expect(Object.keys(rows[0]!)).toEqual(COLUMNS);
    expect(rows).toHaveLength(records.length);
  });

  it('writes every column of every clip', () => {
    rows.forEach((row, i) => {
      const r = records[i]!;
      const c = r.clip;
      expect(row).toEqual({
        id: r.id,
        collection: '医院党建研究',
        collection_id: r.collectionId,
        title: c.title,
        subtitle: c.subtitle ?? '',
        published_at: c.publishedAt ?? '',
        original_published_at: c.originalPublishedAt ?? '',
        source: c.source ?? '',
        authors: c.authors.join('; '),
        editors: c.editors.join('; '),
        newspaper: c.newspaper ?? '',
        edition: c.edition ?? '',
        column: c.column ?? '',
        section: c.section ?? '',
        breadcrumb: c.breadcrumb.join(' > '),
        site_name: c.siteName ?? '',
        url: c.url ?? '',
        canonical_url: c.canonicalUrl ?? '',
        original_url: c.originalUrl ?? '',
        source_kind: c.sourceKind,
        script: c.script,
        lang: c.lang,
        word_count: String(c.wordCount),
        topics: c.taxonomy.topics.map((t) => t.label).join('; '),
        institutions: c.taxonomy.institutions.map((x) => x.name).join('; '),
        regions: c.taxonomy.regions.map((x) => x.name).join('; '),
        tags: r.tags.join('; '),
        clipped_by: '王研究员',
        clipped_at: '2025-03-01T08:30:00.000Z',
        updated_at: '2025-03-02T09:45:30.500Z',
        excerpt: c.excerpt,
        text: c.text,
      });
    });
  });

  it('keeps Chinese, the traditional seed, and the multi-valued joins', () => {
    expect(rows[0]).toMatchObject({
      title: '校地共建筑峰提质',
      subtitle: '党建赋能加速发展',
      authors: '汪万里; 张子珊',
      newspaper: '广州日报',
      edition: '第A15版',
      tags: '党建; 测试',
      regions: '东莞市; 广东省',
    });
    expect(rows[2]).toMatchObject({
      script: 'Hant',
      breadcrumb: '首頁 > 深入開展學習貫徹習近平新時代中國特色社會主義思想主題教育 > 加強基層黨建',
    });
    expect(rows[2]!.title).toContain('廣州市第一人民醫院');
  });

  it('leaves missing values and empty lists empty', () => {
    const undated = rows[3]!;
    expect(undated.published_at).toBe('');
    expect(rows[1]!.authors).toBe('');
    expect(rows.at(-1)!.tags).toBe('');
  });

  it('survives quotes, commas, a newline in a title and a joined value with a comma', () => {
    const nasty = rows.find((r) => r.title?.includes('quoted'))!;
    expect(nasty.title).toBe(NASTY_TITLE);
    expect(nasty.authors).toBe('甲; 乙, 丙');
    expect(nasty.breadcrumb).toBe('首页 > 专题 > 子');
    expect(bytes.toString('utf8')).toContain(
      '"A ""quoted"", title\nwith: colon/slash #hash |pipe 医院"',
    );
  });

  it('keeps body text verbatim, newlines and all (no formula escaping)', async () => {
    expect(rows[0]!.text).toContain('\n\n');
    const formula = testRecords()[0]!;
    formula.clip.title = '=HYPERLINK("x")';
    const out = parseCsv(await collect(exportStream(fromArray([formula]), 'csv')));
    expect(out[0]!.title).toBe('=HYPERLINK("x")');
  });

  it('adds html as the last column with includeHtml', async () => {
    const out = parseCsv(
      await collect(exportStream(fromArray(records), 'csv', { includeHtml: true })),
    );
    expect(Object.keys(out[0]!)).toEqual([...COLUMNS, 'html']);
    expect(out.map((r) => r.html)).toEqual(records.map((r) => r.clip.html));
  });

  it('is a header alone for no records', async () => {
    const out = await collect(exportStream(fromArray([]), 'csv'));
    expect(out.toString('utf8')).toBe(`\ufeff${COLUMNS.join(',')}\r\n`);
  });
});
