import { describe, expect, it } from 'vitest';
import { symbolic } from './helpers';

describe('Dropout Layer: Symbolic', () => {
  it('keeps the shape and has no weights', () => {
    expect(symbolic('dropout', [null, 1600])).toMatchObject({ shape: [null, 1600], params: 0, errors: [] });
    expect(symbolic('dropout', [null, 4, 4, 2], { rate: 0 }).errors).toEqual([]);
  });
  it.each([1, 1.2, -0.5, Number.NaN, Number.POSITIVE_INFINITY])('a rate of %s is refused', (rate) => {
    expect(symbolic('dropout', [null, 10], { rate }).errors[0]).toMatch(/at least 0 and below 1/);
  });
});
