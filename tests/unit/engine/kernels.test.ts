import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSimdKernels, maxPoolGrad, registerWasmGradientKernels, useSimdKernels } from '../../../src/engine/wasmKernels';
import { matMul2d } from '../../../src/engine/rawOps';

// Conv2D and its gradients on the wasm backend (with our kernels) against the cpu backend's reference
// kernels, on the same numbers. Each backend's tensors stay in their own phase: values cross as
// plain arrays only. Every case runs twice: with NetBuilder's SIMD kernels (which take the shapes
// with channels in fours) and with the forms used where they cannot run.

interface Case {
  n: number;
  h: number;
  w: number;
  cin: number;
  cout: number;
  f: [number, number];
  s: [number, number];
  pad: 'valid' | 'same';
}

const cases: Case[] = [
  { n: 2, h: 8, w: 8, cin: 1, cout: 4, f: [3, 3], s: [1, 1], pad: 'valid' },
  { n: 3, h: 9, w: 7, cin: 3, cout: 5, f: [3, 3], s: [1, 1], pad: 'same' },
  { n: 2, h: 11, w: 11, cin: 2, cout: 3, f: [2, 2], s: [2, 2], pad: 'valid' },
  { n: 1, h: 10, w: 9, cin: 4, cout: 2, f: [3, 2], s: [2, 1], pad: 'same' },
  { n: 4, h: 13, w: 13, cin: 32, cout: 64, f: [3, 3], s: [1, 1], pad: 'valid' },
  { n: 2, h: 7, w: 7, cin: 3, cout: 6, f: [5, 5], s: [1, 1], pad: 'same' },
  { n: 2, h: 12, w: 10, cin: 2, cout: 2, f: [4, 3], s: [3, 2], pad: 'valid' },
  { n: 2, h: 6, w: 6, cin: 1, cout: 1, f: [6, 6], s: [1, 1], pad: 'valid' },
  // One input channel takes another filter-gradient kernel: strides and padding there too.
  { n: 3, h: 10, w: 10, cin: 1, cout: 4, f: [3, 3], s: [1, 1], pad: 'same' },
  { n: 2, h: 9, w: 7, cin: 1, cout: 3, f: [3, 3], s: [2, 2], pad: 'same' },
  { n: 2, h: 12, w: 10, cin: 1, cout: 2, f: [4, 3], s: [3, 2], pad: 'valid' },
  // The SIMD kernels' tiles: 8 and 4 output channels, 4 and 1 input channels (filter gradient);
  // 8 and 4 input channels, 4 pixels and single pixels (input gradient); taps cut by the padding.
  { n: 2, h: 28, w: 28, cin: 1, cout: 32, f: [3, 3], s: [1, 1], pad: 'valid' },
  { n: 2, h: 9, w: 10, cin: 8, cout: 12, f: [3, 3], s: [2, 2], pad: 'same' },
  { n: 2, h: 7, w: 11, cin: 12, cout: 4, f: [5, 3], s: [1, 2], pad: 'same' },
  { n: 1, h: 6, w: 6, cin: 5, cout: 8, f: [2, 2], s: [3, 3], pad: 'valid' },
  { n: 3, h: 5, w: 4, cin: 4, cout: 16, f: [5, 5], s: [1, 1], pad: 'same' },
  { n: 2, h: 4, w: 4, cin: 16, cout: 8, f: [3, 3], s: [4, 4], pad: 'same' },
  // 9 input and 7 output channels: tiles of 8 or 4 and single channels, in all three kernels.
  { n: 2, h: 6, w: 7, cin: 9, cout: 7, f: [3, 3], s: [2, 1], pad: 'same' },
];

function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
}

