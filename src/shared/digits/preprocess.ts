// Makes a hand-drawn digit look like an MNIST one: MNIST digits were scaled to fit a 20x20 box
// (keeping their aspect ratio) and centred by centre of mass in a 28x28 image.

export const MNIST_SIZE = 28;
const BOX = 20;

/** `pixels` is a size x size row-major image, 0 (background) to 1 (ink). Returns 28x28 in [0, 1]. */
export function toMnistImage(pixels: ArrayLike<number>, size: number): Float32Array {
  const out = new Float32Array(MNIST_SIZE * MNIST_SIZE);
  let top = size, left = size, bottom = -1, right = -1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (pixels[y * size + x] > 0.05) {
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  if (bottom < 0) return out; // nothing drawn
  const h = bottom - top + 1;
  const w = right - left + 1;
  const scale = BOX / Math.max(h, w);
  const sh = Math.max(1, Math.round(h * scale));
  const sw = Math.max(1, Math.round(w * scale));
  // Area-average resampling of the bounding box into sh x sw.
  const small = new Float32Array(sh * sw);
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < sw; x++) {
      const y0 = top + (y * h) / sh, y1 = top + ((y + 1) * h) / sh;
      const x0 = left + (x * w) / sw, x1 = left + ((x + 1) * w) / sw;
      let sum = 0, area = 0;
      for (let yy = Math.floor(y0); yy < Math.ceil(y1); yy++) {
        const fy = Math.min(yy + 1, y1) - Math.max(yy, y0);
        for (let xx = Math.floor(x0); xx < Math.ceil(x1); xx++) {
          const fx = Math.min(xx + 1, x1) - Math.max(xx, x0);
          sum += pixels[yy * size + xx] * fx * fy;
          area += fx * fy;
        }
      }
      small[y * sw + x] = area > 0 ? sum / area : 0;
    }
  }
  // Centre of mass of the scaled digit goes to the image centre.
  const [cy, cx] = centreOfMass(small, sh, sw);
  const offY = Math.round(MNIST_SIZE / 2 - cy - 0.5);
  const offX = Math.round(MNIST_SIZE / 2 - cx - 0.5);
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < sw; x++) {
      const ty = y + offY, tx = x + offX;
      if (ty >= 0 && ty < MNIST_SIZE && tx >= 0 && tx < MNIST_SIZE) out[ty * MNIST_SIZE + tx] = Math.min(1, small[y * sw + x]);
    }
  }
  return out;
}

/** Centre of mass (row, column) of an h x w image; its middle when the image is blank. */
export function centreOfMass(pixels: ArrayLike<number>, h: number, w = h): [number, number] {
  let mass = 0, cy = 0, cx = 0;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const v = pixels[y * w + x];
    mass += v;
    cy += v * y;
    cx += v * x;
  }
  return mass > 0 ? [cy / mass, cx / mass] : [h / 2, w / 2];
}
