// Worker thread: runs the per-file pipeline, so the command can stop a page that takes too
// long or exhausts memory without losing the rest of the run.
import { parentPort } from 'node:worker_threads';
import { type ExtractFileOptions, extractFile, type FileResult } from '../commands/extract-file';

export interface ExtractJob {
  id: number;
  file: string;
  options: ExtractFileOptions;
}

export type WorkerMessage = { type: 'ready' } | ({ type: 'result'; id: number } & FileResult);

const port = parentPort;
if (port) {
  port.on('message', async (job: ExtractJob) => {
    const result = await extractFile(job.file, job.options);
    port.postMessage({ type: 'result', id: job.id, ...result } satisfies WorkerMessage);
  });
  // Core is loaded by now: the time limit starts from here, not from the worker's start-up.
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}