function data(c: Case, seed: number): { x: Float32Array; w: Float32Array; dy: Float32Array; out: number[] } {
  const rand = seeded(seed);
  const outH = c.pad === 'same' ? Math.ceil(c.h / c.s[0]) : Math.floor((c.h - c.f[0]) / c.s[0]) + 1;
  const outW = c.pad === 'same' ? Math.ceil(c.w / c.s[1]) : Math.floor((c.w - c.f[1]) / c.s[1]) + 1;
  const fill = (n: number): Float32Array => Float32Array.from({ length: n }, rand);
  return { x: fill(c.n * c.h * c.w * c.cin), w: fill(c.f[0] * c.f[1] * c.cin * c.cout), dy: fill(c.n * outH * outW * c.cout), out: [c.n, outH, outW, c.cout] };
}

/** conv2d(x, w) and the gradients of sum(conv2d(x, w) * dy) with respect to x and w, on the current backend. */
function gradients(c: Case, d: ReturnType<typeof data>): { y: Float32Array; dx: Float32Array; dw: Float32Array } {
  const x = tf.tensor4d(d.x, [c.n, c.h, c.w, c.cin]);
  const w = tf.tensor4d(d.w, [c.f[0], c.f[1], c.cin, c.cout]);
  const dy = tf.tensor4d(d.dy, d.out as [number, number, number, number]);
  const y = tf.conv2d(x, w, c.s, c.pad);
  const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.s, c.pad).mul(dy).sum());
  const [dx, dw] = g([x, w]);
  const out = { y: y.dataSync() as Float32Array, dx: dx.dataSync() as Float32Array, dw: dw.dataSync() as Float32Array };
  tf.dispose([x, w, dy, y, dx, dw]);
  return out;
}

const reference = new Map<Case, { y: Float32Array; dx: Float32Array; dw: Float32Array }>();

beforeAll(async () => {
  await tf.setBackend('cpu');
  cases.forEach((c, i) => reference.set(c, gradients(c, data(c, i + 1))));
  registerWasmGradientKernels();
  await tf.setBackend('wasm');
  expect(await loadSimdKernels()).toBeNull();
});

const FORMS = [
  ['SIMD kernels', true],
  ['other forms', false],
] as const;

function maxRelError(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  const scale = Math.max(1, ...Array.from(b, Math.abs));
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / scale);
  return worst;
}

