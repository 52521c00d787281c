// Drawing activations: one tile per channel, from min to max in grey or in the sequential colour scale.
import { sequential } from '../explain/colour';

export type ScaleMode = 'shared' | 'channel';

/** Channel `c` of an [h, w, channels] activation as a new array. */
export function channel(data: Float32Array, h: number, w: number, channels: number, c: number): Float32Array {
  const out = new Float32Array(h * w);
  for (let i = 0; i < h * w; i++) out[i] = data[i * channels + c];
  return out;
}

export function range(values: ArrayLike<number>): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < lo) lo = values[i];
    if (values[i] > hi) hi = values[i];
  }
  return [lo, hi];
}

/** How values map to colour: grey (black = min, white = max), or the sequential scale the explanations use. */
export type Palette = 'grey' | 'colour';

/** 256 colours of the sequential scale, read once from the explanations' colour function. */
const COLOUR_LUT: Uint8ClampedArray = (() => {
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) lut.set(sequential(i, 0, 255).match(/\d+/g)!.map(Number), i * 3);
  return lut;
})();

/** The CSS gradient a legend for `palette` shows, low to high. */
export function paletteGradient(palette: Palette): string {
  if (palette === 'grey') return 'linear-gradient(to right, #000, #fff)';
  const stops = Array.from({ length: 9 }, (_, i) => sequential(i, 0, 8));
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

export function paint(canvas: HTMLCanvasElement, values: Float32Array, h: number, w: number, [lo, hi]: [number, number], palette: Palette = 'grey'): void {
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(w, h);
  const span = hi - lo || 1;
  for (let i = 0; i < h * w; i++) {
    const v = Math.max(0, Math.min(255, Math.round(((values[i] - lo) / span) * 255)));
    if (palette === 'colour') img.data.set(COLOUR_LUT.subarray(v * 3, v * 3 + 3), i * 4);
    else img.data.fill(v, i * 4, i * 4 + 3);
    img.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

/** All tiles of a grid in one PNG (for "Export PNG"). */
export function gridToCanvas(tiles: Float32Array[], h: number, w: number, ranges: [number, number][], palette: Palette = 'grey', scale = 4, gap = 2): HTMLCanvasElement {
  const cols = Math.ceil(Math.sqrt(tiles.length));
  const rows = Math.ceil(tiles.length / cols);
  const out = document.createElement('canvas');
  out.width = cols * (w * scale + gap) + gap;
  out.height = rows * (h * scale + gap) + gap;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#808080';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.imageSmoothingEnabled = false;
  const tile = document.createElement('canvas');
  tiles.forEach((t, i) => {
    paint(tile, t, h, w, ranges[i], palette);
    ctx.drawImage(tile, gap + (i % cols) * (w * scale + gap), gap + Math.floor(i / cols) * (h * scale + gap), w * scale, h * scale);
  });
  return out;
}
