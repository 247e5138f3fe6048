// `pnpm bench [--rounds N] [--warmup N]`: time per page of our extractor vs bare Readability over
// every eval page (cwced + gne), both on fresh linkedom parses of the same HTML. Prints medians,
// pages/second on one core, and the ratio ours/Readability (target <= 1.5x, reported, not enforced).
import { decodeHtml, parsePage } from '@jianbao/core/page';
import { evalDirOrExit, loadCwced, loadGnePages } from './corpus';
import {
  type ExtractorName,
  loadOurs,
  type OursExtract,
  pageUrl,
  runOursOn,
  runReadabilityOn,
} from './extractors';

const TARGET_RATIO = 1.5;

interface Options {
  rounds: number;
  warmup: number;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { rounds: 5, warmup: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = Number(argv[i + 1]);
    if ((a === '--rounds' || a === '--warmup') && Number.isInteger(value) && value >= 0) {
      options[a === '--rounds' ? 'rounds' : 'warmup'] = value;
      i++;
    } else {
      console.error(
        `unknown or malformed argument ${a}\nusage: extract-speed [--rounds N] [--warmup N]`,
      );
      process.exit(2);
    }
  }
  if (options.rounds < 1) options.rounds = 1;
  return options;
}

interface Page {
  name: string;
  html: string;
  url: string;
}

/** One timed run: fresh parse, then extraction; milliseconds for each part. */
interface Timing {
  parseMs: number;
  extractMs: number;
  failed: boolean;
}

function timeOnce(ours: OursExtract | string, extractor: ExtractorName, page: Page): Timing {
  const t0 = performance.now();
  const { document } = parsePage(page.html);
  const t1 = performance.now();
  const result =
    extractor === 'ours' ? runOursOn(ours, document, page.url) : runReadabilityOn(document);
  const t2 = performance.now();
  return { parseMs: t1 - t0, extractMs: t2 - t1, failed: result.error !== null };
}

function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface PageTimes {
  total: number[];
  extract: number[];
  failed: boolean;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const evalDir = evalDirOrExit();

  const ours = await loadOurs();
  if (typeof ours === 'string') console.error(`${ours}\n`);

  // Each page decoded once into a string: decoding is not what is compared.
  const pages: Page[] = [
    ...loadCwced(evalDir).map((p) => ({ name: `cwced/${p.id}`, bytes: p.bytes, path: p.path })),
    ...loadGnePages(evalDir).map((p) => ({
      name: `gne-pages/${p.file}`,
      bytes: p.bytes,
      path: p.path,
    })),
  ].map(({ name, bytes, path }) => {
    const html = decodeHtml(bytes).text;
    return { name, html, url: pageUrl(html, path) };
  });
  const totalKb = pages.reduce((n, p) => n + p.html.length, 0) / 1024;

  const times: Record<ExtractorName, PageTimes[]> = {
    ours: pages.map(() => ({ total: [], extract: [], failed: false })),
    readability: pages.map(() => ({ total: [], extract: [], failed: false })),
  };

  // Rounds interleave the two extractors page by page and swap who goes first each round, so
  // drift (JIT, GC, CPU clock) falls on both alike; warm-up rounds are not recorded.
  for (let round = 0; round < options.warmup + options.rounds; round++) {
    const order: ExtractorName[] =
      round % 2 === 0 ? ['ours', 'readability'] : ['readability', 'ours'];
    pages.forEach((page, i) => {
      for (const extractor of order) {
        const t = timeOnce(ours, extractor, page);
        if (round < options.warmup) continue;
        const slot = times[extractor][i]!;
        slot.total.push(t.parseMs + t.extractMs);
        slot.extract.push(t.extractMs);
        if (t.failed) slot.failed = true;
      }
    });
  }

  // Pages where ours gave no article (error or not-article) are timed but left out of the
  // comparison: a page that throws early costs nothing and would flatter the ratio.
  const compared = pages.map((_, i) => i).filter((i) => !times.ours[i]!.failed);
  const oursFailed = pages.length - compared.length;

  const summary = (
    extractor: ExtractorName,
    which: 'total' | 'extract',
    idx: readonly number[],
  ) => {
    const perPage = idx.map((i) => median(times[extractor][i]![which]));
    const sum = perPage.reduce((a, b) => a + b, 0);
    return { medianMs: median(perPage), sumMs: sum, pagesPerSecond: perPage.length / (sum / 1000) };
  };

  console.log(
    `extraction speed: ${pages.length} pages (${totalKb.toFixed(0)} K chars of HTML), ` +
      `${options.warmup} warm-up + ${options.rounds} timed rounds, linkedom parse per run, one core\n`,
  );
  const all = pages.map((_, i) => i);
  const rows: string[][] = [['', 'pages', 'median ms/page', 'sum of medians ms', 'pages/s']];
  for (const [label, extractor, which, idx] of [
    ['Readability parse+extract', 'readability', 'total', all],
    ['Readability extract only', 'readability', 'extract', all],
    ['ours parse+extract', 'ours', 'total', compared],
    ['ours extract only', 'ours', 'extract', compared],
  ] as const) {
    if (idx.length === 0) continue;
    const s = summary(extractor, which, idx);
    rows.push([
      label,
      String(idx.length),
      s.medianMs.toFixed(2),
      s.sumMs.toFixed(0),
      s.pagesPerSecond.toFixed(1),
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows)
    console.log(
      r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  '),
    );

  if (oursFailed > 0) {
    console.log(
      `\nours gave no article on ${oursFailed}/${pages.length} pages: left out of the comparison`,
    );
  }
  if (compared.length === 0) {
    console.log('ratio ours/Readability: n/a (ours gave no article on any page)');
    return;
  }
  for (const which of ['total', 'extract'] as const) {
    const o = summary('ours', which, compared);
    const r = summary('readability', which, compared);
    const ratio = o.sumMs / r.sumMs;
    const perPageRatio = median(
      compared.map((i) => median(times.ours[i]![which]) / median(times.readability[i]![which])),
    );
    console.log(
      `ratio ours/Readability, ${which === 'total' ? 'parse+extract' : 'extract only'} over ${compared.length} pages: ` +
        `${ratio.toFixed(2)}x total time, ${perPageRatio.toFixed(2)}x median per page ` +
        `(target <= ${TARGET_RATIO}x: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`,
    );
  }
}

await main();
