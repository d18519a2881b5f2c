import { Worker } from 'node:worker_threads';

/** What a fuzz worker posts: progress while it runs, then its result. */
export type WorkerMessage<T> =
  { readonly kind: 'progress'; readonly runs: number } | { readonly kind: 'done'; readonly result: T };

/**
 * Runs a compiled module in a worker thread and resolves with the result it posts. A worker that posts nothing for
 * `stallMs` (a document that sends the code into an endless loop) is terminated and the promise rejects, naming the
 * last progress seen, so a hang fails the test instead of freezing the run.
 */
export function runWithWatchdog<T>(file: string, workerData: unknown, stallMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData });
    let runs = 0;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`the worker made no progress for ${stallMs} ms after ${runs} runs: a hang`));
      }, stallMs);
    };
    arm();
    worker.on('message', (message: WorkerMessage<T>) => {
      if (message.kind === 'progress') {
        runs = message.runs;
        arm();
      } else {
        clearTimeout(timer);
        void worker.terminate();
        resolve(message.result);
      }
    });
    worker.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    worker.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited (${code}) before reporting`));
    });
  });
}
