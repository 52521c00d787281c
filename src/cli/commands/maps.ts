import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PNG } from 'pngjs';
import { argmaxRow } from '@shared/data/argmax';
import { loadDataset, testImage } from '../../engine/data/datasets';
import { computeActivations } from '../../engine/maps/activations';
import { networkWithWeights } from './networkWithWeights';
import { print, printError } from '../terminal';

export const MAPS_USAGE = 'maps <file> --image <test index> --out <dir> [--weights <file>]  one PNG of feature maps per layer';

/** A layer name made safe as part of a file name: no separators, dots or anything a shell or terminal would act on. */
export function fileNamePart(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 100) || 'layer';
}

/** Channels of an [h, w, c] activation tiled in a square grid, each scaled to 0-255 on the layer's range. */
function gridPng(data: Float32Array, [h, w, c]: number[], scale = 4, gap = 2): PNG {
  const cols = Math.ceil(Math.sqrt(c));
  const rows = Math.ceil(c / cols);
  const png = new PNG({ width: cols * (w * scale + gap) + gap, height: rows * (h * scale + gap) + gap });
  png.data.fill(128);
  let lo = Infinity, hi = -Infinity;
  for (const v of data) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const span = hi - lo || 1;
  for (let k = 0; k < c; k++) {
    const ox = gap + (k % cols) * (w * scale + gap);
    const oy = gap + Math.floor(k / cols) * (h * scale + gap);
    for (let y = 0; y < h * scale; y++) for (let x = 0; x < w * scale; x++) {
      const v = Math.round(((data[(Math.floor(y / scale) * w + Math.floor(x / scale)) * c + k] - lo) / span) * 255);
      png.data.set([v, v, v, 255], ((oy + y) * png.width + ox + x) * 4);
    }
  }
  return png;
}

/** `netbuilder maps`: the feature maps of each layer for one MNIST test digit, as PNG files. */
export async function mapsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { image: { type: 'string', default: '0' }, out: { type: 'string' }, weights: { type: 'string' } } });
  const index = Number(values.image);
  if (positionals.length !== 1 || !values.out || !Number.isInteger(index) || index < 0 || index > 9999) {
    printError(`Usage: netbuilder ${MAPS_USAGE}`);
    return 2;
  }
  const { graph, built, trained } = await networkWithWeights(positionals[0], values.weights);
  const source = trained ? 'trained weights' : 'random weights (the network has not been trained)';
  const ds = loadDataset({ kind: 'mnist' });
  const image = testImage(ds, index);
  const { layers, probabilities } = computeActivations(graph, built, image);
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, '00-input.png'), PNG.sync.write(gridPng(image, [28, 28, 1])));
  layers.forEach((l, i) => {
    const shape = l.shape.length === 3 ? l.shape : [1, l.shape[0], 1];
    const file = join(values.out!, `${String(i + 1).padStart(2, '0')}-${fileNamePart(l.name)}.png`);
    writeFileSync(file, PNG.sync.write(gridPng(l.data, shape, l.shape.length === 3 ? 4 : 8)));
    print(`${file}  ${l.kind} (${l.shape.join(' x ')})`);
  });
  const predicted = argmaxRow(probabilities);
  print(`Test image ${index}: label ${ds.testLabels[index]}, predicted ${predicted} (${(probabilities[predicted] * 100).toFixed(1)}%) with ${source}.`);
  built.model.dispose();
  return 0;
}
