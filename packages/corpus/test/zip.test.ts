import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { utf8 } from '../src/bytes';
import { ZipWriter } from '../src/zip';
import { readZip } from './helpers';

function has(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const hasUnzip = has('unzip', ['-v']);
const hasPython = has('python3', ['-c', 'import zipfile']);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'corpus-zip-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function build(zip: ZipWriter, fill: (zip: ZipWriter) => Promise<void>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  try {
    await fill(zip);
    parts.push(zip.take());
    for await (const chunk of zip.finish()) parts.push(chunk);
  } finally {
    await zip.dispose();
  }
  return Buffer.concat(parts);
}

const manifestLines = Array.from({ length: 2000 }, (_, i) => `${i},第${i}行,“引号”\n`);

async function sample(zip: ZipWriter): Promise<void> {
  await zip.file('README.txt', 'hello\n');
  await zip.file('笔记/2024-11-20 标题.md', '# 标题\n\n正文。\n'.repeat(50));
  await zip.file('empty.txt', '');
  const entry = zip.entry('manifest.csv');
  for (const line of manifestLines) entry.write(utf8.encode(line));
  await entry.end();
}

describe.each([false, true])('zip (forceZip64: %s)', (forceZip64) => {
  it('is read back by yauzl: names, contents, UTF-8 flag', async () => {
    const bytes = await build(new ZipWriter({ forceZip64, tempDir: dir }), sample);
    const entries = await readZip(bytes);
    expect(entries.map((e) => e.name)).toEqual([
      'README.txt',
      '笔记/2024-11-20 标题.md',
      'empty.txt',
      'manifest.csv',
    ]);
    expect(entries[1]!.data.toString('utf8')).toBe('# 标题\n\n正文。\n'.repeat(50));
    expect(entries[2]!.data.length).toBe(0);
    expect(entries[3]!.data.toString('utf8')).toBe(manifestLines.join(''));
    for (const e of entries) expect(e.flags & 0x800).toBe(0x800);
  });

  it.skipIf(!hasUnzip)('passes unzip -t', async () => {
    const bytes = await build(new ZipWriter({ forceZip64, tempDir: dir }), sample);
    const file = join(dir, 'out.zip');
    writeFileSync(file, bytes);
    const out = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(out).toContain('No errors detected');
  });

  it.skipIf(!hasPython)("passes Python's zipfile", async () => {
    const bytes = await build(new ZipWriter({ forceZip64, tempDir: dir }), sample);
    const file = join(dir, 'out.zip');
    writeFileSync(file, bytes);
    const script =
      'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint("|".join(z.namelist()))';
    const out = execFileSync('python3', ['-c', script, file], { encoding: 'utf8' });
    expect(out.trim()).toBe('README.txt|笔记/2024-11-20 标题.md|empty.txt|manifest.csv');
  });
});

describe('zip of more than 65,535 entries', () => {
  it('writes ZIP64 end records that yauzl reads, its central directory spooled to disk', async () => {
    const n = 66_000;
    const zip = new ZipWriter({ tempDir: dir });
    let spooled = false;
    const parts: Uint8Array[] = [];
    try {
      for (let i = 0; i < n; i++) {
        await zip.file(`texts/${String(i + 1).padStart(6, '0')}_标题.txt`, `正文 ${i}\n`);
        if (zip.pending > 1 << 20) parts.push(zip.take());
        if (!spooled && i % 1000 === 999 && readdirSync(dir).length > 0) spooled = true;
      }
      parts.push(zip.take());
      for await (const chunk of zip.finish()) parts.push(chunk);
    } finally {
      await zip.dispose();
    }
    expect(spooled).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    const bytes = Buffer.concat(parts);
    const file = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
    expect(file.entryCount).toBe(n);
    const names: string[] = [];
    await new Promise<void>((resolve, reject) => {
      file.on('entry', (e: yauzl.Entry) => {
        names.push(e.fileName);
        file.readEntry();
      });
      file.on('end', resolve);
      file.on('error', reject);
      file.readEntry();
    });
    expect(names).toHaveLength(n);
    expect(names.at(-1)).toBe('texts/066000_标题.txt');
    if (hasUnzip) {
      const path = join(dir, 'big.zip');
      writeFileSync(path, bytes);
      const out = execFileSync('unzip', ['-p', path, 'texts/065999_标题.txt'], {
        encoding: 'utf8',
      });
      expect(out).toBe('正文 65998\n');
    }
  });
});
