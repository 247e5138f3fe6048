import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePage, CLI_DIR, type CliRun, encodeGbk, paragraphs, runCli } from './run-cli';

const SEEDS_DIR = resolve(CLI_DIR, '../../seeds');
const ERROR_CODES = [
  'not-found',
  'is-directory',
  'unreadable',
  'binary',
  'too-large',
  'extract-failed',
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jianbao-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a file in the test's temp folder and returns its path. */
async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** Checks a line holds a clip of the wire shape. */
async function expectClip(line: Record<string, unknown>): Promise<Record<string, unknown>> {
  expect(line.error, JSON.stringify(line.error)).toBeUndefined();
  // Imported here so the usage tests run even while core does not load.
  const { zClip } = await import('@jianbao/core');
  const parsed = zClip.safeParse(line.clip);
  expect(parsed.success, parsed.error?.message).toBe(true);
  const clip = line.clip as { title: string; text: string };
  expect(clip.title.trim()).not.toBe('');
  expect(clip.text.trim()).not.toBe('');
  return line.clip as Record<string, unknown>;
}

describe('jianbao extract: articles', () => {
  it('extracts the five seed texts with --text, one or more clips per seed, in order', async () => {
    const seeds = (await readdir(SEEDS_DIR)).filter((n) => n.endsWith('.txt')).sort();
    expect(seeds).toHaveLength(5);
    const run = await runCli(['extract', '--text', ...seeds.map((n) => join(SEEDS_DIR, n))]);
    expect(run.code).toBe(0);
    const files = [...new Set(run.lines.map((line) => line.file))];
    expect(files).toEqual(seeds.map((n) => join(SEEDS_DIR, n)));
    for (const line of run.lines) {
      await expectClip(line);
      expect(line.charset).toBe('utf-8');
    }
    // 003 is a PDF newspaper page holding several stories: numbered parts.
    const pdfPage = run.lines.filter((line) => String(line.file).includes('003_'));
    expect(pdfPage.length).toBeGreaterThan(1);
    expect(pdfPage.map((line) => line.part)).toEqual(pdfPage.map((_, i) => i + 1));
    expect(pdfPage.every((line) => line.parts === pdfPage.length)).toBe(true);
  });

  it('extracts an HTML page, passing --url through', async () => {
    const path = await file(
      'article.html',
      articlePage({
        title: '市人民医院召开党建工作会议',
        charset: 'utf-8',
        meta: '发布时间：2024-11-20 10:30 来源：本网',
        paragraphs: paragraphs('党建工作'),
      }),
    );
    const run = await runCli(['extract', path, '--url', 'https://example.cn/news/1.html']);
    expect(run.code).toBe(0);
    expect(run.lines).toHaveLength(1);
    const clip = await expectClip(run.lines[0]!);
    expect(run.lines[0]!.charset).toBe('utf-8');
    expect(clip.url).toBe('https://example.cn/news/1.html');
    expect(clip.text).toContain('党建工作第1部分');
  });

  it('reads a GBK page as GB18030', async () => {
    const html = articlePage({
      title: '中文医院开展志愿服务活动',
      charset: 'gbk',
      meta: '发布时间：2023-08-09',
      paragraphs: paragraphs('志愿服务'),
    });
    const path = await file('gbk.html', encodeGbk(html));
    const run = await runCli(['extract', path]);
    expect(run.code).toBe(0);
    expect(run.lines[0]!.charset).toBe('gb18030');
    const clip = await expectClip(run.lines[0]!);
    expect(clip.text).toContain('志愿服务第2部分');
  });

  it('reads a page declared GBK but saved as UTF-8 as UTF-8', async () => {
    const html = articlePage({
      title: '卫生健康委员会发布通知',
      charset: 'gbk',
      paragraphs: paragraphs('卫生健康'),
    });
    const path = await file('declared-gbk.html', html);
    const run = await runCli(['extract', path]);
    expect(run.code).toBe(0);
    expect(run.lines[0]!.charset).toBe('utf-8');
    const clip = await expectClip(run.lines[0]!);
    expect(clip.text).toContain('卫生健康第3部分');
  });

  it('leaves the canonical link to core when no --url is given', async () => {
    const path = await file(
      'canonical.html',
      articlePage({
        title: '医联体建设取得新进展',
        charset: 'utf-8',
        canonical: 'https://www.example.gov.cn/art/2024/1/2/art_1.html',
        paragraphs: paragraphs('医联体'),
      }),
    );
    const run = await runCli(['extract', path]);
    const clip = await expectClip(run.lines[0]!);
    expect(clip.canonicalUrl).toBe('https://www.example.gov.cn/art/2024/1/2/art_1.html');
  });
});

describe('jianbao extract: bad input', () => {
  it('answers an empty file with notArticle empty', async () => {
    const path = await file('empty.html', '');
    const run = await runCli(['extract', path]);
    expect(run.lines).toEqual([
      {
        file: path,
        charset: 'utf-8',
        notArticle: { reason: 'empty', message: expect.any(String) },
      },
    ]);
    expect(run.code).toBe(0);
  });

  it('refuses binary garbage', async () => {
    const bytes = randomBytes(64 * 1024);
    bytes[100] = 0; // random bytes hold NULs almost surely; make it certain
    const path = await file('garbage.html', bytes);
    const run = await runCli(['extract', path]);
    expect(run.lines).toEqual([
      { file: path, error: { code: 'binary', message: expect.stringContaining('NUL') } },
    ]);
    expect(run.code).toBe(1);
  });

  it('refuses a PDF and says to extract its text', async () => {
    const path = await file('page.pdf', '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n');
    const run = await runCli(['extract', path]);
    const error = run.lines[0]!.error as { code: string; message: string };
    expect(error.code).toBe('binary');
    expect(error.message).toMatch(/PDF.*--text/);
  });

  it('answers a page with no text as not an article', async () => {
    const path = await file(
      'no-text.html',
      '<!doctype html><html><head><meta charset="utf-8"><title></title></head><body><div><img src="a.png"></div></body></html>',
    );
    const run = await runCli(['extract', path]);
    expect(run.code).toBe(0);
    expect(run.lines).toHaveLength(1);
    const notArticle = run.lines[0]!.notArticle as { reason: string };
    expect(['empty', 'too-short']).toContain(notArticle?.reason);
  });

  it('reports a missing file and a directory, and goes on to the next file', async () => {
    const sub = join(dir, 'a-folder');
    await mkdir(sub, { recursive: true });
    const empty = await file('empty2.txt', '\n\n');
    const missing = join(dir, 'no-such-file.html');
    const run = await runCli(['extract', missing, sub, empty]);
    expect(run.lines).toEqual([
      { file: missing, error: { code: 'not-found', message: expect.any(String) } },
      { file: sub, error: { code: 'is-directory', message: expect.any(String) } },
      {
        file: empty,
        charset: 'utf-8',
        notArticle: { reason: 'empty', message: expect.any(String) },
      },
    ]);
    expect(run.code).toBe(0);
  });

  it('exits 1 when no file could be read', async () => {
    const run = await runCli(['extract', join(dir, 'missing-1'), join(dir, 'missing-2')]);
    expect(run.lines.map((line) => (line.error as { code: string }).code)).toEqual([
      'not-found',
      'not-found',
    ]);
    expect(run.code).toBe(1);
  });

  it('refuses a file over 50 MB without reading it', async () => {
    const path = join(dir, 'huge.html');
    const handle = await open(path, 'w');
    await handle.truncate(51 * 1024 * 1024); // sparse: no disk used, nothing to read
    await handle.close();
    const run = await runCli(['extract', path]);
    expect(run.lines).toEqual([
      { file: path, error: { code: 'too-large', message: expect.stringContaining('50.0 MB') } },
    ]);
    expect(run.code).toBe(1);
  });
});

describe('jianbao extract: slow pages', () => {
  let big: string;
  beforeAll(async () => {
    const paragraph =
      '<p>医院党委坚持以高质量党建引领医院高质量发展，推动党建工作与业务工作深度融合，不断提升医疗服务水平。</p>\n';
    const count = Math.ceil((20 * 1024 * 1024) / Buffer.byteLength(paragraph));
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>大页面</title></head><body><h1>大页面</h1><div class="content">${paragraph.repeat(count)}</div></body></html>`;
    big = await file('big.html', html);
  });

  it('finishes a 20 MB page in under 30 s with a clip or a typed answer', async () => {
    const run = await runCli(['extract', big]);
    expect(run.ms).toBeLessThan(30_000);
    expect(run.stderr).toBe('');
    expect(run.lines).toHaveLength(1);
    const line = run.lines[0]!;
    if ('clip' in line) await expectClip(line);
    else if ('error' in line) expect(ERROR_CODES).toContain((line.error as { code: string }).code);
    else expect(line.notArticle).toMatchObject({ reason: expect.any(String) });
  }, 60_000);

  it('gives up on a file past --timeout and goes on to the next', async () => {
    const empty = await file('after-timeout.html', '');
    const run = await runCli(['extract', '--timeout', '0.2', big, empty]);
    expect(run.lines).toEqual([
      { file: big, error: { code: 'extract-failed', message: 'gave up after 0.2 s' } },
      {
        file: empty,
        charset: 'utf-8',
        notArticle: { reason: 'empty', message: expect.any(String) },
      },
    ]);
    expect(run.code).toBe(0);
  });
});

describe('jianbao extract: many files', () => {
  const count = 300;
  let paths: string[];
  let run: CliRun;
  beforeAll(async () => {
    paths = [];
    for (let i = 0; i < count; i++) {
      const title = `第${i + 1}号通知：卫生院开展健康义诊活动`;
      paths.push(
        await file(
          `many-${String(i).padStart(3, '0')}.html`,
          articlePage({ title, charset: 'utf-8', paragraphs: paragraphs(`义诊${i + 1}`) }),
        ),
      );
    }
    run = await runCli(['extract', ...paths]);
  }, 120_000);

  it('writes one line per file, in the order given', () => {
    expect(run.lines.map((line) => line.file)).toEqual(paths);
  });

  it('gives each of them its own clip', async () => {
    for (const [i, line] of run.lines.entries()) {
      const clip = await expectClip(line);
      expect(clip.text).toContain(`义诊${i + 1}第1部分`);
    }
    expect(run.code).toBe(0);
  });
});

describe('jianbao: output and usage', () => {
  it('exits quietly when the reader closes the pipe (| head)', async () => {
    const { spawn } = await import('node:child_process');
    // Enough lines to fill the pipe buffer, so the writer meets EPIPE.
    const missing = Array.from({ length: 3000 }, (_, i) => join(dir, `gone-${i}.html`));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', 'extract', ...missing],
      {
        cwd: CLI_DIR,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', resolve);
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('prints progress on stderr with --verbose, never on stdout', async () => {
    const empty = await file('verbose.html', '');
    const missing = join(dir, 'verbose-missing.html');
    const run = await runCli(['extract', '--verbose', empty, missing]);
    expect(run.lines).toHaveLength(2);
    const progress = run.stderr.trim().split('\n');
    expect(progress).toHaveLength(2);
    expect(progress[0]).toContain('[1/2]');
    expect(progress[1]).toContain('not-found');
  });

  it('reads any file as text with --text', async () => {
    const story = ['县医院开展党建共建活动', '发布时间：2024-05-06', ...paragraphs('选区')];
    const path = await file('selection.html', story.join('\n\n'));
    const run = await runCli(['extract', '--text', path, '--url', 'https://example.cn/a']);
    const clip = await expectClip(run.lines[0]!);
    expect(clip.text).toContain('选区第1部分');
  });

  it.each([
    [['extract', '--bogus', 'a.html'], /Unknown option '--bogus'/],
    [['extract'], /no FILE given/],
    [['extract', 'a.html', '--url'], /--url/],
    [['extract', 'a.html', '--url', 'not a url'], /not an absolute URL/],
    [['extract', 'a.html', '--timeout', 'soon'], /--timeout is not a number/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [[], /no command given/],
  ])('exits 2 with usage on stderr for %j', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('Usage: jianbao');
  });

  it('prints help on stdout with --help', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Commands:');
    const extract = await runCli(['extract', '--help']);
    expect(extract.code).toBe(0);
    expect(extract.stdout).toContain('Exit status');
  });
});
