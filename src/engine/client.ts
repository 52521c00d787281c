// The handle on the engine's worker thread, in the process that serves the UI: forwards a
// command's channel and validated request unchanged and routes the events it pushes back to
// whoever sent it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EngineCommandName, EventSink, ParsedRequestOf, ResponseOf } from '@shared/ipc';
import { builtScript } from './builtScript';
import type { WorkerMessage, WorkerRequest } from './protocol';

export class EngineClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  /** Where each request's events go, until the worker says it will push no more. */
  private sinks = new Map<number, EventSink>();

  constructor(private readonly script: string) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    if (!existsSync(this.script)) throw new Error(`The engine is not built (${this.script} is missing): run "npm run build".`);
    const worker = new Worker(this.script);
    worker.on('message', (msg: WorkerMessage) => {
      if ('event' in msg) return this.sinks.get(msg.id)?.emit(msg.event, msg.payload as never);
      if ('end' in msg) return void this.sinks.delete(msg.id);
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.ok) p?.resolve(msg.value);
      else p?.reject(new Error(msg.error));
    });
    const fail = (err: Error): void => {
      for (const p of this.pending.values()) p.reject(new Error(`The engine stopped: ${err.message}`));
      this.pending.clear();
      this.sinks.clear();
      this.worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => code !== 0 && fail(new Error(`exit code ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  invoke<K extends EngineCommandName>(channel: K, request: ParsedRequestOf<K>, sink: EventSink): Promise<ResponseOf<K>> {
    const worker = this.ensure();
    const id = this.nextId++;
    this.sinks.set(id, sink);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, channel, request } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}

let shared: EngineClient | null = null;

/** The engine beside the built entry points (out/main/engineWorker.js). */
export function engineClient(): EngineClient {
  shared ??= new EngineClient(builtScript('engineWorker') ?? join(__dirname, 'engineWorker.js'));
  return shared;
}
