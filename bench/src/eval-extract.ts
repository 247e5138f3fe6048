// `pnpm eval:extract [--verbose] [--json FILE]`: our extractor vs bare Readability on the eval
// pages (../shared/eval), one table of figures against the bars. Exit 1 when a bar fails, 2 when
// the eval pages are missing.
import { readFileSync, writeFileSync } from 'node:fs';
import { decodeHtml } from '@jianbao/core/page';
import {
  type CwcedPage,
  evalDirOrExit,
  type GneLabel,
  type GnePage,
  loadCwced,
  loadGneLabels,
  loadGnePages,
} from './corpus';
import {
  type Extraction,
  type ExtractorName,
  loadOurs,
  type OursExtract,
  pageUrl,
  runExtractor,
} from './extractors';
import {
  bodyChars,
  type Check,
  type CwcedScore,
  type GneScore,
  isShortBody,
  mean,
  type Rate,
  rate,
  rateValue,
  scoreCwcedPage,
  scoreGnePage,
} from './score';

const EXTRACTORS: readonly ExtractorName[] = ['ours', 'readability'];

interface Options {
  verbose: boolean;
  json: string | null;
  /** CI: fail on a regression against this file instead of on the issue's bars (see README). */
  floors: string | null;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { verbose: false, json: null, floors: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--verbose' || a === '-v') options.verbose = true;
    else if (a === '--json') {
      const file = argv[++i];
      if (!file) usage('--json needs a file name');
      options.json = file;
    } else if (a?.startsWith('--json=')) options.json = a.slice('--json='.length);
    else if (a === '--floors') {
      const file = argv[++i];
      if (!file) usage('--floors needs a file name');
      options.floors = file;
    } else usage(`unknown argument ${a}`);
  }
  return options;
}

function usage(problem: string): never {
  console.error(`${problem}\nusage: eval-extract [--verbose] [--json FILE] [--floors FILE]`);
  process.exit(2);
}

/** Decode once; each extractor then parses the string afresh (Readability mutates its DOM). */
function runBoth(
  ours: OursExtract | string,
  bytes: Uint8Array,
  path: string,
): Record<ExtractorName, Extraction> {
  const { text: html } = decodeHtml(bytes);
  const url = pageUrl(html, path);
  return {
    ours: runExtractor('ours', ours, html, url),
    readability: runExtractor('readability', ours, html, url),
  };
}

interface CwcedRow {
  id: string;
  extractor: ExtractorName;
  error: string | null;
  score: CwcedScore;
}

interface GneLabelledRow {
  file: string;
  extractor: ExtractorName;
  error: string | null;
  score: GneScore;
}

interface GneAllRow {
  file: string;
  site: string;
  extractor: ExtractorName;
  error: string | null;
  chars: number;
  short: boolean;
}

function evaluateCwced(ours: OursExtract | string, pages: readonly CwcedPage[]): CwcedRow[] {
  const rows: CwcedRow[] = [];
  for (const page of pages) {
    const got = runBoth(ours, page.bytes, page.path);
    for (const extractor of EXTRACTORS) {
      const x = got[extractor];
      rows.push({ id: page.id, extractor, error: x.error, score: scoreCwcedPage(x, page) });
    }
  }
  return rows;
}

function evaluateGne(
  ours: OursExtract | string,
  pages: readonly GnePage[],
  labels: readonly GneLabel[],
): { labelled: GneLabelledRow[]; all: GneAllRow[] } {
  const byFile = new Map(labels.map((l) => [l.file, l]));
  const labelled: GneLabelledRow[] = [];
  const all: GneAllRow[] = [];
  for (const page of pages) {
    const got = runBoth(ours, page.bytes, page.path);
    const label = byFile.get(page.file);
    for (const extractor of EXTRACTORS) {
      const x = got[extractor];
      const score = label ? scoreGnePage(x, label) : null;
      if (label && score) labelled.push({ file: page.file, extractor, error: x.error, score });
      all.push({
        file: page.file,
        site: page.site,
        extractor,
        error: x.error,
        chars: bodyChars(x.text),
        short: isShortBody(x.text),
      });
    }
  }
  const missing = labels.filter((l) => !pages.some((p) => p.file === l.file));
  if (missing.length > 0) {
    console.error(
      `labels.jsonl names pages that are not there: ${missing.map((l) => l.file).join(', ')}`,
    );
    process.exit(2);
  }
  return { labelled, all };
}

