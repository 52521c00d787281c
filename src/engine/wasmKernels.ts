// Gradient kernels the wasm backend lacks or runs slowly, and its training convolution.
// NetBuilder's WebAssembly SIMD kernels (./simd) compute Conv2D (from 8 input channels), the
// convolution gradients and the common 2x2 max-pool gradient (channels in fours) in the backend's
// memory. Where those cannot be loaded, and for other pooling, the gradients are written as
// convolutions the backend runs fast (XNNPACK) or as JavaScript loops. All are checked against
// numerical gradients and the cpu backend in tests/unit/engine/kernels.test.ts.
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { transformKernel } from './transformKernel';
import { instantiateKernels, type SimdKernels } from './simd/module';

type Backend = { disposeData(dataId: object): void };
type HeapBackend = Backend & {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
  dataIdMap: { get(dataId: object): { memoryOffset: number } };
};
type Pad = 'valid' | 'same';

/** The SIMD kernels once loaded on this thread's wasm backend, and whether they are in use. */
let loaded: SimdKernels | null = null;
let simd: SimdKernels | null = null;

/**
 * Loads NetBuilder's SIMD kernels onto the wasm backend's memory (once the backend is initialised):
 * null when they run, else why not (the kernels below then keep their other forms).
 */
export async function loadSimdKernels(): Promise<string | null> {
  if (loaded) return null;
  const memory = (tf.findBackend('wasm') as unknown as { wasm?: { asm?: { memory?: unknown } } } | undefined)?.wasm?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return 'the wasm backend does not expose its memory';
  try {
    loaded = await instantiateKernels(memory);
  } catch (err) {
    return err instanceof Error ? err.message.split('\n')[0] : String(err);
  }
  simd = loaded;
  return null;
}

/** Turns the loaded SIMD kernels off or on again (tests compare both forms). */
export function useSimdKernels(on: boolean): void {
  simd = on ? loaded : null;
}

/** Where a tensor's data starts in the wasm backend's memory (a byte offset; stays valid when the memory grows). */
function address(b: HeapBackend, info: TensorInfo): number {
  return b.dataIdMap.get(info.dataId).memoryOffset;
}

/** The forward convolution's geometry, for any padding and dilation the kernel attributes can name (gradients have no dilation). */
function geometry(xShape: number[], filterShape: number[], attrs: NamedAttrMap): tf.backend_util.Conv2DInfo {
  const format = tf.backend_util.convertConv2DDataFormat((attrs['dataFormat'] as 'NHWC' | 'NCHW' | undefined) ?? 'NHWC');
  const dilations = (attrs['dilations'] as [number, number] | number | undefined) ?? 1;
  return tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], filterShape as [number, number, number, number], attrs['strides'] as [number, number], dilations, attrs['pad'] as 'valid', attrs['dimRoundingMode'] as 'floor' | undefined, false, format);
}

/** The shape numbers both SIMD convolution kernels take after their three pointers. */
function dims(c: tf.backend_util.Conv2DInfo): number[] {
  return [c.batchSize, c.inHeight, c.inWidth, c.inChannels, c.outHeight, c.outWidth, c.outChannels, c.filterHeight, c.filterWidth, c.strideHeight, c.strideWidth, c.padInfo.top, c.padInfo.left];
}

/** Runs another registered kernel of the same backend (no engine bookkeeping, as kernels do). */
function run(name: string, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap, backend: Backend): TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`wasm kernel ${name} missing`);
  return kernel.kernelFunc({ inputs, attrs, backend: backend as never }) as TensorInfo;
}

function padding(pad: unknown): Pad {
  if (pad === 'valid' || pad === 'same') return pad;
  throw new Error(`Unsupported padding ${JSON.stringify(pad)} in a conv2d gradient`);
}

function stridesOf(s: unknown): [number, number] {
  return typeof s === 'number' ? [s, s] : [(s as number[])[0], (s as number[])[1]];
}

