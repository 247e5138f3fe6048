import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Where the API is and the token to use there: what `jianbao login` saves. */
export interface ServerConfig {
  server: string;
  token: string;
}

/**
 * The config file: `$JIANBAO_CONFIG`, else `$XDG_CONFIG_HOME/jianbao/config.json`, else
 * `~/.config/jianbao/config.json`.
 */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JIANBAO_CONFIG) return env.JIANBAO_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'jianbao', 'config.json');
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * The server and token to use: `JIANBAO_SERVER` and `JIANBAO_TOKEN` win over the file (scripts,
 * CI); `--server` over both. Throws ConfigError, saying what to do, when either is missing.
 */
export async function loadConfig(
  overrides: { server?: string } = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<ServerConfig> {
  let saved: Partial<ServerConfig> = {};
  const path = configPath(env);
  try {
    saved = JSON.parse(await readFile(path, 'utf8')) as Partial<ServerConfig>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(`cannot read ${path}: ${(error as Error).message}`);
    }
  }
  const server = overrides.server ?? env.JIANBAO_SERVER ?? saved.server;
  const token = env.JIANBAO_TOKEN ?? saved.token;
  if (!server || !token) {
    throw new ConfigError(
      "not signed in: run 'jianbao login --server URL' first (or set JIANBAO_SERVER and JIANBAO_TOKEN)",
    );
  }
  return { server: normalizeServer(server), token };
}

/** Saves the config readable by its owner only, written whole or not at all. */
export async function saveConfig(
  config: ServerConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const path = configPath(env);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, path);
  return path;
}

/** `localhost:8787` → `http://localhost:8787`; no trailing slash. */
export function normalizeServer(raw: string): string {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw.trim()) ? raw.trim() : `http://${raw.trim()}`;
  if (!URL.canParse(text)) throw new ConfigError(`not a server address: '${raw}'`);
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`not an http(s) server address: '${raw}'`);
  }
  return url.href.replace(/\/+$/, '');
}
