// Spawns the real `jianbao` command, as a user would run it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI_DIR = fileURLToPath(new URL('..', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON lines (throws if a line is not JSON). */
  readonly lines: Record<string, unknown>[];
  ms: number;
}

export function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: CLI_DIR,
    env: options.env ? { ...process.env, ...options.env } : process.env,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (options.input !== undefined) child.stdin!.end(options.input);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      resolve({
        code,
        stdout,
        stderr,
        ms,
        get lines() {
          return stdout
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => JSON.parse(line) as Record<string, unknown>);
        },
      });
    });
  });
}

/**
 * GBK bytes for a string, built by inverting the platform's GB18030 decoder over the two-byte
 * range (the CLI has no encoder dependency; core's tests cover iconv round trips).
 */
export function encodeGbk(text: string): Uint8Array {
  const table = gbkTable();
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const bytes = table.get(char);
    if (!bytes) throw new Error(`no GBK code for ${char}`);
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}

let table: Map<string, [number, number]> | undefined;
function gbkTable(): Map<string, [number, number]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && char !== '\ufffd' && !table.has(char))
        table.set(char, [lead, trail]);
    }
  }
  return table;
}

/** A small news article page, as a browser saves it. */
export function articlePage(opts: {
  title: string;
  paragraphs: string[];
  charset?: string;
  canonical?: string;
  meta?: string;
}): string {
  const head = [
    opts.charset ? `<meta charset="${opts.charset}">` : '',
    `<title>${opts.title}</title>`,
    opts.canonical ? `<link rel="canonical" href="${opts.canonical}">` : '',
  ].join('');
  const body = opts.paragraphs.map((p) => `<p>${p}</p>`).join('\n');
  return `<!doctype html><html><head>${head}</head><body>
<div class="nav"><a href="/">首页</a> <a href="/news/">新闻中心</a></div>
<div class="article"><h1>${opts.title}</h1>
<div class="info">${opts.meta ?? ''}</div>
<div class="content">${body}</div></div>
<div class="footer">版权所有 主办单位</div></body></html>`;
}

/** Paragraphs long enough for an article, each different. */
export function paragraphs(topic: string, n = 6): string[] {
  return Array.from(
    { length: n },
    (_, i) =>
      `${topic}第${i + 1}部分：医院党委坚持以高质量党建引领医院高质量发展，推动党建工作与业务工作深度融合，` +
      `围绕学科建设、人才培养和医疗服务开展了一系列工作，群众就医获得感不断增强。`,
  );
}
