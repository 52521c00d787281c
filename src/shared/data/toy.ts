// Toy 2-D data sets generated from a seed: the spiral of "Neural Networks from Scratch", circles,
// XOR, Gaussian blobs and moons. Balanced (the same number of points per class), so a learner
// sees what the network makes of the plane, not of an imbalance.
import { normal, rng, shuffleInPlace } from '../random';

export const TOY_SHAPES = ['spiral', 'circles', 'xor', 'gaussian', 'moons'] as const;
export type ToyShape = (typeof TOY_SHAPES)[number];

export const TOY_LABELS: Record<ToyShape, string> = {
  spiral: 'Spiral',
  circles: 'Circles',
  xor: 'XOR',
  gaussian: 'Gaussian blobs',
  moons: 'Moons',
};

/** What "noise" means per shape, and its default. The spiral's is the course's randn * 0.2 on the angle. */
export const TOY_NOISE: Record<ToyShape, { default: number; meaning: string }> = {
  spiral: { default: 0.2, meaning: 'standard deviation added to each angle t' },
  circles: { default: 0.1, meaning: 'standard deviation added to x and y' },
  xor: { default: 0.1, meaning: 'standard deviation added to x and y' },
  gaussian: { default: 0.3, meaning: 'standard deviation of each blob' },
  moons: { default: 0.1, meaning: 'standard deviation added to x and y' },
};

/** Shapes whose number of classes is fixed; the others take any K from 2. */
export const TOY_FIXED_CLASSES: Partial<Record<ToyShape, number>> = { xor: 2, moons: 2 };
export const TOY_DEFAULT_CLASSES: Record<ToyShape, number> = { spiral: 3, circles: 2, xor: 2, gaussian: 3, moons: 2 };
export const TOY_MAX_CLASSES = 10;

export interface ToyOptions {
  shape: ToyShape;
  /** Points per class. */
  samples: number;
  classes: number;
  noise: number;
  seed: number;
}

export interface ToySet {
  /** x0, y0, x1, y1, ... */
  x: Float32Array;
  y: Uint8Array;
  classes: number;
}

/** numpy.linspace(start, stop, n): n evenly spaced values, both ends included. */
export function linspace(start: number, stop: number, n: number): number[] {
  if (n === 1) return [start];
  return Array.from({ length: n }, (_, i) => start + ((stop - start) * i) / (n - 1));
}

/** Why these options cannot make a data set, or null. */
export function toyProblem(o: ToyOptions): string | null {
  const fixed = TOY_FIXED_CLASSES[o.shape];
  if (fixed !== undefined && o.classes !== fixed) return `${TOY_LABELS[o.shape]} has ${fixed} classes; got ${o.classes}.`;
  if (!Number.isInteger(o.classes) || o.classes < 2 || o.classes > TOY_MAX_CLASSES) return `The number of classes must be a whole number from 2 to ${TOY_MAX_CLASSES}; got ${o.classes}.`;
  if (!Number.isInteger(o.samples) || o.samples < 1) return `The number of points per class must be a whole number of at least 1; got ${o.samples}.`;
  if (!(o.noise >= 0) || !Number.isFinite(o.noise)) return `Noise must be 0 or more; got ${o.noise}.`;
  return null;
}

type Point = [number, number];
type ClassPoints = (k: number, n: number, randn: () => number, uniform: () => number) => Point[];

const GENERATORS: Record<ToyShape, (classes: number, noise: number) => ClassPoints> = {
  // As the course writes it: r = linspace(0, 1, N), t = linspace(k*4, (k+1)*4, N) + randn(N)*0.2,
  // points (r*sin(t*2.5), r*cos(t*2.5)).
  spiral: (_classes, noise) => (k, n, randn) => {
    const r = linspace(0, 1, n);
    const t = linspace(k * 4, (k + 1) * 4, n).map((v) => v + randn() * noise);
    return r.map((ri, i) => [ri * Math.sin(t[i] * 2.5), ri * Math.cos(t[i] * 2.5)]);
  },
  // Concentric rings of radius (k+1)/K.
  circles: (classes, noise) => (k, n, randn, uniform) =>
    Array.from({ length: n }, () => {
      const a = 2 * Math.PI * uniform();
      const r = (k + 1) / classes;
      return [r * Math.cos(a) + randn() * noise, r * Math.sin(a) + randn() * noise];
    }),
  // Class 0 in the quadrants where x*y > 0, class 1 where x*y < 0 (before the noise).
  xor: (_classes, noise) => (k, n, randn, uniform) =>
    Array.from({ length: n }, () => {
      const sx = uniform() < 0.5 ? -1 : 1;
      const sy = k === 0 ? sx : -sx;
      return [sx * (0.05 + 0.95 * uniform()) + randn() * noise, sy * (0.05 + 0.95 * uniform()) + randn() * noise];
    }),
  // K blobs with centres evenly spaced on the unit circle.
  gaussian: (classes, noise) => (k, n, randn) => {
    const a = (2 * Math.PI * k) / classes;
    return Array.from({ length: n }, () => [Math.cos(a) + randn() * noise, Math.sin(a) + randn() * noise]);
  },
  // scikit-learn's make_moons: an upper half circle and a lower one, shifted to interlock.
  moons: (_classes, noise) => (k, n, randn) =>
    linspace(0, Math.PI, n).map((t) =>
      k === 0 ? [Math.cos(t) + randn() * noise, Math.sin(t) + randn() * noise] : [1 - Math.cos(t) + randn() * noise, 1 - Math.sin(t) - 0.5 + randn() * noise],
    ),
};

/**
 * N points per class, shuffled with the same seed (the trainer holds out the last part for
 * validation, which must not be one class).
 */
export function generateToy(o: ToyOptions): ToySet {
  const problem = toyProblem(o);
  if (problem) throw new Error(problem);
  const uniform = rng(o.seed);
  const randn = normal(uniform);
  const classPoints = GENERATORS[o.shape](o.classes, o.noise);
  const total = o.samples * o.classes;
  const x = new Float32Array(total * 2);
  const y = new Uint8Array(total);
  const order = shuffleInPlace(Int32Array.from({ length: total }, (_, i) => i), rng(o.seed ^ 0x5bd1e995));
  let i = 0;
  for (let k = 0; k < o.classes; k++) {
    for (const [px, py] of classPoints(k, o.samples, randn, uniform)) {
      const at = order[i++];
      x[at * 2] = px;
      x[at * 2 + 1] = py;
      y[at] = k;
    }
  }
  return { x, y, classes: o.classes };
}

/** The seed of the test set: another stream from the same distribution. */
export function testSeed(seed: number): number {
  return (seed * 2654435761 + 1) >>> 0;
}
