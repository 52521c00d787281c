// A folder of images with one sub-folder per class (PNG), as Keras' image_dataset_from_directory
// reads it: class names are the sub-folder names in alphabetical order.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Dataset } from './datasets';

const MAX_IMAGES = 200_000;

export function loadImageFolder(root: string): Dataset {
  let entries: string[];
  try {
    entries = readdirSync(root).filter((e) => statSync(join(root, e)).isDirectory()).sort();
  } catch (err) {
    throw new Error(`Cannot read the folder ${root}: ${(err as Error).message}`, { cause: err });
  }
  if (entries.length < 2) throw new Error(`${root} needs one sub-folder per class (at least two), each holding that class's PNG images.`);
  let shape: [number, number, number] | null = null;
  let anyColour = false;
  let firstFile = '';
  const pixels: Uint8Array[] = [];
  const labels: number[] = [];
  entries.forEach((className, label) => {
    const dir = join(root, className);
    for (const file of readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.png')).sort()) {
      if (pixels.length >= MAX_IMAGES) throw new Error(`${root} has more than ${MAX_IMAGES.toLocaleString('en-US')} images; use idx files for data sets this large.`);
      const path = join(dir, file);
      let png: PNG;
      try {
        png = PNG.sync.read(readFileSync(path));
      } catch (err) {
        throw new Error(`${path} is not a readable PNG image: ${(err as Error).message}`, { cause: err });
      }
      // Grey images stay one channel; anything with colour keeps three.
      let grey = true;
      for (let i = 0; i < png.width * png.height && grey; i++) {
        const [r, g, b] = [png.data[i * 4], png.data[i * 4 + 1], png.data[i * 4 + 2]];
        grey = r === g && g === b;
      }
      anyColour ||= !grey;
      const here: [number, number, number] = [png.height, png.width, grey ? 1 : 3];
      if (!shape) {
        shape = here;
        firstFile = path;
      } else if (shape[0] !== here[0] || shape[1] !== here[1]) {
        throw new Error(`Images in ${root} have different sizes: ${firstFile} is ${shape[1]}x${shape[0]} but ${path} is ${here[1]}x${here[0]}. Resize them all to one size.`);
      }
      pixels.push(png.data as unknown as Uint8Array);
      labels.push(label);
    }
  });
  if (!shape || pixels.length === 0) throw new Error(`No PNG images found in the class folders of ${root}.`);
  const [h, w] = shape as [number, number, number];
  const channels = anyColour ? 3 : 1;
  const size = h * w * channels;
  // Shuffle once, with a fixed seed, so a validation split is not just the last class.
  const order = pixels.map((_, i) => i);
  let seed = 42;
  for (let i = order.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const images = new Uint8Array(pixels.length * size);
  const shuffledLabels = order.map((i) => labels[i]);
  order.map((i) => pixels[i]).forEach((rgba, n) => {
    for (let i = 0; i < h * w; i++) {
      if (channels === 1) images[n * size + i] = rgba[i * 4];
      else for (let c = 0; c < 3; c++) images[n * size + i * 3 + c] = rgba[i * 4 + c];
    }
  });
  return {
    name: `Images in ${root}`,
    trainImages: images,
    trainLabels: Uint8Array.from(shuffledLabels),
    testImages: new Uint8Array(0),
    testLabels: new Uint8Array(0),
    imageShape: [h, w, channels],
    classNames: entries,
  };
}
