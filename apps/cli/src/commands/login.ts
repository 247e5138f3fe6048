import { hostname } from 'node:os';
import type { Readable } from 'node:stream';
import { ApiClient } from '../server/client';
import { normalizeServer, saveConfig } from '../server/config';
import type { CommandIo } from './extract';

export interface LoginOptions {
  server: string;
  email?: string;
  /** A token made elsewhere (the web pages, `POST /tokens`): checked, then saved. */
  token?: string;
  /** The password from the first line of stdin (scripts). */
  passwordStdin: boolean;
}

/**
 * Signs in and saves the server and a token of this machine's own in the config file: with a
 * token, after checking it; else with email and password (prompted on a terminal, or from stdin
 * or JIANBAO_PASSWORD), through `POST /auth/signin`.
 */
export async function runLogin(
  options: LoginOptions,
  io: CommandIo & { stdin: Readable & { isTTY?: boolean } },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const server = normalizeServer(options.server);
  let token = options.token;
  let who: string;
  if (token) {
    const me = await new ApiClient({ server, token }).json<{ user: { email: string } }>(
      'GET',
      '/me',
    );
    who = me.user.email;
  } else {
    const email = options.email ?? (await ask(io, 'email: ', false));
    const password = options.passwordStdin
      ? await firstLine(io.stdin)
      : (env.JIANBAO_PASSWORD ?? (await ask(io, 'password: ', true)));
    const session = await new ApiClient({ server }).json<{
      token: string;
      user: { email: string };
    }>('POST', '/auth/signin', {
      email,
      password,
      tokenName: `jianbao CLI on ${hostname()}`.slice(0, 100),
    });
    token = session.token;
    who = session.user.email;
  }
  const path = await saveConfig({ server, token }, env);
  io.stderr.write(`signed in to ${server} as ${who}; token saved in ${path}\n`);
  return 0;
}

class NoTerminal extends Error {
  override name = 'LoginInputError';
}

/** A prompt on the terminal; hidden input for a password. */
async function ask(
  io: CommandIo & { stdin: Readable & { isTTY?: boolean; setRawMode?: (on: boolean) => void } },
  question: string,
  hidden: boolean,
): Promise<string> {
  if (!io.stdin.isTTY) {
    throw new NoTerminal(
      `${question.replace(': ', '')} needed: give --email, and --password-stdin or JIANBAO_PASSWORD`,
    );
  }
  io.stderr.write(question);
  if (!hidden) return firstLine(io.stdin);
  io.stdin.setRawMode?.(true);
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (chunk: Buffer) => {
        for (const char of chunk.toString('utf8')) {
          if (char === '\r' || char === '\n') {
            io.stdin.off('data', onData);
            io.stderr.write('\n');
            resolve(typed);
            return;
          }
          if (char === '\u0003') {
            io.stdin.off('data', onData);
            reject(new NoTerminal('cancelled'));
            return;
          }
          typed = char === '\u007f' ? typed.slice(0, -1) : typed + char;
        }
      };
      io.stdin.on('data', onData);
    });
  } finally {
    io.stdin.setRawMode?.(false);
    io.stdin.pause();
  }
}

async function firstLine(stdin: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += chunk.toString();
    const end = text.indexOf('\n');
    if (end >= 0) {
      stdin.pause();
      return text.slice(0, end).replace(/\r$/, '');
    }
  }
  return text;
}

export { NoTerminal as LoginInputError };
