// Loading the evaluation pages (../shared/eval, see its README.md). Read-only: nothing is copied.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared/eval next to the checkout: bench/src → bench → repo root → its parent. */
const DEFAULT_EVAL_DIR = fileURLToPath(new URL('../../../shared/eval', import.meta.url));

/** The eval folder: the override (JIANBAO_EVAL_DIR) when given, else beside the checkout. */
export function resolveEvalDir(override?: string): string {
  return override && override.trim() !== '' ? resolve(override) : DEFAULT_EVAL_DIR;
}

/** What a usable eval folder must hold; the paths missing from `dir` (empty when complete). */
export function missingEvalParts(dir: string): string[] {
  const needed = [
    'cwced/original',
    'cwced/cleaned',
    'cwced/date',
    'cwced/author',
    'gne-pages/tests',
    'gne-pages/labels.jsonl',
  ];
  return needed.filter((p) => !existsSync(join(dir, p)));
}

/** One cwced page with its hand-made references (labels kept raw: the scorer decides what counts). */
export interface CwcedPage {
  id: string;
  /** Absolute path of original/<id>.html. */
  path: string;
  bytes: Uint8Array;
  /** cleaned/<id>.txt: the reference body. */
  body: string;
  /** date/<id>.txt: `YYYY-MM-DD HH:MM:SS`, partial, or `UNKNOWN`. */
  dateLabel: string;
  /** author/<id>.txt: names separated by spaces, or `UNKNOWN`. */
  authorLabel: string;
}

function readText(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8').replace(/^\uFEFF/, '') : '';
}

export function loadCwced(evalDir: string): CwcedPage[] {
  const root = join(evalDir, 'cwced');
  const ids = readdirSync(join(root, 'original'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.slice(0, -'.html'.length))
    .sort();
  return ids.map((id) => {
    const path = join(root, 'original', `${id}.html`);
    return {
      id,
      path,
      bytes: new Uint8Array(readFileSync(path)),
      body: readText(join(root, 'cleaned', `${id}.txt`)),
      dateLabel: readText(join(root, 'date', `${id}.txt`)).trim(),
      authorLabel: readText(join(root, 'author', `${id}.txt`)).trim(),
    };
  });
}

/** One record of gne-pages/labels.jsonl (LABELS.md). */
export interface GneLabel {
  /** Relative to gne-pages/, e.g. `tests/cmse/1.html`. */
  file: string;
  kind: string;
  site: string | null;
  title: string;
  subtitle: string | null;
  /** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`, China time. */
  publishedAt: string | null;
  source: string | null;
  authors: string[];
  editors: string[];
  bodyStart: string;
  bodyEnd: string;
  mustNotContain: string[];
}

function stringOrNull(v: unknown, field: string, line: number): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') throw new Error(`labels.jsonl line ${line}: ${field} is not a string`);
  return v;
}

function stringList(v: unknown, field: string, line: number): string[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw new Error(`labels.jsonl line ${line}: ${field} is not a list of strings`);
  }
  return v as string[];
}

function requiredString(v: unknown, field: string, line: number): string {
  const s = stringOrNull(v, field, line);
  if (s === null) throw new Error(`labels.jsonl line ${line}: ${field} is missing`);
  return s;
}

/** Parse labels.jsonl text, failing loudly on a malformed record rather than scoring against it. */
export function parseLabels(jsonl: string): GneLabel[] {
  const labels: GneLabel[] = [];
  jsonl.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const r = JSON.parse(raw) as Record<string, unknown>;
    labels.push({
      file: requiredString(r.file, 'file', line),
      kind: requiredString(r.kind, 'kind', line),
      site: stringOrNull(r.site, 'site', line),
      title: requiredString(r.title, 'title', line),
      subtitle: stringOrNull(r.subtitle, 'subtitle', line),
      publishedAt: stringOrNull(r.publishedAt, 'publishedAt', line),
      source: stringOrNull(r.source, 'source', line),
      authors: stringList(r.authors, 'authors', line),
      editors: stringList(r.editors, 'editors', line),
      bodyStart: requiredString(r.bodyStart, 'bodyStart', line),
      bodyEnd: requiredString(r.bodyEnd, 'bodyEnd', line),
      mustNotContain: stringList(r.mustNotContain, 'mustNotContain', line),
    });
  });
  return labels;
}

export function loadGneLabels(evalDir: string): GneLabel[] {
  return parseLabels(readFileSync(join(evalDir, 'gne-pages', 'labels.jsonl'), 'utf8'));
}

/** One gne page: every .html under gne-pages/tests/, labelled or not. */
export interface GnePage {
  /** Relative to gne-pages/, as in labels.jsonl: `tests/wechat/1.html`. */
  file: string;
  path: string;
  bytes: Uint8Array;
  /** The folder names the site; `wechat` holds the saved WeChat articles. */
  site: string;
}

function htmlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...htmlFilesUnder(p));
    else if (name.endsWith('.html')) out.push(p);
  }
  return out;
}

export function loadGnePages(evalDir: string): GnePage[] {
  const root = join(evalDir, 'gne-pages');
  return htmlFilesUnder(join(root, 'tests'))
    .map((path) => {
      const file = relative(root, path).split('\\').join('/');
      return {
        file,
        path,
        bytes: new Uint8Array(readFileSync(path)),
        site: file.split('/')[1] ?? '',
      };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** The eval folder (JIANBAO_EVAL_DIR, else ../shared/eval), or exit 2 saying what is missing. */
export function evalDirOrExit(): string {
  const evalDir = resolveEvalDir(process.env.JIANBAO_EVAL_DIR);
  const missing = missingEvalParts(evalDir);
  if (missing.length > 0) {
    console.error(
      `eval pages not found in ${evalDir} (missing: ${missing.join(', ')}).\n` +
        'Put the eval folder beside the checkout (../shared/eval) or set JIANBAO_EVAL_DIR.',
    );
    process.exit(2);
  }
  return evalDir;
}