/** TensorFlow's 'same' padding on one axis: [before, after]. */
function samePads(input: number, filter: number, stride: number): [number, number] {
  const out = Math.ceil(input / stride);
  const total = Math.max((out - 1) * stride + filter - input, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/**
 * The same gradient for a layer with one input channel (a grayscale image's first convolution),
 * as one matrix product: dW seen as [Cout, F*F] is dy^T [Cout, N*OH*OW] @ cols [N*OH*OW, F*F],
 * where row (n, oh, ow) of cols holds the input window under that output (zero in the padding).
 * The dilated convolution below runs there as a GEMM of only F*F rows (one per filter tap) with
 * dy, the largest operand, repacked as its weights; here the repacked operand is the small cols.
 * Measured alone (vitest, wasm, both kernels alternating, 15 calls each, load average ~5):
 * x [32, 28, 28, 1] 'valid' 5.4 -> 3.2 ms, 'same' 7.9 -> 4.9 ms, the half batch of 16 2.4 -> 1.9 ms;
 * with 32 input channels it is 1.5-3x slower than the dilated convolution, which those keep.
 */
function conv2dBackpropFilterOneChannel(x: TensorInfo, dy: TensorInfo, attrs: NamedAttrMap, b: HeapBackend): TensorInfo {
  const filterShape = attrs['filterShape'] as number[];
  const [sh, sw] = stridesOf(attrs['strides']);
  const [fh, fw, , cout] = filterShape;
  const [n, h, w] = x.shape;
  const [, oh, ow] = dy.shape;
  const [top] = padding(attrs['pad']) === 'same' ? samePads(h, fh, sh) : [0];
  const [left] = padding(attrs['pad']) === 'same' ? samePads(w, fw, sw) : [0];
  const rows = n * oh * ow;
  const k = fh * fw;
  // Allocate first: allocating may grow the wasm memory, which detaches views taken before it.
  const cols = b.makeOutput([1, rows, k], 'float32');
  const src = b.typedArrayFromHeap(x);
  const dst = b.typedArrayFromHeap(cols);
  let o = 0;
  for (let bi = 0; bi < n; bi++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        for (let i = 0; i < fh; i++) {
          const iy = oy * sh + i - top;
          const inRow = iy >= 0 && iy < h;
          for (let j = 0; j < fw; j++) {
            const ix = ox * sw + j - left;
            dst[o++] = inRow && ix >= 0 && ix < w ? src[(bi * h + iy) * w + ix] : 0;
          }
        }
      }
    }
  }
  const dyT = run('Transpose', { x: { ...dy, shape: [rows, cout] } }, { perm: [1, 0] }, b);
  const outT = run('BatchMatMul', { a: { ...dyT, shape: [1, cout, rows] }, b: cols }, { transposeA: false, transposeB: false }, b);
  const out = run('Transpose', { x: { ...outT, shape: [cout, k] } }, { perm: [1, 0] }, b);
  for (const t of [cols, dyT, outT]) b.disposeData(t.dataId);
  return { ...out, shape: [fh, fw, 1, cout] };
}

/**
 * dW[i, j, c, k] = sum over n, oh, ow of x[n, oh*s + i, ow*s + j, c] * dy[n, oh, ow, k]: a
 * convolution of x (batch and channels swapped) with dy as the filter, dilated by the stride.
 */
const conv2dBackpropFilter: KernelFunc = ({ inputs, attrs = {}, backend }) => {
  const b = backend as unknown as HeapBackend;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const filterShape = attrs['filterShape'] as number[];
  if (attrs['dataFormat'] && attrs['dataFormat'] !== 'NHWC') throw new Error('Only NHWC is supported');
  if (simd) {
    const out = b.makeOutput(filterShape, 'float32');
    simd.conv2dFilterGrad(address(b, x), address(b, dy), address(b, out), ...dims(geometry(x.shape, filterShape, attrs)));
    return out;
  }
  if (filterShape[2] === 1) return conv2dBackpropFilterOneChannel(x, dy, attrs, b);
  const [sh, sw] = stridesOf(attrs['strides']);
  const [fh, fw] = filterShape;
  const temps: TensorInfo[] = [];
  let input = x;
  if (padding(attrs['pad']) === 'same') {
    const [t, bt] = samePads(x.shape[1], fh, sh);
    const [l, r] = samePads(x.shape[2], fw, sw);
    input = run('PadV2', { x }, { paddings: [[0, 0], [t, bt], [l, r], [0, 0]], constantValue: 0 }, b);
    temps.push(input);
  }
  const xT = run('Transpose', { x: input }, { perm: [3, 1, 2, 0] }, b); // [Cin, H, W, N]
  const dyT = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }, b); // [OH, OW, N, Cout]
  const conv = run('Conv2D', { x: xT, filter: dyT }, { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [sh, sw], dimRoundingMode: undefined as never }, b);
  temps.push(xT, dyT, conv);
  // With a stride that does not divide (I - F), the dilated conv covers more than F rows: keep F.
  let cropped = conv;
  if (conv.shape[1] !== fh || conv.shape[2] !== fw) {
    cropped = run('Slice', { x: conv }, { begin: [0, 0, 0, 0], size: [conv.shape[0], fh, fw, conv.shape[3]] }, b);
    temps.push(cropped);
  }
  const out = run('Transpose', { x: cropped }, { perm: [1, 2, 0, 3] }, b); // [F, F, Cin, Cout]
  for (const t of temps) b.disposeData(t.dataId);
  return out;
};

/**
 * For stride 1, dx is the "full" convolution of dy with the filter flipped in space and with its
 * in/out channels swapped. Other strides keep the backend's own kernel.
 */
