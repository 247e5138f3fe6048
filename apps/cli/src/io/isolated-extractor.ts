import { Worker } from 'node:worker_threads';
import type { ExtractFileOptions, FileResult } from '../commands/extract-file';
import type { ExtractJob, WorkerMessage } from './extract-worker';

/**
 * Worker threads do not inherit tsx's module hooks from `node --import tsx` (Node 20), so the
 * worker registers them itself before loading its TypeScript entry.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((tsx) => { tsx.register(); return import(workerData.entry); });
`;

/** Heap for one page's extraction: a 50 MB page needs about 2 GB in linkedom. */
const WORKER_HEAP_MB = 3072;

interface Slot {
  worker: Worker;
  /** Resolves once the worker has loaded core; rejects if it dies first. */
  ready: Promise<void>;
}

/**
 * Extracts files one at a time in a worker thread. A page that runs past the time limit, or
 * runs the worker out of memory, costs that worker (a new one takes the next file) and gives an
 * `extract-failed` line instead of hanging or killing the whole run.
 */
export class IsolatedExtractor {
  #slot: Slot | null = null;
  #nextId = 0;
  readonly #timeoutMs: number;

  /** `timeoutMs` 0: no limit. */
  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
  }

  async extract(file: string, options: ExtractFileOptions): Promise<FileResult> {
    const slot = this.#ensureSlot();
    try {
      await slot.ready;
    } catch (error) {
      this.#discard(slot);
      return failed(file, `the extractor did not start: ${describeError(error)}`);
    }
    const { worker } = slot;
    const job: ExtractJob = { id: this.#nextId++, file, options };
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (result: FileResult) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(result);
      };
      const onMessage = (message: WorkerMessage) => {
        if (message.type !== 'result' || message.id !== job.id) return;
        finish({ lines: message.lines, stack: message.stack });
      };
      // An uncaught error or running out of heap ends the worker: the next file gets a new one.
      const onError = (error: Error) => {
        this.#discard(slot);
        finish(failed(file, describeError(error), error.stack));
      };
      const onExit = (code: number) => {
        this.#discard(slot);
        finish(failed(file, `the extractor stopped (exit code ${code})`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      if (this.#timeoutMs > 0) {
        timer = setTimeout(() => {
          this.#discard(slot);
          finish(failed(file, `gave up after ${this.#timeoutMs / 1000} s`));
        }, this.#timeoutMs);
      }
      worker.postMessage(job);
    });
  }

  /** Stops the worker, so the process can exit. */
  async close(): Promise<void> {
    const slot = this.#slot;
    this.#slot = null;
    await slot?.worker.terminate();
  }

  #ensureSlot(): Slot {
    if (this.#slot) return this.#slot;
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: {
        tsxApi: import.meta.resolve('tsx/esm/api'),
        entry: new URL('./extract-worker.ts', import.meta.url).href,
      },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: WorkerMessage) => {
        if (message.type !== 'ready') return;
        worker.off('error', reject);
        worker.off('exit', onExit);
        worker.off('message', onMessage);
        resolve();
      };
      const onExit = (code: number) => reject(new Error(`exit code ${code}`));
      worker.on('message', onMessage);
      worker.on('error', reject);
      worker.on('exit', onExit);
    });
    // Nobody may be awaiting yet when it fails; the failure is reported by extract().
    ready.catch(() => {});
    this.#slot = { worker, ready };
    return this.#slot;
  }

  #discard(slot: Slot): void {
    if (this.#slot === slot) this.#slot = null;
    void slot.worker.terminate();
  }
}

function failed(file: string, message: string, stack?: string): FileResult {
  return { lines: [{ file, error: { code: 'extract-failed', message } }], stack };
}

function describeError(error: unknown): string {
  if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return 'ran out of memory';
  }
  return error instanceof Error ? error.message : String(error);
}
