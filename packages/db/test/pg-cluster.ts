import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian keeps the server binaries off PATH. */
const DEBIAN_BIN = '/usr/lib/postgresql/15/bin';

export interface PgCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** The temp folder holding the cluster's files, socket and log; removed by `stop()`. */
  dir: string;
  /** Stops the server (fast shutdown: open connections are cut) and starts it on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The folder holding initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function findPostgresBin(
  dirs = [...(process.env.PATH ?? '').split(delimiter), DEBIAN_BIN],
): string | null {
  const dir = dirs.find((d) => d && existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
  return dir ?? null;
}

/**
 * Starts a throwaway PostgreSQL cluster in a temp folder on a free loopback port; `stop()` stops
 * it and removes the folder. UTF-8 with a UTF-8 ctype, which pg_trgm needs to see Chinese.
 */
export async function startCluster(bin = findPostgresBin()): Promise<PgCluster> {
  if (!bin) throw new Error(`PostgreSQL is not installed: no initdb on PATH or in ${DEBIAN_BIN}`);
  const base = await mkdtemp(join(tmpdir(), 'jianbao-pg-'));
  const data = join(base, 'data');
  // initdb refuses to run as root; CI and these machines run as root, so act as `postgres`.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(base, Number(stdout.trim()), Number(gid.trim()));
  }
  const pg = (tool: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args])
      : run(join(bin, tool), args);

  const port = await freePort();
  // -l: without a log file the server would hold our stdout pipe open.
  const start = () =>
    pg('pg_ctl', [
      '-D',
      data,
      '-l',
      join(base, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -k ${base} -c listen_addresses=127.0.0.1`,
      'start',
    ]);
  try {
    await pg('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
    ]);
    await start();
  } catch (error) {
    await rm(base, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dir: base,
    async restart() {
      await pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      await start();
    },
    async stop() {
      await pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => {});
      await rm(base, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
