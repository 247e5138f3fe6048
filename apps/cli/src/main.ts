// The `jianbao` command: parse argv, dispatch to a command. Commands live in ./commands.
import { parseArgs } from 'node:util';

/** Per-file time limit: a saved news page takes well under a second. */
const DEFAULT_TIMEOUT_SECONDS = 20;

const USAGE = `Usage: jianbao <command> [options]

Commands:
  extract FILE... [--url URL] [--text] [--verbose]
      Extract clips from saved pages (HTML) or text files; one JSON object a line on stdout.
  dedupe FILE... [--url URL] [--text] [--verbose]
      Find the near-duplicates among saved pages (reposts, cuts, the other script): one JSON
      line per group.

Run 'jianbao extract --help' or 'jianbao dedupe --help' for the options and the output.
`;

const EXTRACT_HELP = `Usage: jianbao extract FILE... [--url URL] [--text] [--timeout S] [--verbose]

Reads each FILE (a saved HTML page, or text: a selection, a PDF page's text) and prints one
JSON object a line on stdout, in the order given:
  {"file", "charset", "clip": {...}}                   an article
  {"file", "charset", "clip", "part": i, "parts": n}   one story of n in a text file
  {"file", "charset", "notArticle": {"reason", "message"}}
  {"file", "error": {"code", "message"}}               not-found, is-directory, unreadable,
                                                       binary, too-large, extract-failed

Options:
  --url URL      The page's address (for every FILE). Default: the page's canonical link,
                 else the file's file:// URL.
  --text         Read every FILE as text, not HTML (files ending .txt or .text always are).
  --timeout S    Give up on a file after S seconds (default ${DEFAULT_TIMEOUT_SECONDS}; 0: no limit).
  -v, --verbose  A progress line per file on stderr.
  -h, --help     Show this help.

Exit status: 0 if any file gave a clip or a not-article answer, 1 if none did, 2 for usage errors.
`;

const DEDUPE_USAGE = `Usage: jianbao dedupe FILE... [--url URL] [--text] [--timeout S] [--verbose]

Extracts each FILE as 'jianbao extract' does and prints the groups of near-duplicates among
them (the same story reposted with other chrome, cut down, or in the other script), one JSON
object a line, largest group first:
  {"files": [{"file", "part"?, "title", "url", "publishedAt"}, ...],
   "canonical": {"file", "part"?},
   "pairs": [{"a": {"file"}, "b": {"file"}, "score", "jaccard", "differs"}, ...]}
The first file of a group is its canonical: the earliest published, then the one with the most
complete metadata, then the first given. Pages with no copy are not printed. Files that give
no clip are named on stderr.

Options: as for extract (--url, --text, --timeout, -v/--verbose: progress and a summary).
Exit status: 0 if any file gave a clip, 1 if none did, 2 for usage errors.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) return usageError('no command given');
  if (command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === 'extract') return extract(rest);
  if (command === 'dedupe') return extract(rest, 'dedupe');
  return usageError(`unknown command '${command}'`);
}

/** `extract`, and `dedupe`, which reads its files the same way. */
async function extract(args: string[], command: 'extract' | 'dedupe' = 'extract'): Promise<number> {
  const EXTRACT_USAGE = command === 'dedupe' ? DEDUPE_USAGE : EXTRACT_HELP;
  let parsed: ReturnType<typeof parseExtractArgs>;
  try {
    parsed = parseExtractArgs(args);
  } catch (error) {
    return usageError((error as Error).message, EXTRACT_USAGE);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(EXTRACT_USAGE);
    return 0;
  }
  if (positionals.length === 0) return usageError('no FILE given', EXTRACT_USAGE);
  if (values.url !== undefined && !URL.canParse(values.url)) {
    return usageError(`--url is not an absolute URL: '${values.url}'`, EXTRACT_USAGE);
  }
  const timeoutSeconds =
    values.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0) {
    return usageError(`--timeout is not a number of seconds: '${values.timeout}'`, EXTRACT_USAGE);
  }
  // Loaded here, not at the top: help and usage errors need no extractor (and start faster).
  let runExtract: typeof import('./commands/extract').runExtract;
  try {
    ({ runExtract } =
      command === 'dedupe'
        ? { runExtract: (await import('./commands/dedupe')).runDedupe }
        : await import('./commands/extract'));
  } catch (error) {
    process.stderr.write(`jianbao: cannot load the extractor: ${(error as Error).message}\n`);
    return 1;
  }
  return runExtract(
    positionals,
    {
      url: values.url,
      text: values.text ?? false,
      verbose: values.verbose ?? false,
      timeoutSeconds,
    },
    { stdout: process.stdout, stderr: process.stderr },
  );
}

function parseExtractArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      url: { type: 'string' },
      timeout: { type: 'string' },
      text: { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function usageError(message: string, usage = USAGE): number {
  process.stderr.write(`jianbao: ${message}\n\n${usage}`);
  return 2;
}

// A closed stderr must not crash a run whose data goes to stdout.
process.stderr.on('error', () => {});
// exitCode, not exit(): lets stdout finish flushing to a pipe or file.
process.exitCode = await main(process.argv.slice(2));
