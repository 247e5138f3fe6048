// login, import and export against the real API (PGlite in memory) listening on loopback.
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '@jianbao/api';
import { createDb, type DbHandle, migrate } from '@jianbao/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePage, CLI_DIR, encodeGbk, paragraphs, runCli } from './run-cli';

const SEEDS_DIR = resolve(CLI_DIR, '../../seeds');

let dir: string;
let base: string;
let handle: DbHandle;
let close: () => Promise<void>;
let env: NodeJS.ProcessEnv;
let token: string;
const email = `${randomUUID().slice(0, 8)}@example.cn`;
const password = 'correct horse battery';

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return (await response.json()) as T;
}

let teamId: string;
async function newCollection(name: string): Promise<string> {
  return (await call<{ id: string }>('POST', '/collections', { name, teamId })).id;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jianbao-cli-server-'));
  handle = createDb({});
  const migrations = await migrate(handle);
  const app = createApp({ db: handle, migrations });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((ready) => server.once('listening', ready));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = async () => {
    await new Promise<void>((done) => server.close(() => done()));
    await handle.close();
  };
  const signup = await fetch(`${base}/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, name: '研究员', password }),
  });
  token = ((await signup.json()) as { token: string }).token;
  teamId = (await call<{ id: string }>('POST', '/teams', { name: '课题组' })).id;
  // Import and export find the server and token in the environment (as a script would);
  // the login test checks the saved file.
  env = { JIANBAO_CONFIG: join(dir, 'unused.json'), JIANBAO_SERVER: base, JIANBAO_TOKEN: token };
}, 120_000);

afterAll(async () => {
  await close?.();
  await rm(dir, { recursive: true, force: true });
});

/**
 * The exported records without what differs between two collections or two runs (ids, times,
 * versions), in a stable order: clips written in one batch share their time, and the export
 * orders those by id.
 */
function corpusOf(jsonl: string) {
  const records = jsonl
    .trim()
    .split('\n')
    .map((line) => {
      const {
        id: _id,
        collectionId: _c,
        collectionName: _n,
        version: _v,
        createdAt: _at,
        updatedAt: _up,
        ...rest
      } = JSON.parse(line) as Record<string, unknown>;
      return rest;
    });
  return records.sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
}

describe('jianbao login, import and export', () => {
  const loginConfig = join(tmpdir(), `jianbao-login-${randomUUID()}.json`);
  afterAll(() => rm(loginConfig, { force: true }));

  it('signs in with a password on stdin and saves the token for its owner only', async () => {
    const wrong = await runCli(['login', '--server', base, '--email', email, '--password-stdin'], {
      env: { JIANBAO_CONFIG: loginConfig },
      input: 'not the password\n',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/wrong-credentials/);
    const nobody = await runCli(['login', '--server', 'http://127.0.0.1:9', '--token', 'jb_x'], {
      env: { JIANBAO_CONFIG: loginConfig },
    });
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/no answer from http:\/\/127\.0\.0\.1:9/);

    const run = await runCli(['login', '--server', base, '--email', email, '--password-stdin'], {
      env: { JIANBAO_CONFIG: loginConfig },
      input: `${password}\n`,
    });
    expect(run.stderr).toContain(`signed in to ${base} as ${email}`);
    expect(run.code).toBe(0);
    const saved = JSON.parse(await readFile(loginConfig, 'utf8'));
    expect(saved).toMatchObject({ server: base, token: expect.stringMatching(/^jb_/) });
    expect((await stat(loginConfig)).mode & 0o777).toBe(0o600);

    const notSignedIn = await runCli(['export', '--collection', 'x'], {
      env: { JIANBAO_CONFIG: join(dir, 'none.json') },
    });
    expect(notSignedIn.code).toBe(1);
    expect(notSignedIn.stderr).toMatch(/not signed in: run 'jianbao login/);
  });

  it('imports the seeds, pages in GBK and JSONL; a second run creates nothing', async () => {
    const name = '种子';
    const collectionId = await newCollection(name);
    const pages = join(dir, 'pages');
    await mkdir(join(pages, 'seeds'), { recursive: true });
    for (const file of await readdir(SEEDS_DIR)) {
      if (file.endsWith('.txt')) await copyFile(join(SEEDS_DIR, file), join(pages, 'seeds', file));
    }
    await writeFile(
      join(pages, 'gbk.html'),
      encodeGbk(
        articlePage({
          title: '市卫健委召开医院党建工作推进会',
          paragraphs: paragraphs('推进会'),
          charset: 'gbk',
          canonical: 'https://wjw.example.cn/news/1.html',
        }),
      ),
    );
    await writeFile(join(pages, 'empty.html'), '<html><body></body></html>');
    await writeFile(join(pages, 'notes.docx'), 'not a page');
    const first = await runCli(
      ['import', pages, join(dir, 'missing.html'), '--collection', name, '--tag', '导入'],
      { env },
    );
    const lines = first.lines as { status: string; file: string; error?: { code: string } }[];
    const created = lines.filter((l) => l.status === 'created');
    // Five seed files, one of them a PDF page of several stories, and the GBK page.
    expect(created.length).toBeGreaterThanOrEqual(6);
    expect(created.some((l) => l.file.endsWith('gbk.html'))).toBe(true);
    expect(lines.find((l) => l.file.endsWith('empty.html'))?.status).toBe('not-article');
    expect(lines.find((l) => l.file.endsWith('missing.html'))).toMatchObject({
      status: 'failed',
      error: { code: 'not-found' },
    });
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/1 files in the folders are not pages/);
    expect(first.stderr).toMatch(/created \d+, skipped 0/);

    const again = await runCli(['import', pages, '--collection', collectionId, '--tag', '导入'], {
      env,
    });
    expect(again.code).toBe(0);
    const second = again.lines as { status: string; reason?: string }[];
    expect(second.filter((l) => l.status === 'created')).toEqual([]);
    expect(second.filter((l) => l.status === 'skipped')).toHaveLength(created.length);
    const list = await call<{ clips: { tags: string[] }[] }>(
      'GET',
      `/clips?collection=${collectionId}&limit=100`,
    );
    expect(list.clips).toHaveLength(created.length);
    expect(list.clips.every((c) => c.tags.includes('导入'))).toBe(true);

    // Round trip: export, import into a new collection, export again: the same corpus.
    const exported = join(dir, 'a.jsonl');
    const out = await runCli(['export', '--collection', name, '-o', exported], { env });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/export: .* MB .*→/);
    const copyName = '种子副本';
    await newCollection(copyName);
    const copy = await runCli(['import', exported, '--collection', copyName], { env });
    expect(copy.code, copy.stderr).toBe(0);
    expect(copy.lines.filter((l) => l.status === 'created')).toHaveLength(created.length);
    const reexported = join(dir, 'b.jsonl');
    expect((await runCli(['export', '-c', copyName, '-o', reexported], { env })).code).toBe(0);
    const a = corpusOf(await readFile(exported, 'utf8'));
    const b = corpusOf(await readFile(reexported, 'utf8'));
    expect(b).toHaveLength(a.length);
    expect(b).toEqual(a);
    // And once more: nothing new.
    const twice = await runCli(['import', exported, '--collection', copyName], { env });
    expect(twice.lines.every((l) => l.status === 'skipped')).toBe(true);
  });

  it('exports CSV to stdout and refuses an unknown format with the field named', async () => {
    const csv = await runCli(['export', '--format', 'csv', '-o', '-'], { env });
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.charCodeAt(0)).toBe(0xfeff);
    expect(csv.stdout).toContain('title');
    const bad = await runCli(['export', '--format', 'docx'], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/\(query\.format\)/);
    const unknown = await runCli(['import', SEEDS_DIR, '--collection', '没有这个'], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no collection '没有这个' among yours/);
  });
});
