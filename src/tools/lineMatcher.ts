// Matches a model-chosen regular expression against file text in a worker thread. JavaScript's
// engine backtracks: `(a+)+$` on one long line runs for longer than the universe, and nothing on the
// thread running it (the extension host) can interrupt it. A worker can be terminated, on a deadline
// or on Stop, and the extension host stays responsive meanwhile.
import type { Worker } from 'node:worker_threads';

/** Lines with a match: 0-based line number and the line trimmed, cut to `keepChars` (+1, to show it was cut). */
export interface FileMatches {
  hits: [line: number, text: string][];
  /** Lines longer than the cap, matched on their start only. */
  cut: number;
}

export type MatchOutcome = FileMatches | 'timeout' | 'aborted';

export interface MatchLimits {
  /** Stop after this many matching lines. */
  maxHits: number;
  /** Only the first this many characters of a line are matched (minified code), so cost grows with this, not with the line. */
  lineChars: number;
  keepChars: number;
  /** The worker is ended when the file takes longer. */
  timeoutMs: number;
}

// Plain JavaScript, evaluated in the worker: no bundling or TypeScript loader is involved, so it runs
// the same in the packaged extension and in the unit tests. The pattern is compiled once per worker.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const pattern = new RegExp(workerData.source, workerData.flags);
parentPort.on('message', ({ text, maxHits, lineChars, keepChars }) => {
  const hits = [];
  let cut = 0;
  const lines = text.split(/\\r?\\n/);
  for (let i = 0; i < lines.length && hits.length < maxHits; i++) {
    let line = lines[i];
    if (line.length > lineChars) { line = line.slice(0, lineChars); cut++; }
    pattern.lastIndex = 0;
    if (pattern.test(line)) hits.push([i, lines[i].trim().slice(0, keepChars + 1)]);
  }
  parentPort.postMessage({ hits, cut });
});
`;

/** One worker for one search; `dispose` it when the search ends. Files are matched one at a time. */
export class LineMatcher {
  private worker: Worker | undefined;

  constructor(private readonly pattern: RegExp) {}

  /** Resolves (never rejects for timeout or Stop); a worker that timed out or was stopped is gone, later calls start another. */
  match(text: string, limits: MatchLimits, signal: AbortSignal): Promise<MatchOutcome> {
    if (signal.aborted) return Promise.resolve('aborted');
    const worker = (this.worker ??= this.start());
    return new Promise<MatchOutcome>((resolve, reject) => {
      const end = (outcome: MatchOutcome | Error) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        worker.off('message', onMessage).off('error', onError);
        if (typeof outcome === 'string') this.dispose();
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      const onMessage = (m: FileMatches) => end(m);
      const onError = (e: Error) => { this.worker = undefined; end(e); };
      const onAbort = () => end('aborted');
      const timer = setTimeout(() => end('timeout'), Math.max(0, limits.timeoutMs));
      signal.addEventListener('abort', onAbort, { once: true });
      worker.on('message', onMessage).on('error', onError);
      worker.postMessage({ text, maxHits: limits.maxHits, lineChars: limits.lineChars, keepChars: limits.keepChars });
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): Worker {
    // Loaded with the first search, not with the extension (activation time).
    const { Worker: WorkerThread } = require('node:worker_threads') as typeof import('node:worker_threads');
    const worker = new WorkerThread(WORKER_SOURCE, { eval: true, workerData: { source: this.pattern.source, flags: this.pattern.flags } });
    worker.unref(); // a search left running never keeps the process alive
    return worker;
  }
}
