// Every unit of Keras's Conv2D and pooling outputs, rebuilt from the patch under the window.
import { describe, expect, it } from 'vitest';
import { convUnit, poolUnit, type Kernel4, type Tensor3 } from '@shared/explain';
import { flat, reference } from './reference';

const tensor3 = (a: number[][][]): Tensor3 => flat(a) as unknown as Tensor3;

/** numpy's np.pad(x, ((top, bottom), (left, right), (0, 0))) written as a loop. */
function zeroPad(x: number[][][], top: number, bottom: number, left: number, right: number): number[][][] {
  const c = x[0][0].length;
  const w = x[0].length + left + right;
  return Array.from({ length: x.length + top + bottom }, (_, r) =>
    Array.from({ length: w }, (_, col) => x[r - top]?.[col - left]?.slice() ?? new Array<number>(c).fill(0)),
  );
}

describe('convolution unit against Keras Conv2D', () => {
  for (const ref of reference.conv2d) {
    it(`${ref.name}: sum + bias and the activation equal Keras for every output unit`, () => {
      const input = tensor3(ref.input);
      const kernel = flat(ref.kernel) as unknown as Kernel4;
      const [kh, kw, , cout] = kernel.shape;
      const [oh, ow] = [ref.preActivation.length, ref.preActivation[0].length];
      const params = { kernelSize: [kh, kw] as [number, number], strides: ref.strides, padding: ref.padding, activation: ref.activation };
      for (let r = 0; r < oh; r++) for (let c = 0; c < ow; c++) for (let o = 0; o < cout; o++) {
        const u = convUnit(input, kernel, ref.bias, params, r, c, o);
        expect(u.outputSize).toEqual([oh, ow]);
        expect(u.sum).toBeCloseTo(ref.preActivation[r][c][o], 5);
        expect(u.output).toBeCloseTo(ref.output[r][c][o], 5);
        expect(u.bias).toBe(ref.bias[o]);
      }
    });
  }

  it('the patch is the zero-padded input sliced at (row * stride, col * stride), the kernel its output channel', () => {
    const ref = reference.conv2d.find((r) => r.name === 'same_stride2_relu')!;
    const kernel = flat(ref.kernel) as unknown as Kernel4;
    // 7x6 input, 3x3 kernel, stride 2, same: out 4x3; rows pad (4-1)*2+3-7 = 2 -> 1 top, 1 bottom;
    // cols pad (3-1)*2+3-6 = 1 -> 0 left, 1 right.
    const padded = zeroPad(ref.input, 1, 1, 0, 1);
    for (const [r, c, o] of [[0, 0, 0], [3, 2, 2], [1, 2, 1]]) {
      const u = convUnit(tensor3(ref.input), kernel, ref.bias, { kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'relu' }, r, c, o);
      expect(u.padding).toEqual({ top: 1, bottom: 1, left: 0, right: 1 });
      expect([u.top, u.left]).toEqual([r * 2 - 1, c * 2]);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
        expect(u.inputPatch[i][j]).toEqual(padded[r * 2 + i][c * 2 + j]);
        expect(u.kernel[i][j]).toEqual(ref.kernel[i][j].map((k) => k[o]));
        expect(u.padded[i][j]).toBe(r * 2 + i - 1 < 0 || r * 2 + i - 1 >= 7 || c * 2 + j >= 6);
        u.products[i][j].forEach((p, ch) => expect(p).toBe(u.inputPatch[i][j][ch] * u.kernel[i][j][ch]));
      }
      expect(u.channelSums.reduce((a, b) => a + b, 0)).toBeCloseTo(u.dot, 12);
      expect(u.sum).toBeCloseTo(u.dot + ref.bias[o], 12);
    }
    expect(() => convUnit(tensor3(ref.input), kernel, ref.bias, { kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'relu' }, 4, 0, 0)).toThrow(/outside the 4x3 output/);
    expect(() => convUnit(tensor3(ref.input), kernel, ref.bias, { kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'relu' }, 0, 0, 3)).toThrow(/3 filters/);
  });
});

describe('pooling unit against Keras MaxPooling2D and AveragePooling2D', () => {
  for (const ref of reference.pooling) {
    it(`${ref.name}: every unit's max and mean equal Keras`, () => {
      const input = tensor3(ref.input);
      const [oh, ow, ch] = [ref.max.length, ref.max[0].length, ref.max[0][0].length];
      const params = { poolSize: ref.poolSize, strides: ref.strides, padding: ref.padding };
      for (let r = 0; r < oh; r++) for (let c = 0; c < ow; c++) for (let k = 0; k < ch; k++) {
        const mx = poolUnit(input, params, 'max', r, c, k);
        expect(mx.output).toBeCloseTo(ref.max[r][c][k], 6);
        const [i, j] = mx.argmax!;
        expect(mx.window[i][j]).toBe(mx.output);
        const av = poolUnit(input, params, 'average', r, c, k);
        expect(av.output).toBeCloseTo(ref.average[r][c][k], 6);
        expect(av.count).toBe(av.window.flat().filter((v) => v !== null).length);
      }
    });
  }
});
