import { describe, expect, it } from 'vitest';
import { centreOfMass, toMnistImage } from '@shared/digits/preprocess';

function drawRect(size: number, top: number, left: number, h: number, w: number): Float32Array {
  const img = new Float32Array(size * size);
  for (let y = top; y < top + h; y++) for (let x = left; x < left + w; x++) img[y * size + x] = 1;
  return img;
}

describe('hand-drawn digit -> MNIST image', () => {
  it('scales the drawing to fit 20 pixels and centres it by mass, wherever it was drawn', () => {
    // A tall stroke in the corner of a 280x280 pad.
    const pad = drawRect(280, 10, 10, 200, 40);
    const img = toMnistImage(pad, 280);
    let top = 28, bottom = -1, left = 28, right = -1;
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) if (img[y * 28 + x] > 0.5) {
      top = Math.min(top, y); bottom = Math.max(bottom, y); left = Math.min(left, x); right = Math.max(right, x);
    }
    expect(bottom - top + 1).toBe(20); // the long side becomes 20 px
    expect(right - left + 1).toBe(4); // aspect ratio kept: 40/200 * 20
    const [cy, cx] = centreOfMass(img, 28);
    expect(Math.abs(cy - 13.5)).toBeLessThanOrEqual(1);
    expect(Math.abs(cx - 13.5)).toBeLessThanOrEqual(1);
  });

  it('keeps values in [0, 1] and gives a blank image for a blank pad', () => {
    expect(Array.from(toMnistImage(new Float32Array(28 * 28), 28)).every((v) => v === 0)).toBe(true);
    const img = toMnistImage(drawRect(56, 20, 20, 10, 10), 56);
    expect(Math.max(...img)).toBeLessThanOrEqual(1);
    expect(Math.min(...img)).toBeGreaterThanOrEqual(0);
  });
});
