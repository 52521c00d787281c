import { describe, expect, it } from 'vitest';
import { generateToy, linspace, testSeed, TOY_DEFAULT_CLASSES, TOY_NOISE, TOY_SHAPES, type ToyOptions } from '@shared/data/toy';
import { argmaxRows, gridInputs, planeOf } from '@shared/data/plane';

const opts = (o: Partial<ToyOptions> = {}): ToyOptions => ({ shape: 'spiral', samples: 100, classes: 3, noise: 0.2, seed: 1, ...o });

function pointsOf(set: ReturnType<typeof generateToy>, k: number): [number, number][] {
  const out: [number, number][] = [];
  set.y.forEach((c, i) => c === k && out.push([set.x[i * 2], set.x[i * 2 + 1]]));
  return out;
}

describe('toy 2-D data sets', () => {
  it('linspace includes both ends, as numpy does', () => {
    expect(linspace(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(4, 8, 3)).toEqual([4, 6, 8]);
  });

  it.each(TOY_SHAPES)('%s: N points per class, balanced, 2 features, finite', (shape) => {
    const classes = TOY_DEFAULT_CLASSES[shape];
    const set = generateToy(opts({ shape, classes, noise: TOY_NOISE[shape].default, samples: 250 }));
    expect(set.x).toHaveLength(250 * classes * 2);
    expect(set.y).toHaveLength(250 * classes);
    for (let k = 0; k < classes; k++) expect(set.y.filter((c) => c === k)).toHaveLength(250);
    expect(set.x.every(Number.isFinite)).toBe(true);
  });

  it('the same seed gives the same points; another seed other points', () => {
    const a = generateToy(opts());
    expect(generateToy(opts())).toEqual(a);
    const b = generateToy(opts({ seed: testSeed(1) }));
    expect(Array.from(b.x)).not.toEqual(Array.from(a.x));
  });

  it('is shuffled, so a validation split taken from the end holds every class', () => {
    const set = generateToy(opts({ samples: 1000 }));
    const tail = set.y.subarray(2700);
    for (let k = 0; k < 3; k++) expect(tail.filter((c) => c === k).length).toBeGreaterThan(60);
  });

  it('spiral follows the course: radius linspace(0, 1, N), angle from linspace(k*4, (k+1)*4, N) * 2.5', () => {
    // Without noise every point is exactly r*sin(t*2.5), r*cos(t*2.5).
    const set = generateToy(opts({ noise: 0, samples: 5 }));
    const r = linspace(0, 1, 5);
    for (let k = 0; k < 3; k++) {
      const t = linspace(k * 4, (k + 1) * 4, 5);
      const expected = r.map((ri, i) => [ri * Math.sin(t[i] * 2.5), ri * Math.cos(t[i] * 2.5)]);
      const got = pointsOf(set, k).sort((p, q) => Math.hypot(...p) - Math.hypot(...q));
      got.forEach((p, i) => {
        expect(p[0]).toBeCloseTo(expected[i][0], 6);
        expect(p[1]).toBeCloseTo(expected[i][1], 6);
      });
    }
    // With noise, radii stay linspace(0, 1, N); only the angles move (by about 0.2 * 2.5 rad).
    const noisy = generateToy(opts({ samples: 11 }));
    expect(pointsOf(noisy, 1).map((p) => Math.hypot(...p)).sort((a, b) => a - b).map((v) => +v.toFixed(5))).toEqual(linspace(0, 1, 11).map((v) => +v.toFixed(5)));
  });

  it('circles: class k lies on radius (k+1)/K; blobs centre on the unit circle; XOR by quadrant', () => {
    const circles = generateToy(opts({ shape: 'circles', classes: 2, noise: 0 }));
    for (const [x, y] of pointsOf(circles, 0)) expect(Math.hypot(x, y)).toBeCloseTo(0.5, 5);
    for (const [x, y] of pointsOf(circles, 1)) expect(Math.hypot(x, y)).toBeCloseTo(1, 5);
    const blobs = generateToy(opts({ shape: 'gaussian', classes: 4, noise: 0.1, samples: 400 }));
    const mean = (k: number) => pointsOf(blobs, k).reduce((m, p) => [m[0] + p[0] / 400, m[1] + p[1] / 400], [0, 0]);
    expect(mean(1)[0]).toBeCloseTo(0, 1);
    expect(mean(1)[1]).toBeCloseTo(1, 1);
    const xor = generateToy(opts({ shape: 'xor', classes: 2, noise: 0 }));
    for (const [x, y] of pointsOf(xor, 0)) expect(x * y).toBeGreaterThan(0);
    for (const [x, y] of pointsOf(xor, 1)) expect(x * y).toBeLessThan(0);
    const moons = generateToy(opts({ shape: 'moons', classes: 2, noise: 0 }));
    for (const [x, y] of pointsOf(moons, 0)) expect(Math.hypot(x, y)).toBeCloseTo(1, 5);
    for (const [x, y] of pointsOf(moons, 1)) expect(Math.hypot(x - 1, y - 0.5)).toBeCloseTo(1, 5);
  });

  it('refuses what it cannot make, saying why', () => {
    expect(() => generateToy(opts({ shape: 'xor', classes: 3 }))).toThrow('XOR has 2 classes; got 3.');
    expect(() => generateToy(opts({ classes: 11 }))).toThrow('from 2 to 10');
    expect(() => generateToy(opts({ noise: -1 }))).toThrow('Noise must be 0 or more');
  });
});

describe('the decision-boundary plane', () => {
  it('bounds hold every point with a margin; the grid runs row by row from the top', () => {
    const p = planeOf(Float32Array.from([0, 0, 1, 2]), Uint8Array.from([0, 1]), Float32Array.from([-1, 1]), Uint8Array.from([1]));
    expect([p.xMin, p.xMax, p.yMin, p.yMax].map((v) => +v.toFixed(6))).toEqual([-1.2, 1.2, -0.2, 2.2]);
    const g = gridInputs({ xMin: 0, xMax: 2, yMin: 0, yMax: 2 }, 2);
    expect(Array.from(g)).toEqual([0.5, 1.5, 1.5, 1.5, 0.5, 0.5, 1.5, 0.5]);
    const { classes, confidence } = argmaxRows(Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.2, 0.3]), 3);
    expect(Array.from(classes)).toEqual([1, 0]);
    expect(Array.from(confidence)).toEqual([Math.fround(0.7), Math.fround(0.5)]);
  });
});
