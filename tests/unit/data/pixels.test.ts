import { describe, expect, it } from 'vitest';
import { scaledPixels } from '@shared/data/pixels';

describe('scaledPixels', () => {
  it('gives every byte value divided by 255, as float32 holds it, from the given start', () => {
    const bytes = Uint8Array.from({ length: 258 }, (_, i) => (i + 254) % 256); // 254, 255, 0, 1, ..., 255
    const x = scaledPixels(bytes, 2, 256);
    expect(x).toHaveLength(256);
    for (let v = 0; v < 256; v++) expect(x[v]).toBe(Math.fround(v / 255));
  });
});