// ---- the table -------------------------------------------------------------------------------

type Figure =
  | { kind: 'mean'; value: number; n: number }
  | { kind: 'rate'; rate: Rate }
  | { kind: 'count'; count: number; of: number }
  | { kind: 'none'; why: string };

interface TableRow {
  figure: string;
  ours: Figure;
  readability: Figure;
  bar: string;
  ok: boolean | null;
}

function figureValue(f: Figure): number {
  switch (f.kind) {
    case 'mean':
      return f.value;
    case 'rate':
      return rateValue(f.rate);
    case 'count':
      return f.count;
    case 'none':
      return Number.NaN;
  }
}

function formatFigure(f: Figure): string {
  switch (f.kind) {
    case 'mean':
      return `${f.value.toFixed(3)} (n=${f.n})`;
    case 'rate':
      return f.rate.total === 0
        ? 'n/a'
        : `${(rateValue(f.rate) * 100).toFixed(1)}% (${f.rate.hits}/${f.rate.total})`;
    case 'count':
      return `${f.count}/${f.of}`;
    case 'none':
      return f.why;
  }
}

/** Ours strictly ahead of Readability, or equal when both are perfect (higher is better). */
function ahead(ours: Figure, readability: Figure): boolean {
  const o = figureValue(ours);
  const r = figureValue(readability);
  return o > r || (o === 1 && r === 1);
}

function higherRow(figure: string, ours: Figure, readability: Figure, floor?: number): TableRow {
  const o = figureValue(ours);
  const beats = ahead(ours, readability);
  const bar = floor === undefined ? '> readability' : `> readability, >= ${floor}`;
  return { figure, ours, readability, bar, ok: beats && (floor === undefined || o >= floor) };
}

function outcomes<T>(rows: readonly T[], pick: (row: T) => Check | null): boolean[] {
  return rows
    .map(pick)
    .filter((c): c is Check => c !== null)
    .map((c) => c.ok);
}

