// A folder of images with one sub-folder per class (PNG), as Keras' image_dataset_from_directory
// reads it: class names are the sub-folder names in alphabetical order.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Dataset } from './datasets';
import { MAX_DATA_BYTES, readRegularFile } from './files';

const MAX_IMAGES = 200_000;
/** Labels are bytes, as in idx files. */
export const MAX_CLASSES = 256;
/** Largest image, checked in the PNG header before decoding (decoding takes 4 bytes per pixel). */
export const MAX_IMAGE_PIXELS = 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk, without decoding it; null when it is not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export function loadImageFolder(root: string): Dataset {
  let entries: string[];
  try {
    entries = readdirSync(root).filter((e) => statSync(join(root, e)).isDirectory()).sort();
  } catch (err) {
    throw new Error(`Cannot read the folder ${root}: ${(err as Error).message}`, { cause: err });
  }
  if (entries.length < 2) throw new Error(`${root} needs one sub-folder per class (at least two), each holding that class's PNG images.`);
  if (entries.length > MAX_CLASSES) throw new Error(`${root} has ${entries.length} class folders; NetBuilder trains on at most ${MAX_CLASSES} classes.`);
  let decodedBytes = 0;
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
      const bytes = readRegularFile(path);
      const size = pngSize(bytes);
      if (!size) throw new Error(`${path} is not a readable PNG image: its first bytes are not a PNG header.`);
      if (size.width * size.height > MAX_IMAGE_PIXELS) {
        throw new Error(`${path} is ${size.width}x${size.height}; images of at most ${MAX_IMAGE_PIXELS.toLocaleString('en-US')} pixels (e.g. 1024x1024) can be used. Resize the images.`);
      }
      decodedBytes += size.width * size.height * 4;
      if (decodedBytes > MAX_DATA_BYTES) throw new Error(`The images in ${root} take more than ${MAX_DATA_BYTES / 1024 / 1024} MB decoded; use fewer or smaller images.`);
      let png: PNG;
      try {
        png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
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
    // Exact modulo 2^31 (the plain product passes 2^53 and loses bits), as the exported scripts compute it.
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
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
