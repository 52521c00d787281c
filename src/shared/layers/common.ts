// Pieces several layer specs share: parameter fields, checks, and input-rank guards.
import { ACTIVATIONS, PADDINGS, type Activation, type Pair, type Shape } from '../graph/model';
import { convOutputLength } from '../shape/convUtils';
import { TO_KERAS_ACTIVATION, type ConfigReader } from './kerasConfig';
import { boolParam, enumParam } from './params';
import type { ShapeResult, WeightShape } from './types';

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

export const activationParam = enumParam({
  label: 'Activation',
  options: ACTIVATIONS,
  default: 'linear',
  help: 'Applied to each output value. relu keeps positives and zeroes negatives; softmax turns the last axis into class probabilities; leaky relu lets 0.2 of negatives through (Keras\' leaky_relu); linear applies nothing.',
});

export const useBiasParam = boolParam({
  label: 'Use bias',
  default: true,
  help: 'Adds one learned bias per output channel or unit (the "+ 1" in the parameter count).',
});

export const paddingParam = enumParam({
  label: 'Padding',
  options: PADDINGS,
  default: 'valid',
  help: '"valid" uses no padding, so the output shrinks: floor((I - F) / S) + 1. "same" pads with zeros so the output is ceil(I / S), the input size when the stride is 1.',
});

/** Python literals as Keras code writes them. */
export const pyTuple = (v: readonly number[]): string => (v.length === 1 ? `(${v[0]},)` : `(${v.join(', ')})`);
export const pyBool = (b: boolean): string => (b ? 'True' : 'False');
export const pyActivation = (a: Activation): string => `activation="${TO_KERAS_ACTIVATION[a]}"`;

/**
 * Keras' initializer, activity regularizer and constraint fields of a layer with a kernel and a
 * bias (its kernel and bias regularizers are parameters: src/shared/layers/regularizer.ts).
 */
export function expectKernelDefaults(c: ConfigReader): void {
  c.expectInitializer('kernel_initializer', 'GlorotUniform', 'GlorotNormal');
  c.expectInitializer('bias_initializer', 'Zeros');
  for (const key of ['activity_regularizer', 'kernel_constraint', 'bias_constraint', 'quantization_config', 'lora_rank', 'lora_alpha']) {
    c.expect(key, null);
  }
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
