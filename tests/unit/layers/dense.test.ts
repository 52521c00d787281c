import { describe, expect, it } from 'vitest';
import { symbolic } from './helpers';

describe('Dense Layer: Symbolic', () => {
  it.each([
    [[null, 1600], { units: 10 }, [null, 10], 16010],
    [[null, 784], { units: 128 }, [null, 128], 100480],
    [[null, 128], { units: 10 }, [null, 10], 1290],
    [[null, 64], { units: 10, useBias: false }, [null, 10], 640],
    [[null, 5, 5, 64], { units: 10 }, [null, 5, 5, 10], 650],
  ] as const)('%j with %j -> %j, %i params', (input, params, shape, count) => {
    const r = symbolic('dense', [...input], params as never);
    expect(r.shape).toEqual(shape);
    expect(r.params).toBe(count);
  });
  it('explains the count', () => {
    expect(symbolic('dense', [null, 1600], { units: 10 }).countFormula).toBe('(1600 + 1) * 10 = 16,010');
    expect(symbolic('dense', [null, 1600], { units: 0 }).errors[0]).toMatch(/Units must be/);
  });
});
