import { describe, expect, it } from 'vitest';
import { exportStream } from '../src/index';
import { collect, fromArray, testRecords } from './helpers';

describe('jsonl', () => {
  const records = testRecords();

  it('is one record a line, each parsing back to the record, html emptied', async () => {
    const bytes = await collect(exportStream(fromArray(records), 'jsonl'));
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(records.length);
    lines.forEach((line, i) => {
      const want = records[i]!;
      expect(want.clip.html).not.toBe('');
      expect(JSON.parse(line)).toEqual({ ...want, clip: { ...want.clip, html: '' } });
    });
  });

  it('keeps the html with includeHtml: the record exactly', async () => {
    const bytes = await collect(exportStream(fromArray(records), 'jsonl', { includeHtml: true }));
    const lines = bytes.toString('utf8').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(records);
  });

  it('keeps the newline of a title inside its JSON string', async () => {
    const bytes = await collect(exportStream(fromArray(records), 'jsonl'));
    const nasty = bytes
      .toString('utf8')
      .split('\n')
      .find((l) => l.includes('quoted'));
    expect(nasty).toContain('\\"quoted\\", title\\nwith');
  });

  it('writes nothing for no records', async () => {
    expect((await collect(exportStream(fromArray([]), 'jsonl'))).length).toBe(0);
  });
});
