// A pool of worker_threads running analyses. One bad file or one crashed worker costs only that
// request (it resolves to a FailedTake); the pool respawns the worker and carries on.

import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FailedTake } from '../core/report';
import type { AnalysisPool, AnalyzeHandlers, AnalyzeOutcome, AnalyzeRequest } from './api';
import { isFromWorker, type FromWorker, type ToWorker } from './protocol';

/** A worker that has not confirmed a cancel within this time is terminated and replaced. */
const CANCEL_GRACE_MS = 100;

export interface PoolOptions {
  /** Defaults to os.availableParallelism(). */
  size?: number;
  /** Defaults to worker.js next to the running bundle (dist/). */
  workerScript?: string;
}

interface Job {
  id: number;
  request: AnalyzeRequest;
  handlers: AnalyzeHandlers;
  resolve: (o: AnalyzeOutcome) => void;
  reject: (e: unknown) => void;
  slot?: Slot;
  onAbort?: () => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
}

export function abortError(): Error {
  const e = new Error('The analysis was cancelled');
  e.name = 'AbortError';
  return e;
}

export function createAnalysisPool(options: PoolOptions = {}): AnalysisPool {
  return new WorkerPool(options.size && options.size > 0 ? options.size : availableParallelism(), options.workerScript ?? join(__dirname, 'worker.js'));
}

class WorkerPool implements AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private disposed = false;

  constructor(
    readonly size: number,
    private readonly script: string,
  ) {}

  analyze(request: AnalyzeRequest, handlers: AnalyzeHandlers = {}): Promise<AnalyzeOutcome> {
    if (this.disposed) return Promise.reject(new Error('the analysis pool has been disposed'));
    if (handlers.signal?.aborted) return Promise.reject(abortError());
    return new Promise<AnalyzeOutcome>((resolve, reject) => {
      const job: Job = { id: this.nextId++, request, handlers, resolve, reject };
      if (handlers.signal) {
        job.onAbort = () => this.cancel(job);
        handlers.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.queue.push(job);
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      job.slot = slot;
      slot.worker.ref();
      const { file, options = {}, wantSeries = false, range } = job.request;
      const msg: ToWorker = range ? { type: 'analyze', id: job.id, file, options, wantSeries, range } : { type: 'analyze', id: job.id, file, options, wantSeries };
      slot.worker.postMessage(msg);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.script);
    const slot: Slot = { worker };
    worker.on('message', (msg: unknown) => this.onMessage(slot, msg));
    worker.on('error', (err) => this.onCrash(slot, err));
    worker.on('exit', (code) => this.onCrash(slot, new Error(`worker exited with code ${code}`)));
    // A worker keeps the process alive only while it has a job: an idle pool must not hold the CLI open.
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private onMessage(slot: Slot, raw: unknown): void {
    const job = slot.job;
    if (!isFromWorker(raw) || !job || raw.id !== job.id) return;
    const msg: FromWorker = raw;
    switch (msg.type) {
      case 'header':
        job.handlers.onProgress?.({ file: job.request.file, fraction: 0, header: msg.header });
        return;
      case 'progress':
        job.handlers.onProgress?.({ file: job.request.file, fraction: msg.fraction, partial: msg.partial });
        return;
      case 'done':
        this.finish(slot, job);
        job.resolve(msg.series ? { result: msg.result, series: msg.series } : { result: msg.result });
        return;
      case 'cancelled':
        this.finish(slot, job);
        job.reject(abortError());
        return;
      case 'failed':
        this.finish(slot, job);
        job.resolve({ result: crashResult(job.request.file, msg.message) });
        return;
    }
  }

  private finish(slot: Slot, job: Job): void {
    if (job.onAbort) job.handlers.signal?.removeEventListener('abort', job.onAbort);
    slot.job = undefined;
    job.slot = undefined;
    slot.worker.unref();
    queueMicrotask(() => this.pump());
  }

  private onCrash(slot: Slot, err: Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    const job = slot.job;
    if (job) {
      slot.job = undefined;
      if (job.onAbort) job.handlers.signal?.removeEventListener('abort', job.onAbort);
      if (job.handlers.signal?.aborted) job.reject(abortError());
      else if (this.disposed) job.reject(new Error('the analysis pool has been disposed'));
      else job.resolve({ result: crashResult(job.request.file, `the analysis worker failed: ${err.message}`) });
    }
    if (!this.disposed) this.pump();
  }

  private cancel(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      job.reject(abortError());
      return;
    }
    const slot = job.slot;
    if (!slot) return;
    slot.worker.postMessage({ type: 'cancel', id: job.id } satisfies ToWorker);
    setTimeout(() => {
      if (slot.job === job) void slot.worker.terminate();
    }, CANCEL_GRACE_MS).unref();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the analysis pool has been disposed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}

function crashResult(file: string, message: string): FailedTake {
  return { file, error: { code: 'worker', message: `${file}: ${message}` }, findings: [{ severity: 'error', code: 'unreadable', message: `${file}: ${message}` }] };
}
