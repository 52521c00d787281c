// The UI-side handle on the engine's worker thread: calls methods, forwards its events.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { builtScript } from './builtScript';

type Listener = (event: string, payload: unknown) => void;

export class EngineClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private listener: Listener = () => undefined;

  constructor(private readonly script: string) {}

  /** Events go to whoever started the latest long task (one UI at a time drives training). */
  setListener(listener: Listener): Listener {
    const previous = this.listener;
    this.listener = listener;
    return previous;
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    if (!existsSync(this.script)) throw new Error(`The engine is not built (${this.script} is missing): run "npm run build".`);
    const worker = new Worker(this.script);
    worker.on('message', (msg: { id?: number; result?: unknown; error?: string; event?: string; payload?: unknown }) => {
      if (msg.event) return this.listener(msg.event, msg.payload);
      const p = this.pending.get(msg.id!);
      this.pending.delete(msg.id!);
      if (msg.error !== undefined) p?.reject(new Error(msg.error));
      else p?.resolve(msg.result);
    });
    const fail = (err: Error): void => {
      for (const p of this.pending.values()) p.reject(new Error(`The engine stopped: ${err.message}`));
      this.pending.clear();
      this.worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => code !== 0 && fail(new Error(`exit code ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  call<T>(method: string, params: unknown = {}): Promise<T> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, method, params });
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
