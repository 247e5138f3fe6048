// The `jianbao` command: parse argv, dispatch to a command. Commands live in ./commands.
import { parseArgs } from 'node:util';

/** Per-file time limit: a saved news page takes well under a second. */
const DEFAULT_TIMEOUT_SECONDS = 20;

const USAGE = `Usage: jianbao <command> [options]

Commands:
  login --server URL [--email E] [--password-stdin | --token T]
      Sign in to a Jianbao server; the token is saved for the commands below.
  import PATH... --collection C [--tag T]... [--text]
      Import saved pages, text files and JSONL exports into a collection (folders: recursively).
  export [--collection C] [--format F] [filters] [--dedupe] [--script S] [--html] [-o FILE]
      Download a corpus: jsonl, csv, markdown (zip), text (zip), parquet.
  extract FILE... [--url URL] [--text] [--verbose]
      Extract clips from saved pages (HTML) or text files; one JSON object a line on stdout.
  dedupe FILE... [--url URL] [--text] [--verbose]
      Find the near-duplicates among saved pages (reposts, cuts, the other script): one JSON
      line per group.

Run 'jianbao COMMAND --help' for a command's options and output.
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
  if (command === 'login') return server('login', rest);
  if (command === 'import') return server('import', rest);
  if (command === 'export') return server('export', rest);
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

const LOGIN_HELP = `Usage: jianbao login --server URL [--email E] [--password-stdin | --token T]

Signs in and saves the server and a token of this machine's own in
$JIANBAO_CONFIG, else $XDG_CONFIG_HOME/jianbao/config.json, else ~/.config/jianbao/config.json
(readable by you only). The password is prompted on a terminal; scripts give it on stdin
(--password-stdin) or in JIANBAO_PASSWORD. With --token, a token made elsewhere is checked
and saved. JIANBAO_SERVER and JIANBAO_TOKEN, when set, win over the saved file.
`;

const IMPORT_HELP = `Usage: jianbao import PATH... --collection C [--tag T]... [--text] [--url URL] [--timeout S]

