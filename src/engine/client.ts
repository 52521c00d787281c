// The handle on the engine's worker thread, in the process that serves the UI: forwards a
// command's channel and validated request unchanged and routes the events it pushes back to
// whoever sent it. When the thread dies, it ends what can no longer end by itself: pending requests
// reject, and a run in progress finishes as failed, saying why, since its train:finished cannot come.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EngineCommandName, EventSink, ParsedRequestOf, ResponseOf } from '@shared/ipc';
import type { TrainStarted } from '@shared/ipc/training';
import { engineStoppedRun } from '@shared/training/failedRun';
import { builtScript } from './builtScript';
import type { WorkerMessage, WorkerRequest } from './protocol';

export class EngineClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  /** Where each request's events go, until the worker says it will push no more. */
  private sinks = new Map<number, EventSink>();
  /** Runs in progress, by the id of the train:start that started them. */
  private runs = new Map<number, { runId: string; startedAt: number; epochs: number }>();

  constructor(private readonly script: string) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    if (!existsSync(this.script)) throw new Error(`The engine is not built (${this.script} is missing): run "npm run build".`);
    const worker = new Worker(this.script);
    worker.on('message', (msg: WorkerMessage) => {
      if ('event' in msg) {
        const run = this.runs.get(msg.id);
        if (run && msg.event === 'train:epoch') run.epochs++;
        if (msg.event === 'train:finished') this.runs.delete(msg.id);
        return this.sinks.get(msg.id)?.emit(msg.event, msg.payload as never);
      }
      if ('end' in msg) return void (this.sinks.delete(msg.id), this.runs.delete(msg.id));
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.ok) p?.resolve(msg.value);
      else p?.reject(new Error(msg.error));
    });
    // 'error' (an uncaught exception, memory exhausted) comes before its 'exit'; a thread that ends
    // without close() asking, whatever its exit code, has died too.
    const died = (reason: string): void => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const p of this.pending.values()) p.reject(new Error(`The engine stopped: ${reason}`));
      this.pending.clear();
      for (const [id, run] of this.runs) this.sinks.get(id)?.emit('train:finished', engineStoppedRun(run.runId, reason, run.epochs, Date.now() - run.startedAt));
      this.runs.clear();
      this.sinks.clear();
    };
    worker.on('error', (err) => died(err.message));
    worker.on('exit', (code) => died(`its thread exited with code ${code}`));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  invoke<K extends EngineCommandName>(channel: K, request: ParsedRequestOf<K>, sink: EventSink): Promise<ResponseOf<K>> {
    const worker = this.ensure();
    const id = this.nextId++;
    this.sinks.set(id, sink);
    return new Promise((resolve, reject) => {
      const started = (value: unknown): void => {
        // From here on the run streams its progress until its train:finished.
        if (this.sinks.has(id)) this.runs.set(id, { runId: (value as TrainStarted).runId, startedAt: Date.now(), epochs: 0 });
        resolve(value as ResponseOf<K>);
      };
      this.pending.set(id, { resolve: channel === 'train:start' ? started : (resolve as (v: unknown) => void), reject });
      worker.postMessage({ id, channel, request } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}

let shared: EngineClient | null = null;

/** The engine beside the built entry points (out/main/engineWorker.js). */
export function engineClient(): EngineClient {
  shared ??= new EngineClient(builtScript('engineWorker') ?? join(__dirname, 'engineWorker.js'));
  return shared;
}
