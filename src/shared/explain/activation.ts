// One value through an activation, as Keras computes it (softmax is a whole vector: see softmax.ts).
import type { Activation } from '../graph/model';
import { LEAKY_RELU_ACTIVATION_SLOPE as LEAKY_RELU_ALPHA } from '../layers/tfjsActivation';

export type ScalarActivation = Exclude<Activation, 'softmax'>;

export function activate(activation: ScalarActivation, x: number): number {
  switch (activation) {
    case 'linear':
      return x;
    case 'relu':
      return Math.max(0, x);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'tanh':
      return Math.tanh(x);
    case 'leakyRelu':
      return x >= 0 ? x : LEAKY_RELU_ALPHA * x;
  }
}

/** The activation written out with its number, e.g. "max(0, -0.31) = 0". */
export function activationFormula(activation: Activation, x: number, y: number, digits = 4): string {
  const v = x.toFixed(digits);
  const r = y.toFixed(digits);
  switch (activation) {
    case 'linear':
      return `${v} (linear: unchanged)`;
    case 'relu':
      return `max(0, ${v}) = ${r}`;
    case 'sigmoid':
      return `1 / (1 + e^-(${v})) = ${r}`;
    case 'tanh':
      return `tanh(${v}) = ${r}`;
    case 'leakyRelu':
      return x >= 0 ? `${v} >= 0, kept: ${r}` : `${LEAKY_RELU_ALPHA} x ${v} = ${r}`;
    case 'softmax':
      return `softmax over the channels at this position = ${r}`;
  }
}
