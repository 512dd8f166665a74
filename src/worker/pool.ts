// A pool of worker_threads running analyses. One bad file or one crashed worker costs only that
// request (it resolves to a FailedTake); the pool respawns the worker and carries on.

import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { abortError } from '../core/abort';
import type { FailedTake } from '../core/report';
import {
  isFromWorker,
  type AnalysisPool,
  type AnalyzeHandlers,
  type AnalyzeOutcome,
  type AnalyzeRequest,
  type FromWorker,
  type ToWorker,
} from '../shared/worker';

/** A worker that has not confirmed a cancel within this time is terminated and replaced. */
const CANCEL_GRACE_MS = 100;

/**
 * What one analysis may spend. The reader's own budgets keep a well-behaved analysis far below
 * these; they are the backstop for whatever a hostile file still finds, so that it costs its own
 * request and nothing else. docs/measurements.md ("Limits") lists them.
 */
export interface WorkerLimits {
  maxHeapMb: number;
  headerMs: number;
  msPerMegabyte: number;
}

export const WORKER_LIMITS: Readonly<WorkerLimits> = {
  /** V8 old-generation heap of one worker (MB). A 2-hour take needs about 60. */
  maxHeapMb: 512,
  /** Time to parse a header and start reading samples. */
  headerMs: 30_000,
  /**
   * Then time per byte of samples: 1 s per 4 MB is twenty times slower than the analysis runs on
   * one core of a small machine (the 20-minute 24-bit benchmark file, 345 MB, takes about 3 s).
   */
  msPerMegabyte: 250,
};

export interface PoolOptions {
  /** Defaults to os.availableParallelism(). */
  size?: number;
  /** Defaults to worker.js next to the running bundle (dist/). */
  workerScript?: string;
  /** Overrides WORKER_LIMITS (tests use small budgets). */
  limits?: Partial<WorkerLimits>;
}

interface Job {
  id: number;
  request: AnalyzeRequest;
  handlers: AnalyzeHandlers;
  resolve: (o: AnalyzeOutcome) => void;
  reject: (e: unknown) => void;
  slot?: Slot;
  onAbort?: () => void;
  /** Ends the job when it overruns its time budget. */
  deadline?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  job?: Job;
  /** Why the pool terminated this worker, when it did: becomes the job's error. */
  killed?: string;
}

const cancelled = () => abortError('The analysis was cancelled');

export function createAnalysisPool(options: PoolOptions = {}): AnalysisPool {
  return new WorkerPool(options.size && options.size > 0 ? options.size : availableParallelism(), options.workerScript ?? join(__dirname, 'worker.js'), {
    ...WORKER_LIMITS,
    ...options.limits,
  });
}

class WorkerPool implements AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private disposed = false;

  constructor(
    readonly size: number,
    private readonly script: string,
    private readonly limits: WorkerLimits,
  ) {}

  analyze(request: AnalyzeRequest, handlers: AnalyzeHandlers = {}): Promise<AnalyzeOutcome> {
    if (this.disposed) return Promise.reject(new Error('the analysis pool has been disposed'));
    if (handlers.signal?.aborted) return Promise.reject(cancelled());
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
      this.arm(slot, job, this.limits.headerMs);
      const { file, options = {}, wantSeries = false, range } = job.request;
      const msg: ToWorker = range
        ? { type: 'analyze', id: job.id, file, options, wantSeries, range }
        : { type: 'analyze', id: job.id, file, options, wantSeries };
      slot.worker.postMessage(msg);
    }
  }

  /** (Re)starts the job's time budget; past it the worker is terminated and the job fails alone. */
  private arm(slot: Slot, job: Job, ms: number): void {
    clearTimeout(job.deadline);
    job.deadline = setTimeout(() => {
      if (slot.job !== job) return;
      slot.killed = `the analysis took longer than its time budget (${(ms / 1000).toFixed(0)} s) and was stopped`;
      void slot.worker.terminate();
    }, ms);
    job.deadline.unref();
  }

  private spawn(): Slot {
    const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: this.limits.maxHeapMb } });
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
        this.arm(slot, job, this.limits.headerMs + (msg.header.format.dataBytes / 1e6) * this.limits.msPerMegabyte);
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
        job.reject(cancelled());
        return;
      case 'failed':
        this.finish(slot, job);
        job.resolve({ result: crashResult(job.request.file, msg.message) });
        return;
    }
  }

  private finish(slot: Slot, job: Job): void {
    clearTimeout(job.deadline);
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
      clearTimeout(job.deadline);
      if (job.onAbort) job.handlers.signal?.removeEventListener('abort', job.onAbort);
      if (job.handlers.signal?.aborted) job.reject(cancelled());
      else if (this.disposed) job.reject(new Error('the analysis pool has been disposed'));
      else job.resolve({ result: crashResult(job.request.file, slot.killed ?? `the analysis worker failed: ${describeCrash(err, this.limits.maxHeapMb)}`) });
    }
    if (!this.disposed) this.pump();
  }

  private cancel(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      job.reject(cancelled());
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

function describeCrash(err: Error, heapMb: number): string {
  return (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? `it needed more than ${heapMb} MB of memory and was stopped` : err.message;
}

function crashResult(file: string, message: string): FailedTake {
  return {
    file,
    error: { code: 'worker', message: `${file}: ${message}` },
    findings: [{ severity: 'error', code: 'unreadable', message: `${file}: ${message}` }],
  };
}
