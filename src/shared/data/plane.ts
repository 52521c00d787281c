// The plane a two-input network's decision boundary is drawn over: its bounds, the points shown
// on it, and the grid of inputs the network is asked about (row 0 at the top, as drawn).
import type { PlaneData } from '../ipc/training';
import { argmaxRow } from './argmax';

/** At most this many training and test points travel to the UI (enough to see the data). */
export const MAX_PLANE_POINTS = 4000;
/** Grid cells per side for the heatmap. */
export const BOUNDARY_RESOLUTION = 80;

function first(x: Float32Array, y: Uint8Array, n: number): { x: Float32Array; y: Uint8Array } {
  const k = Math.min(n, y.length);
  return { x: x.slice(0, k * 2), y: y.slice(0, k) };
}

/** Square-ish bounds around all points with a 10% margin, so the boundary shows beyond the data. */
export function planeOf(trainX: Float32Array, trainY: Uint8Array, testX: Float32Array, testY: Uint8Array): PlaneData {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const a of [trainX, testX]) {
    for (let i = 0; i < a.length; i += 2) {
      xMin = Math.min(xMin, a[i]);
      xMax = Math.max(xMax, a[i]);
      yMin = Math.min(yMin, a[i + 1]);
      yMax = Math.max(yMax, a[i + 1]);
    }
  }
  if (!Number.isFinite(xMin)) [xMin, xMax, yMin, yMax] = [-1, 1, -1, 1];
  const mx = Math.max((xMax - xMin) * 0.1, 1e-3);
  const my = Math.max((yMax - yMin) * 0.1, 1e-3);
  const train = first(trainX, trainY, MAX_PLANE_POINTS);
  const test = first(testX, testY, MAX_PLANE_POINTS);
  return { xMin: xMin - mx, xMax: xMax + mx, yMin: yMin - my, yMax: yMax + my, train: train.x, trainLabels: train.y, test: test.x, testLabels: test.y };
}

/** Cell centres, row by row from the top (yMax) down, left to right: x0, y0, x1, y1, ... */
export function gridInputs(p: Pick<PlaneData, 'xMin' | 'xMax' | 'yMin' | 'yMax'>, resolution: number): Float32Array {
  const out = new Float32Array(resolution * resolution * 2);
  for (let row = 0; row < resolution; row++) {
    for (let col = 0; col < resolution; col++) {
      const i = (row * resolution + col) * 2;
      out[i] = p.xMin + ((col + 0.5) / resolution) * (p.xMax - p.xMin);
      out[i + 1] = p.yMax - ((row + 0.5) / resolution) * (p.yMax - p.yMin);
    }
  }
  return out;
}

/** The class each cell predicts and how sure: argmax and max probability of each row of K outputs. */
export function argmaxRows(values: Float32Array, outputs: number): { classes: Uint8Array; confidence: Float32Array } {
  const n = Math.floor(values.length / outputs);
  const classes = new Uint8Array(n);
  const confidence = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const best = argmaxRow(values, i, outputs);
    classes[i] = best;
    confidence[i] = values[i * outputs + best];
  }
  return { classes, confidence };
}
