// Where a network too large for the canvas at a readable zoom is shown.
import { describe, expect, it } from 'vitest';
import { readableView } from '@shared/graph/viewport';

const canvas = { width: 532, height: 641 };

describe('readableView', () => {
  it('leaves a centred view alone where the network fits', () => {
    const centred = { x: 100, y: 40, zoom: 0.6 };
    expect(readableView(centred, { x: 0, y: 0, width: 250, height: 900 }, { x: 0, y: 0, width: 250, height: 84 }, canvas, 24)).toEqual(centred);
  });

  it('shows a tall network from its top', () => {
    // 1145 high at 0.6 is 687 px: more than the canvas.
    const view = readableView({ x: 100, y: -23, zoom: 0.6 }, { x: 0, y: 50, width: 550, height: 1145 }, { x: 0, y: 50, width: 250, height: 84 }, canvas, 24);
    expect(view).toEqual({ x: 100, y: 24 - 50 * 0.6, zoom: 0.6 });
  });

  it('centres a wide network on its inputs, with no empty canvas beside either end', () => {
    const network = { x: 0, y: 0, width: 1150, height: 1025 };
    // Input above the third of four columns: centred on it, the fourth column ends inside the canvas.
    const third = readableView({ x: -79, y: 24, zoom: 0.6 }, network, { x: 600, y: 0, width: 250, height: 84 }, canvas, 24);
    expect(third.x).toBeCloseTo(266 - 725 * 0.6, 9);
    // Input at the far right: centring on it would leave canvas empty on the right; the right end sits at the margin.
    const right = readableView({ x: -79, y: 24, zoom: 0.6 }, network, { x: 900, y: 0, width: 250, height: 84 }, canvas, 24);
    expect(right.x + 1150 * 0.6).toBeCloseTo(532 - 24, 9);
    // And at the far left, the left end at the margin.
    const left = readableView({ x: -79, y: 24, zoom: 0.6 }, network, { x: 0, y: 0, width: 250, height: 84 }, canvas, 24);
    expect(left.x).toBe(24);
  });

  it('keeps a wide network centred when it has no input', () => {
    const centred = { x: -79, y: 24, zoom: 0.6 };
    expect(readableView(centred, { x: 0, y: 0, width: 1150, height: 100 }, null, canvas, 24)).toEqual(centred);
  });
});
