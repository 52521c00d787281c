// tf.image.transform for the wasm backend as TensorFlow computes it (ImageProjectiveTransformV3,
// tensorflow/core/kernels/image/image_ops.h), which Keras' RandomRotation, RandomTranslation and
// RandomZoom use. The wasm backend's own Transform maps coordinates just outside the image
// differently in reflect mode (measured: a row at y = -0.3 read from the bottom row instead of the
// top), so augmented images would differ from Keras' and from native TensorFlow at the edges.
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';

type HeapBackend = {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
};

type FillMode = 'reflect' | 'wrap' | 'constant' | 'nearest';

/** TensorFlow's map_coordinate: where an input coordinate outside [0, len - 1] reads from. */
export function mapCoordinate(c: number, len: number, mode: FillMode): number {
  if (mode === 'constant') return c;
  if (mode === 'reflect') {
    if (c < 0) {
      if (len <= 1) c = 0;
      else {
        const sz2 = 2 * len;
        if (c < -sz2) c = sz2 * Math.trunc(-c / sz2) + c;
        c = c < -len ? c + sz2 : -c - 1;
      }
    } else if (c > len - 1) {
      if (len <= 1) c = 0;
      else {
        const sz2 = 2 * len;
        c -= sz2 * Math.trunc(c / sz2);
        if (c >= len) c = sz2 - c - 1;
      }
    }
  } else if (mode === 'wrap') {
    if (c < 0) {
      if (len <= 1) c = 0;
      else c += len * (Math.trunc(-c / (len - 1)) + 1);
    } else if (c > len - 1) {
      if (len <= 1) c = 0;
      else c -= len * Math.trunc(c / (len - 1));
    }
  }
  return Math.min(Math.max(c, 0), len - 1);
}

/** std::round: halves away from zero. */
const round = (v: number): number => Math.sign(v) * Math.round(Math.abs(v));

export const transformKernel: KernelFunc = ({ inputs, attrs = {}, backend }) => {
  const b = backend as unknown as HeapBackend;
  const { image, transforms } = inputs as { image: TensorInfo; transforms: TensorInfo };
  const interpolation = attrs['interpolation'] as 'nearest' | 'bilinear';
  const mode = attrs['fillMode'] as FillMode;
  const fill = attrs['fillValue'] as number;
  const [n, h, w, c] = image.shape;
  const [oh, ow] = (attrs['outputShape'] as [number, number] | null | undefined) ?? [h, w];
  // Allocate first: allocating may grow the wasm memory, which detaches views taken before it.
  const out = b.makeOutput([n, oh, ow, c], 'float32');
  const x = b.typedArrayFromHeap(image);
  const t = b.typedArrayFromHeap(transforms);
  const y = b.typedArrayFromHeap(out);
  const perImage = transforms.shape[0] === 1 ? 0 : 8;
  const read = (base: number, yy: number, xx: number, ch: number): number => (yy >= 0 && yy < h && xx >= 0 && xx < w ? x[base + (yy * w + xx) * c + ch] : fill);
  for (let bi = 0; bi < n; bi++) {
    const [a0, a1, a2, b0, b1, b2, c0, c1] = t.subarray(bi * perImage, bi * perImage + 8);
    const base = bi * h * w * c;
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        const k = c0 * ox + c1 * oy + 1;
        const o = ((bi * oh + oy) * ow + ox) * c;
        if (k === 0) {
          for (let ch = 0; ch < c; ch++) y[o + ch] = fill;
          continue;
        }
        const inX = mapCoordinate((a0 * ox + a1 * oy + a2) / k, w, mode);
        const inY = mapCoordinate((b0 * ox + b1 * oy + b2) / k, h, mode);
        for (let ch = 0; ch < c; ch++) {
          if (interpolation === 'nearest') y[o + ch] = read(base, round(inY), round(inX), ch);
          else {
            const y0 = Math.floor(inY);
            const x0 = Math.floor(inX);
            const y1 = y0 + 1;
            const x1 = x0 + 1;
            const top = (x1 - inX) * read(base, y0, x0, ch) + (inX - x0) * read(base, y0, x1, ch);
            const bottom = (x1 - inX) * read(base, y1, x0, ch) + (inX - x0) * read(base, y1, x1, ch);
            y[o + ch] = (y1 - inY) * top + (inY - y0) * bottom;
          }
        }
      }
    }
  }
  return out;
};
