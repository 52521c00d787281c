import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../../src/engine/backend';
import { BilinearUpSampling2D, bilinearMatrix } from '../../../src/engine/upSampling';
import { backendsUnderTest } from '../helpers/backends';

// Bilinear UpSampling2D as Keras computes it (TensorFlow's half-pixel resize): forward against the
// backend's own ResizeBilinear kernel with halfPixelCenters (TensorFlow's op itself on native),
// and the gradient against the resize's transpose worked out here, which tfjs' ResizeBilinearGrad
// does not give (it ignores halfPixelCenters).
const backends = await backendsUnderTest();
const CASES: { shape: [number, number, number, number]; size: [number, number] }[] = [
  { shape: [2, 5, 4, 3], size: [2, 2] },
  { shape: [1, 3, 7, 2], size: [2, 3] },
  { shape: [3, 4, 1, 1], size: [3, 1] },
];

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** d sum(resize(x) * r) / dx, from the interpolation matrices: the resize's transpose applied to r. */
function transposeOfResize(r: Float32Array, [b, h, w, c]: number[], [sh, sw]: [number, number]): Float32Array {
  const [H, W] = [h * sh, w * sw];
  const rows = bilinearMatrix(h, H);
  const cols = bilinearMatrix(w, W);
  const grad = new Float32Array(b * h * w * c);
  for (let n = 0; n < b; n++)
    for (let o = 0; o < H; o++)
      for (let p = 0; p < W; p++)
        for (let i = 0; i < h; i++)
          for (let j = 0; j < w; j++)
            for (let k = 0; k < c; k++) grad[((n * h + i) * w + j) * c + k] += rows[o * h + i] * cols[p * w + j] * r[((n * H + o) * W + p) * c + k];
  return grad;
}

describe('bilinear interpolation matrix', () => {
  it('samples at half-pixel centres: doubling 4 samples gives TensorFlow weights 0.25/0.75, clamped at the edges', () => {
    expect(Array.from(bilinearMatrix(4, 8).subarray(0, 8))).toEqual([1, 0, 0, 0, 0.75, 0.25, 0, 0]);
    expect(Array.from(bilinearMatrix(4, 8).subarray(7 * 4))).toEqual([0, 0, 0, 1]);
  });
});

for (const b of backends) {
  describe.skipIf(b.skip)(b.title, () => {
    for (const { shape, size } of CASES) {
      it(`${shape.join('x')} by ${size.join('x')}: Keras' forward and the exact gradient`, async () => {
        await useBackend(b.name);
        const layer = new BilinearUpSampling2D({ size });
        const x = tf.randomUniform(shape, -1, 1, 'float32', 3);
        const outShape = [shape[0], shape[1] * size[0], shape[2] * size[1], shape[3]];
        expect(layer.computeOutputShape(shape)).toEqual(outShape);
        const y = layer.apply(x) as tf.Tensor;
        expect(y.shape).toEqual(outShape);
        const reference = tf.image.resizeBilinear(x as tf.Tensor4D, [outShape[1], outShape[2]], false, true);
        expect(maxDiff(y.dataSync(), reference.dataSync())).toBeLessThan(1e-5);

        const r = tf.randomUniform(outShape, -1, 1, 'float32', 5);
        const grad = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input) as tf.Tensor, r)))(x);
        expect(maxDiff(grad.dataSync(), transposeOfResize(r.dataSync() as Float32Array, shape, size))).toBeLessThan(1e-5);
        tf.dispose([x, y, reference, r, grad]);
      });
    }
  });
}
