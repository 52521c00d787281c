// Data parallelism over two threads: the wasm backend runs one thread per process, so a second
// worker computes the gradients of half of each batch while this thread does the other half.
import { Worker } from 'node:worker_threads';
import type { Graph } from '@shared/graph/model';
import type { TrainOptions } from '@shared/ipc/training';
import { builtScript } from './builtScript';

export interface HalfResult {
  grads: Float32Array[];
  loss: number;
  accuracy: number;
}

export class GradientHelper {
  private constructor(private readonly worker: Worker) {}

  /** Null when the helper cannot run here (running from sources, or it failed to start). */
  static async start(graph: Graph, loss: TrainOptions['loss'], script = builtScript('gradWorker')): Promise<GradientHelper | null> {
    if (!script) return null;
    const worker = new Worker(script, { workerData: { graph, loss } });
    const ready = await new Promise<boolean>((resolve) => {
      worker.once('message', (m: { ready?: boolean }) => resolve(m.ready === true));
      worker.once('error', () => resolve(false));
    });
    if (!ready) {
      await worker.terminate();
      return null;
    }
    return new GradientHelper(worker);
  }

  step(weights: Float32Array[], x: Float32Array, xShape: number[], y: Float32Array, yShape: number[]): Promise<HalfResult> {
    return new Promise((resolve, reject) => {
      this.worker.once('message', (m: HalfResult & { error?: string }) => (m.error ? reject(new Error(m.error)) : resolve(m)));
      this.worker.postMessage({ weights, x, xShape, y, yShape }, [...weights.map((w) => w.buffer as ArrayBuffer), x.buffer as ArrayBuffer, y.buffer as ArrayBuffer]);
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
