import { z } from 'zod';

/** The environment, parsed once at start-up; nothing else reads process.env. */
const zEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  /** Loopback by default: a server for others is an explicit choice. */
  HOST: z.string().default('127.0.0.1'),
  /** Where embedded PGlite keeps its files (ignored with DATABASE_URL). */
  DATA_DIR: z.string().default('.data/pglite'),
  DATABASE_URL: z.string().url().optional(),
  /** Requests per minute per token (or per address without one). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Largest request body accepted, in bytes. */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /**
   * Comma-separated extension ids allowed as CORS origins
   * (`chrome-extension://<id>`, `moz-extension://<id>`); any extension when empty.
   */
  EXTENSION_IDS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
});
export type Env = z.infer<typeof zEnv>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = zEnv.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`environment: ${issue.path.join('.')}: ${issue.message}`);
  }
  return result.data;
}
