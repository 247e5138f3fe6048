import { describe, expect, it } from 'vitest';
import { convertScript, exportStream } from '../src/index';
import { collect, fromArray, parseCsv, testRecords } from './helpers';

describe('script', () => {
  const records = testRecords();
  const simplified = records[1]!; // 大连医科大学附属第二医院…
  const traditional = records[2]!; // 廣州市第一人民醫院…

  it("'Hant' converts 医院 to 醫院 in title and text, and says so", () => {
    const out = convertScript(simplified, 'Hant');
    expect(simplified.clip.title).toContain('医院');
    expect(out.clip.title).toBe('大連醫科大學附屬第二醫院:以黨建引領高質量發展');
    expect(out.clip.text).toContain('醫院');
    expect(out.clip.text).not.toContain('医院');
    expect(out.clip.excerpt).toContain('醫院');
    expect(out.clip.source).toBe('中共遼寧省委組織部');
    expect(out.clip.breadcrumb).toEqual(['首頁', '反腐專題']);
    expect(out.clip.html).toContain('醫院');
    expect(out.clip.script).toBe('Hant');
  });

  it('leaves normalizedText, fingerprints, tags and the taxonomy alone, and the input unchanged', () => {
    const before = structuredClone(simplified);
    const out = convertScript(simplified, 'Hant');
    expect(out.clip.normalizedText).toBe(simplified.clip.normalizedText);
    expect(out.clip.fingerprints).toEqual(simplified.clip.fingerprints);
    expect(out.clip.taxonomy).toEqual(simplified.clip.taxonomy);
    expect(out.tags).toEqual(simplified.tags);
    expect(simplified).toEqual(before);
  });

  it("'Hans' converts the traditional clip", () => {
    const out = convertScript(traditional, 'Hans');
    expect(out.clip.title).toBe(
      '广州市第一人民医院:以“四个精准”为抓手提升党建工作质量 锻造坚强有力党组织',
    );
    expect(out.clip.breadcrumb.at(-1)).toBe('加强基层党建');
    expect(out.clip.script).toBe('Hans');
  });

  it("'as-clipped' leaves the record as it is", () => {
    expect(convertScript(traditional, 'as-clipped')).toBe(traditional);
  });

  it('applies to the exports', async () => {
    const csv = parseCsv(
      await collect(exportStream(fromArray([simplified]), 'csv', { script: 'Hant' })),
    );
    expect(csv[0]!.title).toContain('醫院');
    expect(csv[0]!.text).toContain('醫院');
    expect(csv[0]!.script).toBe('Hant');
    const jsonl = await collect(exportStream(fromArray([simplified]), 'jsonl'));
    expect(JSON.parse(jsonl.toString('utf8')).clip.title).toContain('医院');
    const md = await collect(
      exportStream(fromArray([traditional]), 'markdown', { script: 'Hans' }),
    );
    expect(md.includes(Buffer.from('广州市第一人民医院'))).toBe(true);
  });
});