function conv2dBackpropInputFast(fallback: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, attrs = {}, backend } = args;
    const inputShape = attrs['inputShape'] as number[];
    if (simd && (!attrs['dataFormat'] || attrs['dataFormat'] === 'NHWC')) {
      const b = backend as unknown as HeapBackend;
      const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
      // The kernel reads the filter as [fh, fw, cout, cin]: a row of input channels per output channel.
      const swapped = run('Transpose', { x: filter }, { perm: [0, 1, 3, 2] }, b);
      const out = b.makeOutput(inputShape, 'float32');
      simd.conv2dInputGrad(address(b, dy), address(b, swapped), address(b, out), ...dims(geometry(inputShape, filter.shape, attrs)));
      b.disposeData(swapped.dataId);
      return out;
    }
    const [sh, sw] = stridesOf(attrs['strides']);
    const pad = attrs['pad'];
    if (sh !== 1 || sw !== 1 || (pad !== 'valid' && pad !== 'same') || (attrs['dataFormat'] && attrs['dataFormat'] !== 'NHWC')) return fallback(args);
    const b = backend as unknown as Backend;
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const [fh, fw] = filter.shape;
    const [t, bt] = pad === 'same' ? samePads(inputShape[1], fh, 1) : [0, 0];
    const [l, r] = pad === 'same' ? samePads(inputShape[2], fw, 1) : [0, 0];
    const padded = run('PadV2', { x: dy }, { paddings: [[0, 0], [fh - 1 - t, fh - 1 - bt], [fw - 1 - l, fw - 1 - r], [0, 0]], constantValue: 0 }, b);
    const flipped = run('Reverse', { x: filter }, { dims: [0, 1] }, b);
    const swapped = run('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] }, b);
    const out = run('Conv2D', { x: padded, filter: swapped }, { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined as never }, b);
    for (const tmp of [padded, flipped, swapped]) b.disposeData(tmp.dataId);
    return out;
  };
}

/**
 * The wasm backend's MaxPoolGrad re-scans every window for every input pixel (the largest cost of a
 * training step of the MNIST CNN). This one scans each window once: the gradient of an output goes
 * to the first largest input of its window, row by row, as TensorFlow's reference kernel does.
 */
export const maxPoolGrad: KernelFunc = ({ inputs, attrs = {}, backend }) => {
  const b = backend as unknown as HeapBackend;
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const [n, h, w, c] = input.shape;
  const [, oh, ow] = dy.shape;
  const [fh, fw] = stridesOf(attrs['filterSize']);
  const [sh, sw] = stridesOf(attrs['strides']);
  const [top] = padding(attrs['pad']) === 'same' ? samePads(h, fh, sh) : [0];
  const [left] = padding(attrs['pad']) === 'same' ? samePads(w, fw, sw) : [0];
  // Allocate first: allocating may grow the wasm memory, which detaches views taken before it.
  const out = b.makeOutput(input.shape, 'float32');
  const windows2x2 = fh === 2 && fw === 2 && sh === 2 && sw === 2 && top === 0 && left === 0 && oh * 2 <= h && ow * 2 <= w;
  if (simd && windows2x2 && c % 4 === 0) {
    simd.maxPoolGrad2x2(address(b, input), address(b, dy), address(b, out), n, h, w, c, oh, ow);
    return out;
  }
  const x = b.typedArrayFromHeap(input);
  const g = b.typedArrayFromHeap(dy);
  const dx = b.typedArrayFromHeap(out);
  dx.fill(0);
  if (windows2x2) {
    maxPoolGrad2x2(x, g, dx, n, h, w, c, oh, ow);
    return out;
  }
  for (let bi = 0; bi < n; bi++) {
    const xBase = bi * h * w * c;
    for (let oy = 0; oy < oh; oy++) {
      const y0 = Math.max(0, oy * sh - top);
      const y1 = Math.min(h, oy * sh - top + fh);
      for (let ox = 0; ox < ow; ox++) {
        const x0 = Math.max(0, ox * sw - left);
        const x1 = Math.min(w, ox * sw - left + fw);
        const gBase = ((bi * oh + oy) * ow + ox) * c;
        for (let ch = 0; ch < c; ch++) {
          let best = -Infinity;
          let at = -1;
          for (let yy = y0; yy < y1; yy++) {
            for (let xx = x0; xx < x1; xx++) {
              const i = xBase + (yy * w + xx) * c + ch;
              if (x[i] > best || at < 0) {
                best = x[i];
                at = i;
              }
            }
          }
          if (at >= 0) dx[at] += g[gBase + ch];
        }
      }
    }
  }
  return out;
};

/**
 * The common 2x2 pooling with stride 2 where every window lies inside the input (none overlap): the
 * same first-largest rule, row by row, without the general loop's per-window bounds and inner
 * loops (the seed CNN's two pools: 5.2-5.4 ms per step before, 2.9-3.6 ms after).
 */
