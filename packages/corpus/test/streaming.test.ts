import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ExportFormat, exportStream } from '../src/index';
import { counted, envelope, parseCsv, readZip, seedClips } from './helpers';

const FORMATS: ExportFormat[] = ['jsonl', 'csv', 'markdown', 'text', 'parquet'];
const TOTAL = 5000;

let tempDir: string;
beforeEach(() => {
  tempDir = mkdtempSync(join(tmpdir(), 'corpus-test-'));
});
afterEach(() => {
  rmSync(tempDir, { recursive: true, force: true });
});

describe.each(FORMATS)('%s streams', (format) => {
  it(`yields its first bytes before ${TOTAL} records are read, and reads them all`, async () => {
    const { records, state } = counted(TOTAL, { bodyChars: 600 });
    let producedAtFirstChunk = -1;
    let chunks = 0;
    let bytes = 0;
    for await (const chunk of exportStream(records, format, { tempDir })) {
      if (chunks++ === 0) producedAtFirstChunk = state.produced;
      bytes += chunk.length;
    }
    expect(producedAtFirstChunk).toBeGreaterThan(0);
    expect(producedAtFirstChunk).toBeLessThan(TOTAL);
    expect(state.produced).toBe(TOTAL);
    expect(state.finished).toBe(true);
    expect(chunks).toBeGreaterThan(2);
    expect(bytes).toBeGreaterThan(0);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('stops reading records when returned early, without throwing, temp files gone', async () => {
    const { records, state } = counted(TOTAL, { bodyChars: 600 });
    const stream = exportStream(records, format, { tempDir });
    const first = await stream.next();
    expect(first.done).toBe(false);
    const producedThen = state.produced;
    await expect(stream.return(undefined)).resolves.toEqual({ done: true, value: undefined });
    expect(state.finished).toBe(true);
    expect(state.produced).toBe(producedThen);
    expect(state.produced).toBeLessThan(TOTAL);
    expect(readdirSync(tempDir)).toEqual([]);
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('passes on a failing source and leaves no temp files', async () => {
    const clip = seedClips()[0]!;
    async function* failing() {
      for (let i = 0; i < 300; i++) yield envelope(clip);
      throw new Error('the database went away');
    }
    await expect(async () => {
      for await (const _ of exportStream(failing(), format, { tempDir })) {
        // consume
      }
    }).rejects.toThrow('the database went away');
    expect(readdirSync(tempDir)).toEqual([]);
  });
});

describe('the text manifest past memory', () => {
  it('goes to a temporary file, streams back in order, and is removed', async () => {
    const n = 3000;
    const { records } = counted(n, { bodyChars: 50 });
    let sawSpool = false;
    const parts: Uint8Array[] = [];
    for await (const chunk of exportStream(records, 'text', { tempDir })) {
      parts.push(chunk);
      if (readdirSync(tempDir).length > 0) sawSpool = true;
    }
    expect(sawSpool).toBe(true);
    expect(readdirSync(tempDir)).toEqual([]);
    const entries = await readZip(Buffer.concat(parts));
    const manifest = parseCsv(entries.at(-1)!.data);
    expect(manifest).toHaveLength(n);
    expect(manifest.map((r) => r.file)).toEqual(entries.slice(1, -1).map((e) => e.name));
  });

  it('is removed when the export is returned after it was spooled', async () => {
    const { records, state } = counted(TOTAL, { bodyChars: 50 });
    const stream = exportStream(records, 'text', { tempDir });
    while (readdirSync(tempDir).length === 0) {
      const next = await stream.next();
      expect(next.done).toBe(false);
    }
    await stream.return(undefined);
    expect(state.finished).toBe(true);
    expect(readdirSync(tempDir)).toEqual([]);
  });
});
