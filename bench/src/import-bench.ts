// Import speed: the real `jianbao import` of saved pages into the API on PostgreSQL, against
// extraction alone (`jianbao extract` over the same files), the client's part of an import.
//
//   pnpm --filter @jianbao/bench bench:import [--pages 500] [--verbose]
//
// The pages are the real eval pages (../shared/eval, or JIANBAO_EVAL_DIR: cwced's 69 and
// gne-pages' 62), copied into a temp folder, never into the repository, as many rounds as it
// takes to reach --pages. Round 0 is the pages as they are; round k appends ` (k)` to the
// <title>, the first <h1> and every run of text of 40 bytes or more outside scripts, styles and
// comments (the paragraphs, whatever their markup), and `/copy-k` to the path of the canonical
// link and og:url, so that every copy is a new clip to the server (a new text hash, a new URL).
// Only ASCII is inserted, between tags, so GBK pages stay valid GBK. Pages the eval set itself
// holds twice stay duplicates (one pair in gne-pages: thepaper 2 and 4).
//
// On a throwaway PostgreSQL 15 cluster, the API in a child process (`node --import tsx
// apps/api/src/main.ts`), an account and a collection made through the API. Timed, each a fresh
// CLI process (`node --import tsx apps/cli/src/main.ts`, so every figure includes one process
// start, shown apart as `jianbao --help`):
//   - `jianbao extract FILE…` to /dev/null: extraction alone, before the imports and after them
//     (the faster run is the baseline);
//   - `jianbao import DIR --collection ID`: extraction in the CLI's worker thread, batches of 100
//     to POST /collections/:id/clips/batch with ifDuplicate: skip;
//   - the same import again: everything answered as already there (the re-run cost).
// Then the collection's clips are counted in the database. --verbose lists the first import's
// lines other than `created`. Figures are printed, never enforced.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster } from '@jianbao/db/testing';
import postgres from 'postgres';
import { fixed, printTable, signUpWithCollections } from './api-support';
import { evalDirOrExit, loadCwced, loadGnePages } from './corpus';
import { repoRoot, startApi } from './export-bench';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const PAGES = Number(option('--pages') ?? 500);
const VERBOSE = args.includes('--verbose');

// ---- the pages ---------------------------------------------------------------------------------

