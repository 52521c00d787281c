import { describe, expect, it } from 'vitest';
import { symbolic } from './helpers';

describe('Conv2D Layer: Symbolic', () => {
  it.each([
    // input, params, Keras output shape, Keras params
    [[null, 28, 28, 1], { filters: 32 }, [null, 26, 26, 32], 320],
    [[null, 13, 13, 32], { filters: 64 }, [null, 11, 11, 64], 18496],
    [[null, 28, 28, 1], { filters: 32, padding: 'same' }, [null, 28, 28, 32], 320],
    [[null, 28, 28, 3], { filters: 16, kernelSize: [5, 5], strides: [2, 2], padding: 'same', useBias: false }, [null, 14, 14, 16], 1200],
    [[null, 32, 24, 3], { filters: 8, kernelSize: [3, 5], strides: [2, 1] }, [null, 15, 20, 8], 368],
  ] as const)('%j with %j -> %j, %i params', (input, params, shape, count) => {
    const r = symbolic('conv2d', [...input], params as never);
    expect(r.shape).toEqual(shape);
    expect(r.params).toBe(count);
  });
  it('explains the count and refuses bad filters', () => {
    expect(symbolic('conv2d', [null, 13, 13, 32], { filters: 64 }).countFormula).toBe('(3*3*32 + 1) * 64 = 18,496');
    expect(symbolic('conv2d', [null, 8, 8, 1], { useBias: false }).countFormula).toBe('3*3*1 * 32 = 288');
    expect(symbolic('conv2d', [null, 8, 8, 1], { filters: -4 }).errors[0]).toMatch(/Filters must be a whole number of at least 1/);
    expect(symbolic('conv2d', [null, 8, 8, 1], { filters: 1e9 }).errors[0]).toMatch(/at most 65,536/);
  });
});
