/** Image bytes as the network sees them: each value 0..255 scaled to 0..1. */
export const PIXEL_SCALE = 1 / 255;

/** `count` values of `bytes` from `start`, scaled to 0..1. */
export function scaledPixels(bytes: ArrayLike<number>, start: number, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = bytes[start + i] * PIXEL_SCALE;
  return out;
}
