// Output-length arithmetic of convolution and pooling, named as in tfjs-layers' conv_utils.
import type { Padding } from '../graph/model';

/**
 * Keras: valid -> floor((I - F) / S) + 1; same -> ceil(I / S). A result below 1 means the
 * window does not fit: callers turn that into an error naming the layer.
 */
export function convOutputLength(inputLength: number, filterSize: number, padding: Padding, stride: number): number {
  if (padding === 'same') return Math.ceil(inputLength / stride);
  return Math.floor((inputLength - filterSize) / stride) + 1;
}

/** Total zero padding 'same' adds on one axis (TensorFlow puts the odd one at the end). */
export function samePaddingTotal(inputLength: number, filterSize: number, stride: number): number {
  const out = Math.ceil(inputLength / stride);
  return Math.max((out - 1) * stride + filterSize - inputLength, 0);
}

/** For learners: how one axis' length was found, with the numbers filled in. */
export function explainConvLength(inputLength: number, filterSize: number, padding: Padding, stride: number): string {
  const out = convOutputLength(inputLength, filterSize, padding, stride);
  if (padding === 'valid') {
    return `floor((${inputLength} - ${filterSize}) / ${stride}) + 1 = ${out}`;
  }
  const pad = samePaddingTotal(inputLength, filterSize, stride);
  const p = pad / 2;
  const padText = Number.isInteger(p) ? `P = ${p}` : `P = ${Math.floor(p)} + ${Math.ceil(p)} (total ${pad})`;
  return `ceil(${inputLength} / ${stride}) = ${out}  [${padText}: floor((${inputLength} - ${filterSize} + ${pad}) / ${stride}) + 1 = ${out}]`;
}

/** "valid: floor((28 - 3) / 1) + 1 = 26", one line for both axes when they agree. */
export function explainConv2d(
  input: [number, number],
  window: [number, number],
  padding: Padding,
  strides: [number, number],
): string {
  const h = explainConvLength(input[0], window[0], padding, strides[0]);
  const w = explainConvLength(input[1], window[1], padding, strides[1]);
  return h === w ? `${padding}: ${h}` : `${padding}: H ${h}; W ${w}`;
}
