import { describe, expect, it } from 'vitest';
import { symbolic } from './helpers';

describe('GlobalAveragePooling2D Layer: Symbolic', () => {
  it('keeps one value per channel', () => {
    expect(symbolic('globalAveragePooling2d', [null, 7, 7, 64])).toMatchObject({ shape: [null, 64], params: 0 });
    expect(symbolic('globalAveragePooling2d', [null, 64]).error).toMatch(/needs an image input/);
  });
});