/** `https://host/path?query` → `https://host/path/copy-k?query`; anything else as it is. */
function copiedUrl(url: string, copy: number): string {
  return url.replace(/^(\s*https?:\/\/[^?#]*?)\/?(?=[?#]|\s*$)/i, `$1/copy-${copy}`);
}

/**
 * Where each run of text between two tags of at least `min` bytes ends (trailing space left
 * out), outside script, style, textarea, noscript, template and comments: the page's paragraphs,
 * whatever markup holds them (`<p>`, `<div>`, `<br>`, table cells).
 */
function textRunEnds(html: string, min = 40): number[] {
  const hidden: [number, number][] = [];
  const hiddenPattern =
    /<(script|style|textarea|noscript|template)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
  for (const found of html.matchAll(hiddenPattern)) {
    hidden.push([found.index!, found.index! + found[0].length]);
  }
  const ends: number[] = [];
  let h = 0;
  for (const found of html.matchAll(/>([^<>]+)</g)) {
    while (h < hidden.length && hidden[h]![1] <= found.index!) h++;
    if (h < hidden.length && hidden[h]![0] <= found.index!) continue;
    if (found[1]!.trim().length >= min) ends.push(found.index! + 1 + found[1]!.trimEnd().length);
  }
  return ends;
}

/**
 * Copy `copy` of a saved page (0: the page itself). The bytes are read as latin1 so that
 * whatever the page's charset, only ASCII is inserted and every other byte is kept.
 */
function pageCopy(bytes: Uint8Array, copy: number): Buffer {
  if (copy === 0) return Buffer.from(bytes);
  const mark = ` (${copy})`;
  let html = Buffer.from(bytes).toString('latin1');
  html = html.replace(/<\/title>/i, `${mark}</title>`);
  html = html.replace(/<\/h1>/i, `${mark}</h1>`);
  for (const end of textRunEnds(html).reverse()) {
    html = `${html.slice(0, end)}${mark}${html.slice(end)}`;
  }
  // The page's own address: the canonical link, else og:url.
  html = html.replace(/<link\b[^>]*>/gi, (tag) =>
    /\brel\s*=\s*["']?canonical\b/i.test(tag)
      ? tag.replace(
          /(\bhref\s*=\s*)(["'])(.*?)\2/i,
          (_, attr: string, quote: string, url: string) =>
            `${attr}${quote}${copiedUrl(url, copy)}${quote}`,
        )
      : tag,
  );
  html = html.replace(/<meta\b[^>]*>/gi, (tag) =>
    /\bproperty\s*=\s*["']?og:url\b/i.test(tag)
      ? tag.replace(
          /(\bcontent\s*=\s*)(["'])(.*?)\2/i,
          (_, attr: string, quote: string, url: string) =>
            `${attr}${quote}${copiedUrl(url, copy)}${quote}`,
        )
      : tag,
  );
  return Buffer.from(html, 'latin1');
}

/**
 * Writes `count` pages into `dir`, round k in `dir/kkk/`; returns their paths in import order,
 * and how many eval pages a round holds.
 */
async function writePages(dir: string, count: number): Promise<{ paths: string[]; round: number }> {
  const evalDir = evalDirOrExit();
  const pages = [
    ...loadCwced(evalDir).map((p) => ({ name: `cwced-${p.id}.html`, bytes: p.bytes })),
    ...loadGnePages(evalDir).map((p) => ({
      name: `gne-${p.file.replace(/^tests\//, '').replace(/\//g, '-')}`,
      bytes: p.bytes,
    })),
  ];
  const paths: string[] = [];
  for (let copy = 0; paths.length < count; copy++) {
    const folder = join(dir, String(copy).padStart(3, '0'));
    await mkdir(folder);
    const names = pages.slice(0, count - paths.length).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const page of names) {
      const path = join(folder, page.name);
      await writeFile(path, pageCopy(page.bytes, copy));
      paths.push(path);
    }
  }
  return { paths, round: pages.length };
}

// ---- the CLI -----------------------------------------------------------------------------------

interface CliRun {
  seconds: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `jianbao ARGS…` as a fresh process; stdout kept (or sent to /dev/null), timed to its exit. */
async function cli(
  cliArgs: string[],
  env: Record<string, string>,
  options: { keepStdout: boolean },
): Promise<CliRun> {
  const devNull = options.keepStdout ? null : createWriteStream('/dev/null');
  if (devNull) await new Promise((resolve) => devNull.once('open', resolve));
  const start = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', ...cliArgs], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', devNull ?? 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const seconds = (performance.now() - start) / 1000;
  devNull?.close();
  return { seconds, code, stdout, stderr };
}

/** Lines of `jianbao import` output by status (and skip reason). */
function statuses(stdout: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue;
    const { status, reason } = JSON.parse(line) as { status: string; reason?: string };
    const key = reason ? `${status} (${reason})` : status;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

const summary = (counts: Map<string, number>) =>
  [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');

// ---- run ---------------------------------------------------------------------------------------

async function main() {
  if (!Number.isInteger(PAGES) || PAGES <= 0) {
    console.error('usage: import-bench [--pages 500]');
    process.exit(2);
  }
  const dir = await mkdtemp(join(tmpdir(), 'jianbao-import-bench-'));
  const cluster = await startCluster();
  const raw = postgres(cluster.url, { onnotice: () => {}, max: 1 });
  let api: Awaited<ReturnType<typeof startApi>> | null = null;
  try {
    const pagesDir = join(dir, 'pages');
    await mkdir(pagesDir);
    const { paths: files, round } = await writePages(pagesDir, PAGES);
    console.log(`${fixed(files.length)} saved pages written to a temp folder`);

    api = await startApi(cluster.url);
    const account = await signUpWithCollections(api.base, ['导入测试']);
    const collectionId = account.collections[0]!;
    const env = {
      JIANBAO_SERVER: api.base,
      JIANBAO_TOKEN: account.token,
      // No saved login of this machine's is read.
      JIANBAO_CONFIG: join(dir, 'no-config.json'),
    };

    const start = await cli(['--help'], env, { keepStdout: false });
    const extracts = [await cli(['extract', ...files], env, { keepStdout: false })];
    console.log(`  extract: ${fixed(files.length / extracts[0]!.seconds, 1)} pages/s`);
    const importArgs = ['import', pagesDir, '--collection', collectionId];
    const first = await cli(importArgs, env, { keepStdout: true });
    const firstCounts = statuses(first.stdout);
    if (VERBOSE) {
      for (const line of first.stdout.split('\n')) {
        if (line.trim() && !line.includes('"status":"created"')) console.log(`    ${line}`);
      }
    }
    console.log(
      `  import: ${fixed(files.length / first.seconds, 1)} pages/s; exit ${first.code}; ${summary(firstCounts)}`,
    );
    const again = await cli(importArgs, env, { keepStdout: true });
    const againCounts = statuses(again.stdout);
    console.log(
      `  import again: ${fixed(files.length / again.seconds, 1)} pages/s; exit ${again.code}; ${summary(againCounts)}`,
    );
    extracts.push(await cli(['extract', ...files], env, { keepStdout: false }));
    console.log(`  extract again: ${fixed(files.length / extracts[1]!.seconds, 1)} pages/s`);
    const extract = extracts.reduce((a, b) => (b.seconds < a.seconds ? b : a));

    const [stored] = await raw<{ n: number }[]>`
      select count(*)::int as n from clips where collection_id = ${collectionId} and deleted_at is null`;

    console.log(
      `\njianbao import of ${fixed(files.length)} saved pages (${round} eval pages, then copies of them: ${Math.ceil(files.length / round)} round(s)) into the API on PostgreSQL\n`,
    );
    const rate = (run: CliRun) => files.length / run.seconds;
    printTable(
      ['run', 'seconds', 'pages/s', 'of extract alone', 'exit'],
      [
        ['jianbao extract (baseline)', extract],
        ['jianbao import', first],
        ['jianbao import again (all there)', again],
      ].map(([name, run]) => {
        const r = run as CliRun;
        return [
          name as string,
          fixed(r.seconds, 1),
          fixed(rate(r), 1),
          `${fixed((100 * rate(r)) / rate(extract), 1)}%`,
          String(r.code),
        ];
      }),
    );
    console.log(
      `\nOne process start (jianbao --help): ${fixed(start.seconds, 2)} s, in every figure above.`,
    );
    console.log(`Extract runs: ${extracts.map((r) => `${fixed(r.seconds, 1)} s`).join(', ')}.`);
    console.log(`First import: ${summary(firstCounts)}.`);
    console.log(`Second import: ${summary(againCounts)}.`);
    for (const [name, run] of [
      ['first import', first],
      ['second import', again],
    ] as const) {
      const last = run.stderr.trim().split('\n').at(-1);
      if (last) console.log(`  ${name}, its own summary: ${last}`);
    }
    const created = firstCounts.get('created') ?? 0;
    console.log(
      `Clips in the collection (SQL count): ${fixed(stored!.n)}; created by the first import: ${fixed(created)}${stored!.n === created ? ' (the same)' : ' (NOT the same)'}.`,
    );
  } finally {
    await api?.stop();
    await raw.end();
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
