// Pieces several layer specs share: parameter fields, checks, and input-rank guards.
import { ACTIVATIONS, PADDINGS, type Activation, type Pair, type Shape } from '../graph/model';
import { convOutputLength } from '../shape/convUtils';
import { LEAKY_RELU_ALPHA } from '../interop/tfjsActivation';
import type { ParamField, ShapeResult, WeightShape } from './types';

/** Upper bounds that keep a hostile or mistyped value from allocating gigabytes. */
export const LIMITS = { filters: 65_536, units: 1_000_000, window: 1_024, stride: 1_024, dimension: 100_000 } as const;

export const ACTIVATION_LABELS: Record<Activation, string> = {
  linear: 'linear',
  relu: 'relu',
  sigmoid: 'sigmoid',
  softmax: 'softmax',
  tanh: 'tanh',
  leakyRelu: 'leaky relu',
};

export const activationField: ParamField = {
  key: 'activation',
  label: 'Activation',
  type: 'enum',
  options: ACTIVATIONS,
  help: 'Applied to each output value. relu keeps positives and zeroes negatives; softmax turns the last axis into class probabilities; leaky relu lets 0.3 of negatives through; linear applies nothing.',
};

export const useBiasField: ParamField = {
  key: 'useBias',
  label: 'Use bias',
  type: 'bool',
  help: 'Adds one learned bias per output channel or unit (the "+ 1" in the parameter count).',
};

export const paddingField: ParamField = {
  key: 'padding',
  label: 'Padding',
  type: 'enum',
  options: PADDINGS,
  help: '"valid" uses no padding, so the output shrinks: floor((I - F) / S) + 1. "same" pads with zeros so the output is ceil(I / S), the input size when the stride is 1.',
};

export function positiveInt(value: unknown, label: string, max: number): string[] {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    return [`${label} must be a whole number of at least 1 (got ${String(value)}).`];
  }
  if (value > max) return [`${label} must be at most ${max.toLocaleString('en-US')} (got ${value}).`];
  return [];
}

export function positivePair(value: unknown, label: string, max: number): string[] {
  if (!Array.isArray(value) || value.length !== 2) return [`${label} must be two whole numbers (height, width).`];
  return [...positiveInt(value[0], `${label} height`, max), ...positiveInt(value[1], `${label} width`, max)];
}

export function isActivation(value: unknown): value is Activation {
  return (ACTIVATIONS as readonly unknown[]).includes(value);
}

export function activationErrors(value: unknown): string[] {
  return isActivation(value) ? [] : [`Activation must be one of ${ACTIVATIONS.join(', ')} (got ${String(value)}).`];
}

/** Conv and pooling layers want (batch, height, width, channels). */
export function requireImage(input: Shape, label: string): { h: number; w: number; c: number } | { error: string } {
  if (input.length !== 4 || input.slice(1).some((d) => typeof d !== 'number')) {
    const hint = input.length === 2 ? ' It gets a flat vector: put it before the Flatten, or give the Input a shape like 28, 28, 1.' : '';
    return { error: `${label} needs an image input (height, width, channels) but gets ${input.length - 1} ${input.length === 2 ? 'axis' : 'axes'}.${hint}` };
  }
  return { h: input[1] as number, w: input[2] as number, c: input[3] as number };
}

/** Shape rule shared by the pooling layers and Conv2D: the spatial output size of a window. */
export function windowOutput(
  image: { h: number; w: number },
  window: Pair,
  strides: Pair,
  padding: 'valid' | 'same',
  windowName: string,
): { oh: number; ow: number } | { error: string } {
  if (padding === 'valid' && (window[0] > image.h || window[1] > image.w)) {
    return {
      error: `the ${windowName} ${window[0]}x${window[1]} is larger than its ${image.h}x${image.w} input. Use a smaller ${windowName}, "same" padding, or fewer downsampling layers before it.`,
    };
  }
  return {
    oh: convOutputLength(image.h, window[0], padding, strides[0]),
    ow: convOutputLength(image.w, window[1], padding, strides[1]),
  };
}

export function sameShape(input: Shape): ShapeResult {
  return { shape: [...input], formula: 'same shape as its input' };
}

export const noWeights = (): WeightShape[] => [];

/** A Python tuple literal: (3, 3), (784,). */
export const pyTuple = (v: readonly number[]): string => (v.length === 1 ? `(${v[0]},)` : `(${v.join(', ')})`);

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
