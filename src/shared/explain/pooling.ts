// One unit of a pooling layer: the window on one channel and the value it keeps. Keras's "same"
// padding never lets a padded cell win a max, and averages only the real cells under the window.
import type { Padding, Pair } from '../graph/model';
import { at, placeWindow, type Tensor3, type UnitPlacement } from './window';

export interface PoolParams {
  poolSize: Pair;
  /** null: the same as poolSize, as in Keras. */
  strides: Pair | null;
  padding: Padding;
}

export interface PoolUnit extends UnitPlacement {
  /** [ph][pw] on this channel; null where the window lies on padding. */
  window: (number | null)[][];
  mode: 'max' | 'average';
  /** Max: the winning cell [i, j] in the window. */
  argmax: [number, number] | null;
  /** Average: the sum and how many real cells it divides by. */
  sum: number;
  count: number;
  output: number;
}

export function poolUnit(input: Tensor3, params: PoolParams, mode: 'max' | 'average', row: number, col: number, channel: number): PoolUnit {
  const [ph, pw] = params.poolSize;
  if (channel < 0 || channel >= input.shape[2]) throw new Error(`Channel ${channel} does not exist: the input has ${input.shape[2]} channels.`);
  const place = placeWindow(input.shape[0], input.shape[1], params.poolSize, params.strides ?? params.poolSize, params.padding, row, col);
  const window: (number | null)[][] = [];
  let best = -Infinity;
  let argmax: [number, number] | null = null;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < ph; i++) {
    window.push([]);
    for (let j = 0; j < pw; j++) {
      const v = at(input, place.top + i, place.left + j, channel);
      window[i].push(v);
      if (v === null) continue;
      sum += v;
      count++;
      if (v > best) [best, argmax] = [v, [i, j]];
    }
  }
  const output = mode === 'max' ? best : sum / count;
  return { row, col, channel, ...place, window, mode, argmax: mode === 'max' ? argmax : null, sum, count, output };
}
