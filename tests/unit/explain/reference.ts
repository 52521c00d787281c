// The numbers real Keras 3 and PyTorch computed (tests/fixtures/explain/make_fixtures.py).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type N3 = number[][][];

export interface Reference {
  conv2d: { name: string; input: N3; kernel: number[][][][]; bias: number[]; strides: [number, number]; padding: 'valid' | 'same'; activation: 'relu' | 'tanh' | 'sigmoid' | 'leakyRelu'; preActivation: N3; output: N3 }[];
  pooling: { name: string; input: N3; poolSize: [number, number]; strides: [number, number]; padding: 'valid' | 'same'; max: N3; average: N3 }[];
  softmaxLoss: { logits: number[]; label: number; probabilities: number[]; categorical: number; sparseCategorical: number; binaryOnOneHot: number; categoricalFromLogits: number }[];
  minusLog08: number;
  dense: { x: number[][]; kernel: number[][]; bias: number[]; kerasOutput: number[][]; kernelShape: [number, number]; biasShape: [number] };
  optimizer: {
    grads: number[];
    initial: number;
    adam: { lr: number; beta1: number; beta2: number; epsilon: number; trace: { weight: number; step: number; exp_avg: number; exp_avg_sq: number }[] };
    momentum: { lr: number; momentum: number; trace: { weight: number; momentum_buffer: number }[] };
  };
}

export const reference: Reference = JSON.parse(readFileSync(join(__dirname, '../../fixtures/explain/reference.json'), 'utf8'));

/** A nested array flattened row-major, with its shape. */
export function flat(a: unknown): { shape: number[]; data: Float64Array } {
  const shape: number[] = [];
  for (let x = a; Array.isArray(x); x = x[0]) shape.push(x.length);
  return { shape, data: Float64Array.from((a as unknown[]).flat(shape.length) as number[]) };
}
