// Data parallelism over two threads: the wasm backend runs one thread per process, so a second
// worker computes the gradients of half of each batch while this thread does the other half.
import { Worker } from 'node:worker_threads';
import type { Network } from '@shared/shape/network';
import type { TrainOptions } from '@shared/training/options';
import { builtScript } from './builtScript';

export interface HalfResult {
  /** The gradient of the helper's half for all trainable weights, flat (model.trainableWeights order). */
  grad: Float32Array;
  loss: number;
  accuracy: number;
  regLoss: number;
}

/** The helper thread ended (crashed, ran out of memory, or was closed): its half batch will not come. */
export class HelperStopped extends Error {}

export class GradientHelper {
  /** Why the thread is gone, once it is. */
  private gone: string | null = null;
  private failPending: ((err: Error) => void) | null = null;

  private constructor(private readonly worker: Worker) {
    const end = (why: string): void => {
      this.gone ??= why;
      this.failPending?.(new HelperStopped(`The second training thread stopped (${this.gone}).`));
      this.failPending = null;
    };
    worker.on('error', (err) => end(err.message));
    worker.on('exit', (code) => end(`exit code ${code}`));
  }

  /** Null when the helper cannot run here (running from sources, or it failed to start). */
  static async start(network: Network, loss: TrainOptions['loss'], script = builtScript('gradWorker')): Promise<GradientHelper | null> {
    if (!script) return null;
    const worker = new Worker(script, { workerData: { network, loss } });
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

  /**
   * The helper's half at these weights (all trainable weights, flat, in model.trainableWeights
   * order): rejects with HelperStopped, instead of waiting forever, when its thread is gone.
   */
  step(engineStep: boolean, weights: Float32Array, x: Float32Array, xShape: number[], y: Float32Array, yShape: number[]): Promise<HalfResult> {
    return new Promise((resolve, reject) => {
      if (this.gone) return reject(new HelperStopped(`The second training thread stopped (${this.gone}).`));
      const onMessage = (m: HalfResult & { error?: string }): void => {
        this.failPending = null;
        if (m.error) reject(new Error(m.error));
        else resolve(m);
      };
      this.failPending = (err) => {
        this.worker.off('message', onMessage);
        reject(err);
      };
      this.worker.once('message', onMessage);
      this.worker.postMessage({ engineStep, weights, x, xShape, y, yShape }, [weights.buffer as ArrayBuffer, x.buffer as ArrayBuffer, y.buffer as ArrayBuffer]);
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