function maxPoolGrad2x2(x: Float32Array, g: Float32Array, dx: Float32Array, n: number, h: number, w: number, c: number, oh: number, ow: number): void {
  const down = w * c;
  let gi = 0;
  for (let bi = 0; bi < n; bi++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        const p00 = ((bi * h + oy * 2) * w + ox * 2) * c;
        const p10 = p00 + down;
        for (let ch = 0; ch < c; ch++, gi++) {
          const a = p00 + ch;
          const b = a + c;
          const d = p10 + ch;
          const e = d + c;
          let at = a;
          if (x[b] > x[at]) at = b;
          if (x[d] > x[at]) at = d;
          if (x[e] > x[at]) at = e;
          dx[at] += g[gi];
        }
      }
    }
  }
}

/**
 * tfjs-wasm's Conv2D and FusedConv2D (XNNPACK) give zeros for 'same' padding that works out to no
 * padding at all, which happens when the stride is larger than the filter: 18 of 468 shapes probed
 * against the cpu backend, e.g. a 2x2 filter with stride 4 on 8x8 or 7x7 inputs. There 'same' is
 * 'valid' (the same output size and the same sums), which the backend computes right.
 */
function samePaddingFixed(kernel: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, attrs = {} } = args;
    if (attrs['pad'] !== 'same') return kernel(args);
    const { x, filter } = inputs as { x: TensorInfo; filter: TensorInfo };
    const { padInfo } = geometry(x.shape, filter.shape, attrs);
    const none = padInfo.top === 0 && padInfo.bottom === 0 && padInfo.left === 0 && padInfo.right === 0;
    return kernel(none ? { ...args, attrs: { ...attrs, pad: 'valid' } } : args);
  };
}

/**
 * Conv2D through the SIMD kernel where the input has 8 channels or more: XNNPACK rebuilds its
 * operator for every new filter (every step in training), and there the SIMD loop is faster (seed
 * CNN's second layer with a new filter each call, the two alternating 200 times: 1.78 -> 1.59 ms at
 * batch 16, 3.49 -> 3.20 ms at 32). With fewer input channels a tap's few products do not pay for
 * adding into the output, and XNNPACK is faster (one channel: 0.82 against 1.19 ms at batch 32).
 */
function conv2dFast(original: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, attrs = {}, backend } = args;
    const { x, filter } = inputs as { x: TensorInfo; filter: TensorInfo };
    const dilated = [attrs['dilations'] ?? 1].flat().some((d) => d !== 1);
    if (!simd || dilated || x.shape[3] < 8 || (attrs['dataFormat'] && attrs['dataFormat'] !== 'NHWC')) return original(args);
    const b = backend as unknown as HeapBackend;
    const c = geometry(x.shape, filter.shape, attrs);
    const out = b.makeOutput([c.batchSize, c.outHeight, c.outWidth, c.outChannels], 'float32');
    simd.conv2d(address(b, x), address(b, filter), address(b, out), ...dims(c));
    return out;
  };
}

let registered = false;

/** Registers the kernels once per thread, before the wasm backend trains. */
export function registerWasmGradientKernels(): void {
  if (registered) return;
  registered = true;
  if (!tf.getKernel('Conv2DBackpropFilter', 'wasm')) {
    tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2dBackpropFilter } as KernelConfig);
  }
  if (tf.getKernel('MaxPoolGrad', 'wasm')) tf.unregisterKernel('MaxPoolGrad', 'wasm');
  tf.registerKernel({ kernelName: 'MaxPoolGrad', backendName: 'wasm', kernelFunc: maxPoolGrad } as KernelConfig);
  // Keras' augmentation as TensorFlow resamples it (src/engine/transformKernel.ts).
  if (tf.getKernel('Transform', 'wasm')) tf.unregisterKernel('Transform', 'wasm');
  tf.registerKernel({ kernelName: 'Transform', backendName: 'wasm', kernelFunc: transformKernel } as KernelConfig);
  const original = tf.getKernel('Conv2DBackpropInput', 'wasm');
  if (original) {
    tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
    tf.registerKernel({ ...original, kernelFunc: conv2dBackpropInputFast(original.kernelFunc) } as KernelConfig);
  }
  const conv = tf.getKernel('Conv2D', 'wasm');
  if (conv) {
    tf.unregisterKernel('Conv2D', 'wasm');
    tf.registerKernel({ ...conv, kernelFunc: conv2dFast(samePaddingFixed(conv.kernelFunc)) } as KernelConfig);
  }
  const fused = tf.getKernel('FusedConv2D', 'wasm');
  if (fused) {
    tf.unregisterKernel('FusedConv2D', 'wasm');
    tf.registerKernel({ ...fused, kernelFunc: samePaddingFixed(fused.kernelFunc) } as KernelConfig);
  }
}
