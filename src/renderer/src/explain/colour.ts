// Colour that says what it shows: signed values (weights, products, pre-activations) on a
// diverging blue-white-red scale centred on 0; activations (>= 0) on a sequential dark-to-yellow one.

export type ScaleKind = 'diverging' | 'sequential';

/** Signed values: blue below 0, white at 0, red above; |v| = limit is full colour. */
export function diverging(v: number, limit: number): string {
  const t = Math.max(-1, Math.min(1, limit > 0 ? v / limit : 0));
  const a = Math.abs(t);
  // White (247, 247, 247) towards blue (33, 102, 172) or red (178, 24, 43).
  const [r, g, b] = t < 0 ? [33, 102, 172] : [178, 24, 43];
  const mix = (from: number, to: number) => Math.round(from + (to - from) * a);
  return `rgb(${mix(247, r)}, ${mix(247, g)}, ${mix(247, b)})`;
}

/** Sequential stops (viridis-like), low to high. */
const STOPS: [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

export function sequential(v: number, lo: number, hi: number): string {
  const t = Math.max(0, Math.min(1, hi > lo ? (v - lo) / (hi - lo) : 0)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(t));
  const f = t - i;
  const c = STOPS[i].map((x, k) => Math.round(x + (STOPS[i + 1][k] - x) * f));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** Black or white text, whichever contrasts more with the cell (WCAG relative luminance). */
export function inkFor(rgb: string): string {
  const [r, g, b] = rgb.match(/\d+/g)!.map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000' : '#fff';
}

export interface Scale {
  kind: ScaleKind;
  lo: number;
  hi: number;
  colour(v: number): string;
}

/** The scale for a set of values: sequential when none is negative, else diverging around 0. */
export function scaleFor(values: ArrayLike<number>, kind?: ScaleKind): Scale {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  const k = kind ?? (lo < 0 ? 'diverging' : 'sequential');
  if (k === 'diverging') {
    const limit = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return { kind: k, lo: -limit, hi: limit, colour: (v) => diverging(v, limit) };
  }
  const top = hi > lo ? hi : lo + 1;
  return { kind: k, lo, hi: top, colour: (v) => sequential(v, lo, top) };
}
