import { describe, expect, it } from 'vitest';
import { symbolic } from './helpers';

describe('Activation Layer: Symbolic', () => {
  it.each(['relu', 'sigmoid', 'softmax', 'tanh', 'leakyRelu', 'linear'] as const)('%s keeps the shape', (activation) => {
    expect(symbolic('activation', [null, 3, 3, 2], { activation })).toMatchObject({ shape: [null, 3, 3, 2], params: 0, errors: [] });
  });
  it('refuses an unknown function', () => {
    expect(symbolic('activation', [null, 3], { activation: 'swish' as never }).errors[0]).toMatch(/Activation must be one of/);
  });
});
