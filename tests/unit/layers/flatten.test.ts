import { describe, expect, it } from 'vitest';
import { symbolic } from './helpers';

describe('Flatten Layer: Symbolic', () => {
  it.each([
    [[null, 5, 5, 64], [null, 1600], '5 * 5 * 64 = 1,600'],
    [[null, 28, 28], [null, 784], '28 * 28 = 784'],
    [[null, 10], [null, 10], 'already flat'],
  ] as const)('%j -> %j', (input, shape, formula) => {
    expect(symbolic('flatten', [...input])).toMatchObject({ shape, params: 0, formula });
  });
});