describe.each(FORMS)('wasm conv2d and its gradients, %s', (_form, on) => {
  beforeAll(() => useSimdKernels(on));
  it.each(cases.map((c) => [`${c.n}x${c.h}x${c.w}x${c.cin} * ${c.f.join('x')}x${c.cout}, stride ${c.s.join('x')}, ${c.pad}`, c] as const))(
    '%s matches the cpu backend',
    (_label, c) => {
      expect(tf.getBackend()).toBe('wasm');
      const before = tf.memory().numTensors;
      const got = gradients(c, data(c, cases.indexOf(c) + 1));
      const want = reference.get(c)!;
      expect(got.dw.length).toBe(want.dw.length);
      expect(maxRelError(got.y, want.y)).toBeLessThan(1e-5);
      expect(maxRelError(got.dw, want.dw)).toBeLessThan(1e-4);
      expect(maxRelError(got.dx, want.dx)).toBeLessThan(1e-4);
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('matches a numerical gradient of the filter', () => {
    const c = cases[3];
    const d = data(c, 99);
    const analytic = gradients(c, d).dw;
    const loss = (w: Float32Array): number =>
      tf.tidy(() => tf.conv2d(tf.tensor4d(d.x, [c.n, c.h, c.w, c.cin]), tf.tensor4d(w, [c.f[0], c.f[1], c.cin, c.cout]), c.s, c.pad).mul(tf.tensor4d(d.dy, d.out as [number, number, number, number])).sum().dataSync()[0]);
    const eps = 1e-2;
    for (const i of [0, 5, 11, analytic.length - 1]) {
      const plus = Float32Array.from(d.w);
      const minus = Float32Array.from(d.w);
      plus[i] += eps;
      minus[i] -= eps;
      const numeric = (loss(plus) - loss(minus)) / (2 * eps);
      expect(Math.abs(numeric - analytic[i])).toBeLessThan(2e-2 * Math.max(1, Math.abs(numeric)));
    }
  });
});

describe.each(FORMS)('wasm max-pool gradient, %s', (_form, on) => {
  beforeAll(() => useSimdKernels(on));
  const pools: { shape: [number, number, number, number]; f: [number, number]; s: [number, number]; pad: 'valid' | 'same' }[] = [
    { shape: [2, 26, 26, 8], f: [2, 2], s: [2, 2], pad: 'valid' },
    { shape: [2, 11, 11, 4], f: [2, 2], s: [2, 2], pad: 'valid' },
    { shape: [1, 7, 9, 3], f: [3, 3], s: [2, 2], pad: 'same' },
    { shape: [2, 8, 8, 2], f: [3, 2], s: [1, 1], pad: 'valid' },
    // 2x2 with stride 2 and 'same' padding: on an odd size the last window is cut by the padding.
    { shape: [2, 7, 9, 3], f: [2, 2], s: [2, 2], pad: 'same' },
    { shape: [1, 6, 8, 5], f: [2, 2], s: [2, 2], pad: 'same' },
    // Four channels at a time in the SIMD kernel: even sizes (every input in a window) and odd ones.
    { shape: [2, 6, 8, 12], f: [2, 2], s: [2, 2], pad: 'same' },
    { shape: [3, 13, 9, 4], f: [2, 2], s: [2, 2], pad: 'valid' },
  ];
  it.each(pools.map((p) => [JSON.stringify(p), p] as const))('%s matches the cpu backend, ties included', async (_label, p) => {
    const size = p.shape.reduce((a, b) => a * b, 1);
    const rand = seeded(7);
    // Values on a coarse grid so windows often hold equal maxima (as relu zeros do).
    const values = Float32Array.from({ length: size }, () => Math.round(rand() * 3));
    const grad = (): Float32Array => {
      const x = tf.tensor4d(values, p.shape);
      const dx = tf.grad((t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, p.f, p.s, p.pad).mul(tf.range(1, 1 + tf.maxPool(x, p.f, p.s, p.pad).size).reshape(tf.maxPool(x, p.f, p.s, p.pad).shape)).sum())(x);
      const out = dx.dataSync() as Float32Array;
      tf.dispose([x, dx]);
      return out;
    };
    const wasm = grad();
    await tf.setBackend('cpu');
    const cpu = grad();
    await tf.setBackend('wasm');
    expect(Array.from(wasm)).toEqual(Array.from(cpu));
  });
});

describe("Conv2D with 'same' padding that works out to none (a stride larger than the filter)", () => {
  // tfjs-wasm's own kernels give zeros here; NetBuilder hands them 'valid', which is the same.
  const shapes = [
    { h: 8, f: 2, s: 4, cin: 1 },
    { h: 7, f: 2, s: 4, cin: 3 },
    { h: 9, f: 2, s: 3, cin: 8 },
    { h: 4, f: 3, s: 4, cin: 16 },
    // 'same' with real padding stays 'same'.
    { h: 5, f: 2, s: 4, cin: 3 },
  ];
  it.each(shapes)('$h x $h x $cin, $f x $f filter, stride $s: conv2d and fused conv2d (bias, relu) equal the cpu backend', async ({ h, f, s, cin }) => {
    const rand = seeded(h * 100 + f * 10 + s);
    const x = Float32Array.from({ length: 2 * h * h * cin }, rand);
    const w = Float32Array.from({ length: f * f * cin * 5 }, rand);
    const bias = Float32Array.from({ length: 5 }, rand);
    const outputs = (): number[][] =>
      tf.tidy(() => {
        const xt = tf.tensor4d(x, [2, h, h, cin]);
        const wt = tf.tensor4d(w, [f, f, cin, 5]);
        const plain = tf.conv2d(xt, wt, s, 'same');
        const fused = tf.fused.conv2d({ x: xt, filter: wt, strides: s, pad: 'same', bias: tf.tensor1d(bias), activation: 'relu' });
        return [Array.from(plain.dataSync()), Array.from(fused.dataSync())];
      });
    const wasm = outputs();
    await tf.setBackend('cpu');
    const cpu = outputs();
    await tf.setBackend('wasm');
    expect(cpu[0].some((v) => v !== 0)).toBe(true);
    for (const k of [0, 1]) expect(maxRelError(Float32Array.from(wasm[k]), Float32Array.from(cpu[k]))).toBeLessThan(1e-5);
  });
});

describe('matrix products with transposed operands on wasm (the Dense gradients)', () => {
  // Tall and wide results: each takes the other orientation of the product.
  const shapes: [number, number, number][] = [
    [16, 1600, 10],
    [1600, 16, 10],
    [7, 5, 3],
    [3, 9, 11],
  ];
  const combos = shapes.flatMap(([m, k, n]) => [false, true].flatMap((ta) => [false, true].map((tb) => ({ m, k, n, ta, tb }))));
  it.each(combos)('$m x $k by $k x $n, transposeA $ta, transposeB $tb, equals the cpu backend', async ({ m, k, n, ta, tb }) => {
    const rand = seeded(m * 31 + k * 7 + n);
    const a = Float32Array.from({ length: m * k }, rand);
    const b = Float32Array.from({ length: k * n }, rand);
    const product = (): number[] => {
      const ta2 = tf.tensor2d(a, ta ? [k, m] : [m, k]);
      const tb2 = tf.tensor2d(b, tb ? [n, k] : [k, n]);
      const out = matMul2d(ta2, tb2, ta, tb);
      expect(out.shape).toEqual([m, n]);
      const values = Array.from(out.dataSync());
      tf.dispose([ta2, tb2, out]);
      return values;
    };
    const before = tf.memory().numTensors;
    const wasm = product();
    expect(tf.memory().numTensors).toBe(before);
    await tf.setBackend('cpu');
    const cpu = product();
    await tf.setBackend('wasm');
    expect(maxRelError(Float32Array.from(wasm), Float32Array.from(cpu))).toBeLessThan(1e-5);
  });
});

describe('the max-pool gradient kernel and wasm memory growth', () => {
  // A heap like the wasm backend's: tensors live in one ArrayBuffer, and an allocation that needs
  // more room replaces it, detaching every view taken before (as WebAssembly.Memory.grow does).
  function fakeHeapBackend() {
    let heap = new ArrayBuffer(0);
    const offsets = new Map<object, { offset: number; size: number }>();
    const alloc = (size: number): object => {
      const id = {};
      const used = heap.byteLength;
      const grown = new ArrayBuffer(used + size * 4);
      new Uint8Array(grown).set(new Uint8Array(heap));
      structuredClone(heap, { transfer: [heap] }); // detach the old buffer
      offsets.set(id, { offset: used, size });
      heap = grown;
      return id;
    };
    return {
      tensor(shape: number[], values: Float32Array) {
        const dataId = alloc(values.length);
        const view = new Float32Array(heap, offsets.get(dataId)!.offset, values.length);
        view.set(values);
        return { dataId, shape, dtype: 'float32' as const };
      },
      makeOutput(shape: number[]) {
        return { dataId: alloc(shape.reduce((a, b) => a * b, 1)), shape, dtype: 'float32' as const };
      },
      typedArrayFromHeap(info: { dataId: object }) {
        const o = offsets.get(info.dataId)!;
        return new Float32Array(heap, o.offset, o.size);
      },
      disposeData() {},
    };
  }

  it('still reads its inputs after allocating its output', () => {
    const b = fakeHeapBackend();
    // One 2x2 window over [1, 2, 2, 1]: the gradient goes to the largest input.
    const input = b.tensor([1, 2, 2, 1], Float32Array.from([1, 5, 3, 2]));
    const dy = b.tensor([1, 1, 1, 1], Float32Array.from([7]));
    const out = maxPoolGrad({ inputs: { dy, input, output: dy }, attrs: { filterSize: [2, 2], strides: [2, 2], pad: 'valid' }, backend: b as never }) as { dataId: object };
    expect(Array.from(b.typedArrayFromHeap(out))).toEqual([0, 7, 0, 0]);
  });
});
