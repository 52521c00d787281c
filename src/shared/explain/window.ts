// Where a kernel or pooling window sits on its input, as Keras/TensorFlow place it: "valid" starts
// at the top-left corner; "same" pads so that the output is ceil(I / S), with the odd extra row or
// column of padding at the bottom/right.
import type { Padding, Pair } from '../graph/model';

export interface Span {
  /** Padding added before (top/left) and after (bottom/right). */
  before: number;
  after: number;
  /** Output length along this axis. */
  out: number;
}

export function span(inputLength: number, window: number, stride: number, padding: Padding): Span {
  if (padding === 'valid') return { before: 0, after: 0, out: Math.floor((inputLength - window) / stride) + 1 };
  const out = Math.ceil(inputLength / stride);
  const total = Math.max((out - 1) * stride + window - inputLength, 0);
  return { before: Math.floor(total / 2), after: total - Math.floor(total / 2), out };
}

export interface WindowPlacement {
  /** Input row/column of the window's top-left cell (negative inside the padding). */
  top: number;
  left: number;
  padding: { top: number; bottom: number; left: number; right: number };
  outputSize: Pair;
}

/** Which output unit is explained, and where its window sits (shared by convolution and pooling). */
export interface UnitPlacement extends WindowPlacement {
  row: number;
  col: number;
  channel: number;
}

/** The window producing output cell (row, col) of an input h x w. */
export function placeWindow(h: number, w: number, window: Pair, strides: Pair, padding: Padding, row: number, col: number): WindowPlacement {
  const rows = span(h, window[0], strides[0], padding);
  const cols = span(w, window[1], strides[1], padding);
  if (row < 0 || row >= rows.out || col < 0 || col >= cols.out) {
    throw new Error(`Position (${row}, ${col}) is outside the ${rows.out}x${cols.out} output.`);
  }
  return {
    top: row * strides[0] - rows.before,
    left: col * strides[1] - cols.before,
    padding: { top: rows.before, bottom: rows.after, left: cols.before, right: cols.after },
    outputSize: [rows.out, cols.out],
  };
}

/** A channels-last [h, w, c] tensor as a flat array with its shape. */
export interface Tensor3 {
  shape: [number, number, number];
  data: ArrayLike<number>;
}

/** Value at (r, c, ch), or null where (r, c) falls in the padding. */
export function at(t: Tensor3, r: number, c: number, ch: number): number | null {
  const [h, w, cs] = t.shape;
  if (r < 0 || r >= h || c < 0 || c >= w) return null;
  return t.data[(r * w + c) * cs + ch];
}
