import { z } from 'zod';
import { command } from './define';

// What the optimizer did to the weights during the latest run: for a few weights of every
// trainable tensor, the gradient, the weight before and after, and the optimizer's own state
// (Adam's m and v, momentum's velocity) at each recorded step; per tensor, the mean |gradient|
// and mean |step|. Per-step arrays are [steps x watched] row-major, as raw bytes.

export interface WatchedTensor {
  /** The weight's name, e.g. "conv2d/kernel". */
  name: string;
  /** The graph layer it belongs to. */
  layer: string;
  shape: number[];
  /** Flat (row-major) indices of the watched weights. */
  indices: number[];
  gradient: Float32Array;
  before: Float32Array;
  after: Float32Array;
  /** Adam only. */
  m: Float32Array | null;
  v: Float32Array | null;
  /** SGD with momentum only: TF.js's accumulation (v = momentum v + g; w -= lr v). */
  velocity: Float32Array | null;
  /** Per recorded step, over the whole tensor. */
  meanAbsGradient: Float32Array;
  meanAbsStep: Float32Array;
}

export interface OptimizerTrace {
  runId: string;
  optimizer: 'adam' | 'sgd' | 'rmsprop';
  learningRate: number;
  momentum: number;
  /** Adam's constants (TF.js: epsilon is the float32 backend's 1e-7). */
  beta1: number;
  beta2: number;
  epsilon: number;
  /** The optimizer step (from 1) of each recorded row. */
  steps: Int32Array;
  /** Every step up to this one is recorded; later ones every `stride` steps. */
  everyStepUntil: number;
  stride: number;
  tensors: WatchedTensor[];
}

export const explainCommands = {
  /** The optimizer's state over the latest run (null before any run). */
  'explain:optimizerTrace': command<OptimizerTrace | null>()(z.object({}).strict()),
};
