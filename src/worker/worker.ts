// Worker entry (bundled to dist/worker.js): runs analyses for the pool, one at a time.

import { parentPort } from 'node:worker_threads';
import { analyzeFile } from '../node/analyzeFile';
import { isToWorker, seriesTransferList, type FromWorker } from '../shared/worker';

/** Progress messages per second per analysis: enough for a smooth bar, cheap to post. */
const PROGRESS_INTERVAL_MS = 100;

const port = parentPort;
if (!port) throw new Error('dist/worker.js must run as a worker thread');

const running = new Map<number, AbortController>();
const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

port.on('message', (msg: unknown) => {
  if (!isToWorker(msg)) {
    post({ type: 'failed', id: typeof (msg as { id?: unknown })?.id === 'number' ? (msg as { id: number }).id : -1, message: 'malformed request' });
    return;
  }
  if (msg.type === 'cancel') {
    running.get(msg.id)?.abort(new Error('cancelled'));
    return;
  }
  const { id } = msg;
  const controller = new AbortController();
  running.set(id, controller);
  let last = 0;
  analyzeFile(msg.file, msg.options, {
    signal: controller.signal,
    wantSeries: msg.wantSeries,
    range: msg.range,
    onHeader: (header) => post({ type: 'header', id, header }),
    onProgress: (fraction, partial) => {
      const now = Date.now();
      if (now - last >= PROGRESS_INTERVAL_MS || fraction === 1) {
        last = now;
        post({ type: 'progress', id, fraction, partial: partial() });
      }
    },
  })
    .then(({ result, series }) => post(series ? { type: 'done', id, result, series } : { type: 'done', id, result }, seriesTransferList(series)))
    .catch((err: unknown) => {
      if (controller.signal.aborted) post({ type: 'cancelled', id });
      else post({ type: 'failed', id, message: err instanceof Error ? err.message : String(err) });
    })
    .finally(() => running.delete(id));
});
