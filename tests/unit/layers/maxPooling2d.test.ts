import { describe, expect, it } from 'vitest';
import { symbolic } from './helpers';

describe('MaxPooling2D Layer: Symbolic', () => {
  it.each([
    [[null, 26, 26, 32], {}, [null, 13, 13, 32]],
    [[null, 11, 11, 64], {}, [null, 5, 5, 64]],
    [[null, 11, 11, 64], { padding: 'same' }, [null, 6, 6, 64]],
    [[null, 28, 28, 8], { poolSize: [3, 3], strides: [1, 1] }, [null, 26, 26, 8]],
    [[null, 7, 7, 4], { poolSize: [3, 3], strides: [2, 2], padding: 'same' }, [null, 4, 4, 4]],
  ] as const)('%j with %j -> %j, no params', (input, params, shape) => {
    const r = symbolic('maxPooling2d', [...input], params as never);
    expect(r.shape).toEqual(shape);
    expect(r.params).toBe(0);
  });
  it('a window larger than its input is an error', () => {
    expect(symbolic('maxPooling2d', [null, 1, 1, 4]).error).toMatch(/pool window 2x2 is larger than its 1x1 input/);
  });
});