function buildTable(cwced: CwcedRow[], gne: GneLabelledRow[], all: GneAllRow[]): TableRow[] {
  const cw = (e: ExtractorName) => cwced.filter((r) => r.extractor === e);
  const gl = (e: ExtractorName) => gne.filter((r) => r.extractor === e);
  const ga = (e: ExtractorName) => all.filter((r) => r.extractor === e);
  const meanOf = (rows: CwcedRow[], pick: (s: CwcedScore) => number): Figure => ({
    kind: 'mean',
    value: mean(rows.map((r) => pick(r.score))),
    n: rows.length,
  });
  const cwRate = (e: ExtractorName, pick: (s: CwcedScore) => Check | null): Figure => ({
    kind: 'rate',
    rate: rate(outcomes(cw(e), (r) => pick(r.score))),
  });
  const gRate = (e: ExtractorName, pick: (s: GneScore) => Check | null): Figure => ({
    kind: 'rate',
    rate: rate(outcomes(gl(e), (r) => pick(r.score))),
  });
  const passing = (e: ExtractorName): Figure => ({
    kind: 'count',
    count: gl(e).filter((r) => r.score.pass).length,
    of: gl(e).length,
  });
  const shortCount = (e: ExtractorName): Figure => ({
    kind: 'count',
    count: ga(e).filter((r) => r.short).length,
    of: ga(e).length,
  });
  const wechatShort = (e: ExtractorName): Figure => ({
    kind: 'count',
    count: ga(e).filter((r) => r.site === 'wechat' && r.short).length,
    of: ga(e).filter((r) => r.site === 'wechat').length,
  });

  const rows: TableRow[] = [
    higherRow(
      'cwced body F1, characters',
      meanOf(cw('ours'), (s) => s.bodyF1Chars),
      meanOf(cw('readability'), (s) => s.bodyF1Chars),
      0.93,
    ),
    higherRow(
      'cwced body F1, bigrams',
      meanOf(cw('ours'), (s) => s.bodyF1Bigrams),
      meanOf(cw('readability'), (s) => s.bodyF1Bigrams),
    ),
    {
      figure: 'cwced title',
      ours: { kind: 'none', why: 'no labels' },
      readability: { kind: 'none', why: 'no labels' },
      bar: '-',
      ok: null,
    },
    higherRow(
      'cwced date',
      cwRate('ours', (s) => s.date),
      cwRate('readability', (s) => s.date),
      0.95,
    ),
    higherRow(
      'cwced author',
      cwRate('ours', (s) => s.author),
      cwRate('readability', (s) => s.author),
      0.8,
    ),
    higherRow(
      'gne title',
      gRate('ours', (s) => s.title),
      gRate('readability', (s) => s.title),
    ),
    higherRow(
      'gne date',
      gRate('ours', (s) => s.date),
      gRate('readability', (s) => s.date),
    ),
    higherRow(
      'gne source',
      gRate('ours', (s) => s.source),
      gRate('readability', (s) => s.source),
    ),
    higherRow(
      'gne authors',
      gRate('ours', (s) => s.authors),
      gRate('readability', (s) => s.authors),
    ),
    higherRow(
      'gne editors',
      gRate('ours', (s) => s.editors),
      gRate('readability', (s) => s.editors),
    ),
    higherRow(
      'gne body start',
      gRate('ours', (s) => s.bodyStart),
      gRate('readability', (s) => s.bodyStart),
    ),
    higherRow(
      'gne body end',
      gRate('ours', (s) => s.bodyEnd),
      gRate('readability', (s) => s.bodyEnd),
    ),
    higherRow(
      'gne mustNotContain clean',
      gRate('ours', (s) => s.clean),
      gRate('readability', (s) => s.clean),
    ),
  ];
  const po = passing('ours');
  const pr = passing('readability');
  const poCount = figureValue(po);
  const prCount = figureValue(pr);
  const pOf = po.kind === 'count' ? po.of : 0;
  rows.push({
    figure: 'gne pages passing',
    ours: po,
    readability: pr,
    bar: `> readability, >= 13/${pOf}`,
    ok: (poCount > prCount || (poCount === pOf && prCount === pOf)) && poCount >= 13,
  });
  const so = shortCount('ours');
  const sr = shortCount('readability');
  rows.push({
    figure: 'gne all: short/empty body',
    ours: so,
    readability: sr,
    // Listed, not barred: a page whose whole article is short (a stub, a brief) is short in any
    // extractor, and cleaner output is shorter. The pages are printed under the table.
    bar: 'listed',
    ok: null,
  });
  rows.push({
    figure: 'gne all: WeChat short/empty',
    ours: wechatShort('ours'),
    readability: wechatShort('readability'),
    bar: '0 (ours)',
    ok: figureValue(wechatShort('ours')) === 0,
  });
  return rows;
}

/** Display width: CJK and full-width characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

function printTable(rows: readonly TableRow[]): void {
  const cells = [
    ['figure', 'ours', 'bare Readability', 'bar', 'OK?'],
    ...rows.map((r) => [
      r.figure,
      formatFigure(r.ours),
      formatFigure(r.readability),
      r.bar,
      r.ok === null ? '-' : r.ok ? 'yes' : 'NO',
    ]),
  ];
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => width(row[i]!))));
  const line = (row: string[]) => row.map((c, i) => pad(c, widths[i]!)).join(' | ');
  console.log(line(cells[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of cells.slice(1)) console.log(line(row));
}

// ---- per-page failures (--verbose) ------------------------------------------------------------

function clip(s: string, max = 60): string {
  const chars = Array.from(s.replace(/\s+/g, ' '));
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

function printFailures(cwced: CwcedRow[], gne: GneLabelledRow[], all: GneAllRow[]): void {
  console.log('\nper-page failures (ours):');
  for (const r of cwced.filter((x) => x.extractor === 'ours')) {
    const file = `cwced/original/${r.id}.html`;
    const short = r.score.chars < 200 ? ` short(${r.score.chars})` : '';
    if (r.error) console.log(`  ${file}  error: ${clip(r.error)}`);
    if (r.score.bodyF1Chars < 0.93) {
      console.log(
        `  ${file}  body F1 ${r.score.bodyF1Chars.toFixed(3)} (bigrams ${r.score.bodyF1Bigrams.toFixed(3)}), ${r.score.chars} chars${short}`,
      );
    }
    for (const [field, c] of [
      ['date', r.score.date],
      ['author', r.score.author],
    ] as const) {
      if (c && !c.ok)
        console.log(`  ${file}  ${field}: want ${clip(c.want)}  got ${clip(c.got)}${short}`);
    }
  }
  for (const r of gne.filter((x) => x.extractor === 'ours')) {
    const file = `gne-pages/${r.file}`;
    const short = r.score.chars < 200 ? ` short(${r.score.chars})` : '';
    if (r.error) console.log(`  ${file}  error: ${clip(r.error)}`);
    const s = r.score;
    for (const [field, c] of [
      ['title', s.title],
      ['date', s.date],
      ['source', s.source],
      ['authors', s.authors],
      ['editors', s.editors],
      ['body start', s.bodyStart],
      ['body end', s.bodyEnd],
      ['mustNotContain', s.clean],
    ] as const) {
      if (c && !c.ok)
        console.log(`  ${file}  ${field}: want ${clip(c.want)}  got ${clip(c.got)}${short}`);
    }
  }
  const shortOnes = all.filter((r) => r.extractor === 'ours' && r.short);
  for (const r of shortOnes) {
    console.log(
      `  gne-pages/${r.file}  short body: ${r.chars} chars${r.error ? ` (${clip(r.error)})` : ''}`,
    );
  }
  const rShort = all.filter((r) => r.extractor === 'readability' && r.short);
  console.log(
    `\nshort/empty with bare Readability: ${rShort.map((r) => `${r.file} (${r.chars})`).join(', ') || 'none'}`,
  );
}

interface Floors {
  /** Figures whose bar the project meets and must keep meeting. */
  required: string[];
  /** The lowest value each figure may fall to. */
  floors: Record<string, number>;
}