Imports into collection C (its name or id): saved HTML pages (extracted here by core, charsets
detected: GBK too), text files (.txt: text mode; a PDF page's stories become several clips),
and JSONL (an export of 'jianbao export --format jsonl', or 'jianbao extract' output). A folder
is read recursively for .html/.htm/.shtml/.xhtml/.txt/.text/.jsonl/.ndjson files.

Prints one JSON line per clip (or per file or line that gave none) on stdout:
  {"file", "part"?, "line"?, "id", "title", "status": "created"}
  {..., "status": "skipped", "reason": "already-imported"}          imported before
  {..., "status": "skipped", "reason": "duplicate", "duplicateOf": {"id", "match": "url"|"text"}}
  {"file", "status": "not-article", "error": {"code", "message"}}
  {"file", "line"?, "status": "failed", "error": {"code", "message", "field"?}}
Progress goes to stderr (a bar on a terminal, plain lines otherwise). Running it again creates
nothing twice: ids come from what is imported, and what the collection holds is skipped.

Options:
  --collection C  The collection (required).
  --tag T         Add tag T to every clip (repeatable).
  --text, --url URL, --timeout S   As for 'jianbao extract'.
  --server URL    Another server than the saved one.

Exit status: 0 when nothing failed, 1 when something did (or the server refused), 2 usage.
`;

const EXPORT_HELP = `Usage: jianbao export [--collection C] [--format F] [filters] [--dedupe] [--script S]
                      [--html] [-o FILE]

Downloads the clips of collection C (name or id), or of every collection you can read,
streamed to FILE (default: the server's file name, in this folder; '-': stdout). The file is
written as FILE.part and renamed when complete.

Formats (--format): jsonl (default; every field, what 'jianbao import' reads), csv (UTF-8 with
BOM, one row a clip), markdown (zip, one .md a clip with YAML front matter), text (zip of
.txt bodies plus manifest.csv, for corpus tools), parquet.

Filters: --tag T, --topic T, --region CODE, --institution I, --source-kind K,
         --from DATE, --to DATE (published), --q TEXT (Chinese full text)
Options: --dedupe (one clip per near-duplicate group), --script Hans|Hant (convert the text),
         --html (keep the sanitised HTML), --server URL.
Exit status: 0 done, 1 failed (the server's reason is printed), 2 usage.
`;

/** The commands that talk to a server: login, import, export. */
async function server(command: 'login' | 'import' | 'export', args: string[]): Promise<number> {
  const help = { login: LOGIN_HELP, import: IMPORT_HELP, export: EXPORT_HELP }[command];
  let parsed: ReturnType<typeof parseServerArgs>;
  try {
    parsed = parseServerArgs(args);
  } catch (error) {
    return usageError((error as Error).message, help);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const { ApiCallError, ApiClient } = await import('./server/client');
  const { ConfigError, loadConfig } = await import('./server/config');
  const io = { stdout: process.stdout, stderr: process.stderr };
  const tty = Boolean(process.stderr.isTTY);
  try {
    if (command === 'login') {
      if (!values.server) return usageError('--server is required', help);
      const { runLogin } = await import('./commands/login');
      return await runLogin(
        {
          server: values.server,
          email: values.email,
          token: values.token,
          passwordStdin: values['password-stdin'] ?? false,
        },
        { ...io, stdin: process.stdin },
      );
    }
    const config = await loadConfig({ server: values.server });
    const client = new ApiClient(config);
    if (command === 'import') {
      if (positionals.length === 0) return usageError('no PATH given', help);
      if (!values.collection) return usageError('--collection is required', help);
      const timeoutSeconds =
        values.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(values.timeout);
      if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0) {
        return usageError(`--timeout is not a number of seconds: '${values.timeout}'`, help);
      }
      const { runImport } = await import('./commands/import');
      return await runImport(
        positionals,
        client,
        {
          collection: values.collection,
          tags: values.tag ?? [],
          text: values.text ?? false,
          url: values.url,
          timeoutSeconds,
          tty,
        },
        io,
      );
    }
    if (positionals.length > 0) return usageError(`unexpected '${positionals[0]}'`, help);
    const { runExport } = await import('./commands/export');
    return await runExport(
      client,
      {
        collection: values.collection,
        format: values.format ?? 'jsonl',
        filters: {
          tag: values.tag?.[0],
          topic: values.topic,
          region: values.region,
          institution: values.institution,
          sourceKind: values['source-kind'],
          publishedFrom: values.from,
          publishedTo: values.to,
          q: values.q,
        },
        dedupe: values.dedupe ?? false,
        script: values.script,
        html: values.html ?? false,
        output: values.output,
        tty,
      },
      io,
    );
  } catch (error) {
    if (error instanceof ApiCallError) {
      const field = error.field ? ` (${error.field})` : '';
      process.stderr.write(`jianbao ${command}: ${error.message}${field} [${error.code}]\n`);
      return 1;
    }
    const { LoginInputError } = await import('./commands/login');
    if (error instanceof ConfigError || error instanceof LoginInputError) {
      process.stderr.write(`jianbao ${command}: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}

function parseServerArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      server: { type: 'string' },
      email: { type: 'string' },
      token: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      collection: { type: 'string', short: 'c' },
      tag: { type: 'string', multiple: true },
      text: { type: 'boolean' },
      url: { type: 'string' },
      timeout: { type: 'string' },
      format: { type: 'string', short: 'f' },
      topic: { type: 'string' },
      region: { type: 'string' },
      institution: { type: 'string' },
      'source-kind': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      q: { type: 'string' },
      dedupe: { type: 'boolean' },
      script: { type: 'string' },
      html: { type: 'boolean' },
      output: { type: 'string', short: 'o' },
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
