import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { toTraditional } from '@jianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_DIR, runCli } from './run-cli';

const SEEDS_DIR = resolve(CLI_DIR, '../../seeds');
const FIXTURES = resolve(CLI_DIR, '../../packages/core/test/fixtures');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jianbao-dedupe-'));
  const seed = await readFile(join(SEEDS_DIR, '001_21bc241343c95277.txt'), 'utf8');
  const lines = seed.split('\n');
  // A cut copy in traditional characters, as a Hong Kong portal would repost it.
  await writeFile(
    join(dir, 'repost-hant.txt'),
    toTraditional(lines.slice(0, Math.ceil(lines.length * 0.7)).join('\n')),
  );
  await writeFile(join(dir, 'seed-001.txt'), seed);
  await writeFile(
    join(dir, 'seed-002.txt'),
    await readFile(join(SEEDS_DIR, '002_9eda0a97505da87c.txt')),
  );
  await writeFile(join(dir, 'empty.txt'), '');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('jianbao dedupe', () => {
  it('groups a page with its cut, traditional repost, and leaves different stories alone', async () => {
    const run = await runCli([
      'dedupe',
      join(FIXTURES, '001-portal.html'),
      join(dir, 'repost-hant.txt'),
      join(dir, 'seed-001.txt'),
      join(dir, 'seed-002.txt'),
      join(dir, 'empty.txt'),
    ]);
    expect(run.code).toBe(0);
    expect(run.lines).toHaveLength(1);
    const [group] = run.lines as {
      files: { file: string }[];
      canonical: { file: string };
      pairs: { score: number; differs: string[] }[];
    }[];
    expect(group!.files.map((f) => f.file).sort()).toEqual(
      [
        join(FIXTURES, '001-portal.html'),
        join(dir, 'repost-hant.txt'),
        join(dir, 'seed-001.txt'),
      ].sort(),
    );
    // The page has the full metadata (date, source): it is the canonical.
    expect(group!.canonical).toEqual({ file: join(FIXTURES, '001-portal.html') });
    const differs = group!.pairs.flatMap((p) => p.differs);
    expect(differs).toContain('other-script');
    for (const pair of group!.pairs) expect(pair.score).toBeGreaterThan(0.7);
    expect(run.stderr).toContain('empty.txt: not an article (empty)');
  });

  it('prints nothing for pages with no copies, and says so with -v', async () => {
    const run = await runCli([
      'dedupe',
      '-v',
      join(dir, 'seed-001.txt'),
      join(dir, 'seed-002.txt'),
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('2 files, 2 clips, 0 groups');
  });

  it('refuses a call without files', async () => {
    const run = await runCli(['dedupe']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: jianbao dedupe');
  });
});
