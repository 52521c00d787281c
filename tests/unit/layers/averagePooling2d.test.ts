import { describe, expect, it } from 'vitest';
import { symbolic } from './helpers';

describe('AveragePooling2D Layer: Symbolic', () => {
  it('halves like MaxPooling2D and has no weights', () => {
    expect(symbolic('averagePooling2d', [null, 28, 28, 6])).toMatchObject({ shape: [null, 14, 14, 6], params: 0 });
    expect(symbolic('averagePooling2d', [null, 5, 5, 6], { padding: 'same' }).shape).toEqual([null, 3, 3, 6]);
  });
  it('needs an image', () => {
    expect(symbolic('averagePooling2d', [null, 10]).error).toMatch(/needs an image input/);
  });
});
