// One unit of a Conv2D feature map, step by step: the input patch under the kernel (zeros where it
// hangs over the padding), the kernel of that output channel, their element-wise products, the sum
// plus the bias, and the activation. Plain loops in float64, as a learner would write them.
import type { Activation, Padding, Pair } from '../graph/model';
import { activate, type ScalarActivation } from './activation';
import { softmax } from './softmax';
import { at, placeWindow, type Tensor3, type UnitPlacement } from './window';

export interface ConvParams {
  kernelSize: Pair;
  strides: Pair;
  padding: Padding;
  activation: Activation;
}

/** A Conv2D kernel [kh, kw, cin, cout] (Keras's layout), flat. */
export interface Kernel4 {
  shape: [number, number, number, number];
  data: ArrayLike<number>;
}

export interface ConvUnit extends UnitPlacement {
  /** [kh][kw][cin]: the layer's input under the kernel, 0 where padded. */
  inputPatch: number[][][];
  /** [kh][kw]: true where the kernel cell lies on padding. */
  padded: boolean[][];
  /** [kh][kw][cin]: the kernel of this output channel. */
  kernel: number[][][];
  /** [kh][kw][cin]: inputPatch x kernel, element by element. */
  products: number[][][];
  /** Sum of the products, per input channel. */
  channelSums: number[];
  /** Sum of all products. */
  dot: number;
  bias: number;
  /** The pre-activation: dot + bias. */
  sum: number;
  /** After the activation. */
  output: number;
}

function kernelAt(k: Kernel4, i: number, j: number, c: number, o: number): number {
  const [, kw, cin, cout] = k.shape;
  return k.data[((i * kw + j) * cin + c) * cout + o];
}

function preActivation(input: Tensor3, kernel: Kernel4, bias: ArrayLike<number> | null, top: number, left: number, o: number): number {
  const [kh, kw, cin] = kernel.shape;
  let s = bias ? bias[o] : 0;
  for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) for (let c = 0; c < cin; c++) s += (at(input, top + i, left + j, c) ?? 0) * kernelAt(kernel, i, j, c, o);
  return s;
}

export function convUnit(input: Tensor3, kernel: Kernel4, bias: ArrayLike<number> | null, params: ConvParams, row: number, col: number, channel: number): ConvUnit {
  const [kh, kw, cin, cout] = kernel.shape;
  if (cin !== input.shape[2]) throw new Error(`The kernel expects ${cin} input channels; the input has ${input.shape[2]}.`);
  if (channel < 0 || channel >= cout) throw new Error(`Channel ${channel} does not exist: the layer has ${cout} filters (0 to ${cout - 1}).`);
  const place = placeWindow(input.shape[0], input.shape[1], [kh, kw], params.strides, params.padding, row, col);
  const inputPatch: number[][][] = [];
  const padded: boolean[][] = [];
  const kern: number[][][] = [];
  const products: number[][][] = [];
  const channelSums = new Array<number>(cin).fill(0);
  let dot = 0;
  for (let i = 0; i < kh; i++) {
    inputPatch.push([]);
    padded.push([]);
    kern.push([]);
    products.push([]);
    for (let j = 0; j < kw; j++) {
      const px: number[] = [];
      const kx: number[] = [];
      const pr: number[] = [];
      let isPad = false;
      for (let c = 0; c < cin; c++) {
        const v = at(input, place.top + i, place.left + j, c);
        isPad = v === null;
        const k = kernelAt(kernel, i, j, c, channel);
        const p = (v ?? 0) * k;
        px.push(v ?? 0);
        kx.push(k);
        pr.push(p);
        channelSums[c] += p;
        dot += p;
      }
      inputPatch[i].push(px);
      padded[i].push(isPad);
      kern[i].push(kx);
      products[i].push(pr);
    }
  }
  const b = bias ? bias[channel] : 0;
  const sum = dot + b;
  let output: number;
  if (params.activation === 'softmax') {
    // Softmax runs over the channels at this position: every filter's pre-activation is needed.
    const all = Array.from({ length: cout }, (_, o) => preActivation(input, kernel, bias, place.top, place.left, o));
    output = softmax(all).probabilities[channel];
  } else output = activate(params.activation as ScalarActivation, sum);
  return { row, col, channel, ...place, inputPatch, padded, kernel: kern, products, channelSums, dot, bias: b, sum, output };
}
