import type { Writable } from 'node:stream';

export interface ProgressOptions {
  /** What is counted: `files`, `clips`. */
  unit: string;
  /** How many there are, when known. */
  total?: number;
  /** A terminal: one bar redrawn in place; otherwise plain lines. */
  tty: boolean;
  /** Plain mode: a line every this many items (and at the end). */
  every?: number;
  now?: () => number;
}

/**
 * Progress on stderr for long work: on a terminal a bar with counts and rate, redrawn at most
 * ten times a second; in a pipe or a log, plain lines, so that nothing is overwritten.
 */
export class Progress {
  readonly #out: Writable;
  readonly #options: Required<Omit<ProgressOptions, 'total'>> & { total?: number };
  readonly #started: number;
  #done = 0;
  #counts = new Map<string, number>();
  #lastDraw = 0;
  #drawn = false;

  constructor(out: Writable, options: ProgressOptions) {
    this.#out = out;
    this.#options = { every: 100, now: () => performance.now(), ...options };
    this.#started = this.#options.now();
  }

  /** One more item done, counted under `outcome` (created, skipped, failed …). */
  tick(outcome?: string, by = 1): void {
    this.#done += by;
    if (outcome) this.#counts.set(outcome, (this.#counts.get(outcome) ?? 0) + by);
    const now = this.#options.now();
    if (this.#options.tty) {
      if (now - this.#lastDraw >= 100) this.#draw(now);
    } else if (this.#done % this.#options.every < by) {
      this.#line(now);
    }
  }

  /** Counts `n` under `outcome` without moving the bar (outcomes of a file's parts). */
  add(outcome: string, n = 1): void {
    this.#counts.set(outcome, (this.#counts.get(outcome) ?? 0) + n);
  }

  /** How many were counted under `outcome`. */
  count(outcome: string): number {
    return this.#counts.get(outcome) ?? 0;
  }

  /** A message above the bar (a failure worth seeing at once). */
  note(message: string): void {
    if (this.#drawn) this.#out.write('\r\x1b[2K');
    this.#out.write(`${message}\n`);
    if (this.#drawn) this.#draw(this.#options.now());
  }

  /** The last state, on its own line. */
  finish(): void {
    const now = this.#options.now();
    if (this.#options.tty) {
      this.#draw(now);
      this.#out.write('\n');
    } else {
      this.#line(now);
    }
  }

  /** `120/1000 files · 35.2/s · created 100 · skipped 15`. */
  summary(now = this.#options.now()): string {
    const { total, unit } = this.#options;
    const seconds = Math.max((now - this.#started) / 1000, 1e-3);
    const rate = this.#done / seconds;
    const parts = [
      `${this.#done}${total === undefined ? '' : `/${total}`} ${unit}`,
      `${rate >= 10 ? rate.toFixed(0) : rate.toFixed(1)}/s`,
      ...[...this.#counts].map(([name, n]) => `${name} ${n}`),
    ];
    if (total !== undefined && this.#done > 0 && this.#done < total) {
      parts.push(`${formatSeconds((total - this.#done) / rate)} left`);
    }
    return parts.join(' · ');
  }

  #draw(now: number): void {
    this.#lastDraw = now;
    this.#drawn = true;
    const { total } = this.#options;
    const width = 24;
    const bar =
      total && total > 0
        ? `[${'='.repeat(Math.round((Math.min(this.#done, total) / total) * width)).padEnd(width)}] `
        : '';
    this.#out.write(`\r\x1b[2K${bar}${this.summary(now)}`);
  }

  #line(now: number): void {
    this.#out.write(`${this.summary(now)}\n`);
  }
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.ceil(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.ceil(s % 60)} s`;
}
