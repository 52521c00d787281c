// A CSV table as the trainer takes it: rows shuffled with a seed, the last share held out as the
// test set. Standardisation happens in the trainer, with the training split's statistics only.
import { readFileSync } from 'node:fs';
import { parseTable } from '@shared/data/csv';
import type { CsvDatasetSpec } from '@shared/training/dataset';
import { rng, shuffleInPlace } from '@shared/random';
import type { Dataset } from './datasets';

function pick(features: Float32Array, width: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, i) => out.set(features.subarray(r * width, (r + 1) * width), i * width));
  return out;
}

export function loadCsv(spec: CsvDatasetSpec): Dataset {
  let text = spec.text;
  if (text === undefined) {
    if (!spec.path) throw new Error('Choose a CSV file first.');
    text = readFileSync(spec.path, 'utf8');
  }
  let table;
  try {
    table = parseTable(text, spec.target, spec.task);
  } catch (err) {
    throw new Error(`${spec.name}: ${(err as Error).message}`, { cause: err });
  }
  const width = table.featureNames.length;
  const order = shuffleInPlace(Int32Array.from({ length: table.rows }, (_, i) => i), rng(spec.seed));
  const testRows = Math.floor(table.rows * spec.testSplit);
  const trainOrder = order.subarray(0, table.rows - testRows);
  const testOrder = order.subarray(table.rows - testRows);
  const labelsOf = (rows: Int32Array): Uint8Array => (table.labels ? Uint8Array.from(rows, (r) => table.labels![r]) : new Uint8Array(0));
  return {
    name: spec.name,
    trainImages: new Uint8Array(0),
    trainLabels: labelsOf(trainOrder),
    testImages: new Uint8Array(0),
    testLabels: labelsOf(testOrder),
    imageShape: [1, 1, width],
    classNames: table.classNames,
    features: { train: pick(table.features, width, trainOrder), test: pick(table.features, width, testOrder), shape: [width], names: table.featureNames, standardize: true },
    targets: table.values ? { train: Float32Array.from(trainOrder, (r) => table.values![r]), test: Float32Array.from(testOrder, (r) => table.values![r]) } : undefined,
  };
}
