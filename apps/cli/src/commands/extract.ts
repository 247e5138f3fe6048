import type { Writable } from 'node:stream';
import { IsolatedExtractor } from '../io/isolated-extractor';
import { JsonLineWriter } from '../io/json-lines';
import { Progress } from '../io/progress';
import type { ExtractFileOptions, ExtractLine } from './extract-file';

export type { ExtractErrorCode, ExtractLine } from './extract-file';

export interface ExtractCommandOptions extends ExtractFileOptions {
  /** A progress line per file on stderr. */
  verbose: boolean;
  /** Time limit per file in seconds; 0 for none. */
  timeoutSeconds: number;
}

export interface CommandIo {
  stdout: Writable;
  stderr: Writable;
}

/**
 * Extracts each file in turn, writing its lines as soon as it is done, so hundreds of files
 * run in constant memory and a reader sees output at once. Returns the exit status: 0 if any
 * file gave a clip or a not-article answer, 1 if none did.
 */
export async function runExtract(
  files: readonly string[],
  options: ExtractCommandOptions,
  io: CommandIo,
): Promise<number> {
  const out = new JsonLineWriter(io.stdout);
  const extractor = new IsolatedExtractor(options.timeoutSeconds * 1000);
  let answered = 0;
  // On a terminal, several files get a bar (--verbose prints a line per file instead).
  const bar =
    !options.verbose && files.length > 1 && (io.stderr as { isTTY?: boolean }).isTTY
      ? new Progress(io.stderr, { unit: 'files', total: files.length, tty: true })
      : null;
  try {
    for (const [index, file] of files.entries()) {
      const started = performance.now();
      const { lines, stack } = await extractor.extract(file, {
        url: options.url,
        text: options.text,
      });
      for (const line of lines) {
        if (!(await out.write(line))) break;
      }
      if (lines.some((line) => !('error' in line))) answered++;
      bar?.tick(outcomeOf(lines));
      if (options.verbose) {
        const ms = Math.round(performance.now() - started);
        progress(
          io.stderr,
          `[${index + 1}/${files.length}] ${file}: ${describe(lines)} (${ms} ms)`,
        );
        if (stack) progress(io.stderr, stack);
      }
      if (!out.open) break;
    }
  } finally {
    bar?.finish();
    await extractor.close();
  }
  if (out.error) {
    progress(io.stderr, `jianbao: cannot write output: ${out.error.message}`);
    return 1;
  }
  // The reader left early (`| head`): a normal end.
  if (!out.open) return 0;
  return answered > 0 ? 0 : 1;
}

function outcomeOf(lines: readonly ExtractLine[]): string {
  const first = lines[0];
  if (!first || 'error' in first) return 'failed';
  return 'notArticle' in first ? 'not-article' : 'clips';
}

function describe(lines: readonly ExtractLine[]): string {
  const first = lines[0];
  if (!first) return 'nothing';
  if ('error' in first) return `error ${first.error.code}: ${first.error.message}`;
  if ('notArticle' in first) return `not an article (${first.notArticle.reason})`;
  const titles = lines.map((line) => ('clip' in line ? JSON.stringify(line.clip.title) : ''));
  return lines.length > 1 ? `${lines.length} clips ${titles.join(', ')}` : `clip ${titles[0]}`;
}

/** Progress goes to stderr, never stdout (which is data); a closed stderr is ignored. */
function progress(stderr: Writable, message: string): void {
  if (!stderr.writable) return;
  stderr.write(`${message}\n`);
}