// ---- main ------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const evalDir = evalDirOrExit();

  const ours = await loadOurs();
  if (typeof ours === 'string')
    console.error(`${ours}\n(every page counts as a failure for ours)\n`);
  const cwced = evaluateCwced(ours, loadCwced(evalDir));
  const gne = evaluateGne(ours, loadGnePages(evalDir), loadGneLabels(evalDir));
  const table = buildTable(cwced, gne.labelled, gne.all);

  const oursErrors = new Map<string, number>();
  for (const r of [...cwced, ...gne.all].filter((x) => x.extractor === 'ours' && x.error)) {
    const key = clip(r.error!, 80);
    oursErrors.set(key, (oursErrors.get(key) ?? 0) + 1);
  }

  console.log(`extraction eval on ${evalDir}\n`);
  printTable(table);
  if (oursErrors.size > 0) {
    console.log('\nours gave no article on some pages (counted as failures):');
    for (const [message, n] of oursErrors) console.log(`  ${n} × ${message}`);
  }
  if (options.verbose) printFailures(cwced, gne.labelled, gne.all);

  if (options.json) {
    writeFileSync(
      options.json,
      `${JSON.stringify({ evalDir, table, cwced, gneLabelled: gne.labelled, gneAll: gne.all }, null, 2)}\n`,
    );
    console.log(`\nper-page results written to ${options.json}`);
  }

  const failed = table.filter((r) => r.ok === false);
  if (options.floors) {
    // CI mode: the bars still print; what fails the run is falling below the floors the
    // project has reached (a ratchet), or losing a bar it meets.
    const floors = JSON.parse(readFileSync(options.floors, 'utf8')) as Floors;
    const problems: string[] = [];
    for (const row of table) {
      const floor = floors.floors[row.figure];
      if (floor !== undefined && !(figureValue(row.ours) >= floor)) {
        problems.push(`${row.figure}: ${figureValue(row.ours)} is under its floor ${floor}`);
      }
      if (floors.required.includes(row.figure) && row.ok === false)
        problems.push(`${row.figure}: bar lost`);
    }
    if (failed.length > 0)
      console.log(
        `\n${failed.length} bar(s) not met yet: ${failed.map((r) => r.figure).join('; ')}`,
      );
    if (problems.length > 0) {
      console.log(`\nregressions against ${options.floors}:\n  ${problems.join('\n  ')}`);
      process.exit(1);
    }
    console.log(`\nno regression against ${options.floors}`);
    return;
  }
  if (failed.length > 0) {
    console.log(`\n${failed.length} bar(s) failed: ${failed.map((r) => r.figure).join('; ')}`);
    process.exit(1);
  }
  console.log('\nall bars met');
}

await main();
