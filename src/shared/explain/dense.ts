// A Dense layer written out: y = x . kernel + bias, its shapes in Keras's convention (kernel is
// (inputs, units); a batch is rows) and in the from-scratch numpy one (weights are (units, inputs);
// samples are columns), and one unit's products.
import type { Activation } from '../graph/model';
import { activate, type ScalarActivation } from './activation';
import { softmax } from './softmax';

/** A Dense kernel [inputs, units] (Keras's layout), flat. */
export interface Kernel2 {
  shape: [number, number];
  data: ArrayLike<number>;
}

/** The pre-activations (logits) of every unit for one input vector. */
export function denseLogits(input: ArrayLike<number>, kernel: Kernel2, bias: ArrayLike<number> | null): number[] {
  const [inputs, units] = kernel.shape;
  if (input.length !== inputs) throw new Error(`The kernel expects ${inputs} inputs; the layer's input has ${input.length} values.`);
  const out: number[] = [];
  for (let u = 0; u < units; u++) {
    let s = bias ? bias[u] : 0;
    for (let i = 0; i < inputs; i++) s += input[i] * kernel.data[i * units + u];
    out.push(s);
  }
  return out;
}

export function denseActivate(activation: Activation, logits: number[]): number[] {
  return activation === 'softmax' ? softmax(logits).probabilities : logits.map((z) => activate(activation as ScalarActivation, z));
}

export interface DenseUnit {
  unit: number;
  inputs: number[];
  weights: number[];
  products: number[];
  dot: number;
  bias: number;
  sum: number;
}

/** One unit: each input times its weight (the kernel's column `unit`), summed, plus the bias. */
export function denseUnit(input: ArrayLike<number>, kernel: Kernel2, bias: ArrayLike<number> | null, unit: number): DenseUnit {
  const [inputs, units] = kernel.shape;
  if (unit < 0 || unit >= units) throw new Error(`Unit ${unit} does not exist: the layer has ${units} units.`);
  const weights = Array.from({ length: inputs }, (_, i) => kernel.data[i * units + unit]);
  const products = weights.map((w, i) => w * input[i]);
  const dot = products.reduce((a, b) => a + b, 0);
  const b = bias ? bias[unit] : 0;
  return { unit, inputs: Array.from(input), weights, products, dot, bias: b, sum: dot + b };
}

export interface DenseConvention {
  name: string;
  weights: [number, number];
  bias: number[];
  input: [number, number];
  output: [number, number];
  formula: string;
  broadcast: string;
}

/** The same layer's shapes as Keras stores them and as a from-scratch numpy layer writes them. */
export function denseShapes(inputs: number, units: number, batch: number): { keras: DenseConvention; numpy: DenseConvention } {
  return {
    keras: {
      name: 'Keras / TF.js (kernel)',
      weights: [inputs, units],
      bias: [units],
      input: [batch, inputs],
      output: [batch, units],
      formula: `y = x @ kernel + bias: (${batch}, ${inputs}) @ (${inputs}, ${units}) = (${batch}, ${units})`,
      broadcast: `bias (${units},) is added to each of the ${batch} rows`,
    },
    numpy: {
      name: 'numpy from scratch (W)',
      weights: [units, inputs],
      bias: [units, 1],
      input: [inputs, batch],
      output: [units, batch],
      formula: `y = W @ x + b: (${units}, ${inputs}) @ (${inputs}, ${batch}) = (${units}, ${batch})`,
      broadcast: `b (${units}, 1) is added to each of the ${batch} columns; W = kernel.T`,
    },
  };
}
