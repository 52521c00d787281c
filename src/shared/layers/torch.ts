// PyTorch pieces several layer kinds share: activations on an expression and Keras' "same" padding.
import type { Activation, Pair, Shape } from '../graph/model';
import { LEAKY_RELU_ACTIVATION_SLOPE as LEAKY_RELU_ALPHA } from './tfjsActivation';

/** An activation applied to a PyTorch expression; softmax over dim 1, the channels in NCHW as the units in (N, units). */
export function torchActivation(activation: Activation, x: string): string {
  switch (activation) {
    case 'linear':
      return x;
    case 'relu':
      return `F.relu(${x})`;
    case 'sigmoid':
      return `torch.sigmoid(${x})`;
    case 'tanh':
      return `torch.tanh(${x})`;
    case 'softmax':
      return `F.softmax(${x}, dim=1)`;
    case 'leakyRelu':
      return `F.leaky_relu(${x}, ${LEAKY_RELU_ALPHA})`;
  }
}

/** A Keras (channels-last) axis as PyTorch's dim: rank-4 tensors are NCHW there, so channels (3) become 1, height and width 2 and 3. */
export function torchAxis(axis: number, rank: number): number {
  const a = axis < 0 ? rank + axis : axis;
  return rank === 4 ? [0, 2, 3, 1][a]! : a;
}

/**
 * Keras' "same" padding as PyTorch's F.pad argument (left, right, top, bottom): the total that makes
 * the output ceil(I / S), with the odd pixel at the bottom and right as TensorFlow puts it.
 */
export function samePadding(input: Shape, window: Pair, strides: Pair): [number, number, number, number] {
  const total = (size: number, k: number, s: number): number => Math.max((Math.ceil(size / s) - 1) * s + k - size, 0);
  const th = total(input[1] as number, window[0], strides[0]);
  const tw = total(input[2] as number, window[1], strides[1]);
  return [Math.floor(tw / 2), tw - Math.floor(tw / 2), Math.floor(th / 2), th - Math.floor(th / 2)];
}
