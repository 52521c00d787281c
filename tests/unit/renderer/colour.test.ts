// The colour scales: signed values diverge around a white 0, activations run low to high, and
// every number printed on a coloured cell keeps WCAG AA contrast.
import { describe, expect, it } from 'vitest';
import { diverging, inkFor, scaleFor, sequential } from '@renderer/explain/colour';

const rgb = (s: string) => s.match(/\d+/g)!.map(Number);
/** WCAG 2 contrast ratio, written out here. */
function contrast(a: number[], b: number[]): number {
  const lum = (c: number[]) => {
    const [r, g, bl] = c.map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

describe('colour scales', () => {
  it('diverging: white at 0, blue below, red above, symmetric in strength', () => {
    expect(rgb(diverging(0, 1))).toEqual([247, 247, 247]);
    const [nr, , nb] = rgb(diverging(-0.5, 1));
    const [pr, , pb] = rgb(diverging(0.5, 1));
    expect(nb).toBeGreaterThan(nr);
    expect(pr).toBeGreaterThan(pb);
    expect(rgb(diverging(-2, 1))).toEqual(rgb(diverging(-1, 1)));
  });

  it('a layer with negative values gets the diverging scale centred on 0; a non-negative one the sequential', () => {
    const signed = scaleFor([-0.2, 0.5]);
    expect(signed).toMatchObject({ kind: 'diverging', lo: -0.5, hi: 0.5 });
    expect(scaleFor([0, 0.3, 2])).toMatchObject({ kind: 'sequential', lo: 0, hi: 2 });
    // Sequential gets brighter from low to high.
    const bright = (s: string) => rgb(s).reduce((a, b) => a + b, 0);
    expect(bright(sequential(1, 0, 1))).toBeGreaterThan(bright(sequential(0.5, 0, 1)));
    expect(bright(sequential(0.5, 0, 1))).toBeGreaterThan(bright(sequential(0, 0, 1)));
  });

  it('the text on every cell colour has at least 4.5:1 contrast', () => {
    for (let i = -20; i <= 20; i++) {
      for (const bg of [diverging(i / 20, 1), sequential((i + 20) / 40, 0, 1)]) {
        expect(contrast(rgb(bg), rgb(inkFor(bg) === '#000' ? 'rgb(0,0,0)' : 'rgb(255,255,255)'))).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
