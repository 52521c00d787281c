// The training options `train` and `sweep` share: one parser, one usage text.
import { basename } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { TOY_DEFAULT_CLASSES, TOY_NOISE, TOY_SHAPES, toyProblem, type ToyShape } from '@shared/data/toy';
import { TrainOptionsSchema, type TrainOptions } from '@shared/training/options';
import { printError } from '../terminal';

export const TRAIN_ARGS_USAGE =
  '[--dataset mnist|fashion-mnist|idx|folder|csv|spiral|circles|xor|gaussian|moons] [--epochs N] [--limit N] [--batch-size N] [--lr X]\n' +
  '        [--path FILE --target COLUMN --task classification|regression --test-split F]   a CSV table (features standardised on the training split)\n' +
  '        [--path DIR] [--train-images F --train-labels F [--test-images F --test-labels F]]\n' +
  '        [--samples N] [--test-samples N] [--classes K] [--noise X] [--data-seed N]   toy 2-D data: points per class, classes, noise\n' +
  '        [--optimizer adam|sgd|rmsprop] [--loss NAME] [--validation-split X] [--early-stopping] [--patience N] [--seed N] [--json]\n' +
  '        [--single-thread]  do not split batches over two threads';

export const TRAIN_ARGS = {
  dataset: { type: 'string', default: 'mnist' },
  path: { type: 'string' },
  'train-images': { type: 'string' },
  'train-labels': { type: 'string' },
  'test-images': { type: 'string' },
  'test-labels': { type: 'string' },
  target: { type: 'string' },
  task: { type: 'string' },
  'test-split': { type: 'string' },
  samples: { type: 'string' },
  'test-samples': { type: 'string' },
  classes: { type: 'string' },
  noise: { type: 'string' },
  'data-seed': { type: 'string' },
  epochs: { type: 'string', default: '1' },
  limit: { type: 'string' },
  'batch-size': { type: 'string', default: '32' },
  lr: { type: 'string', default: '0.001' },
  optimizer: { type: 'string', default: 'adam' },
  loss: { type: 'string' },
  'validation-split': { type: 'string', default: '0.1' },
  'early-stopping': { type: 'boolean', default: false },
  patience: { type: 'string', default: '2' },
  seed: { type: 'string' },
  json: { type: 'boolean', default: false },
  'single-thread': { type: 'boolean', default: false },
} satisfies ParseArgsConfig['options'];

type Values = { [K in keyof typeof TRAIN_ARGS]?: (typeof TRAIN_ARGS)[K]['type'] extends 'boolean' ? boolean : string };

const optionalNumber = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

function datasetFrom(values: Values): unknown {
  const name = values.dataset ?? 'mnist';
  if (name === 'folder') return { kind: 'folder', path: values.path };
  if (name === 'csv') {
    return { kind: 'csv', name: values.path ? basename(values.path) : 'table', path: values.path, target: values.target, task: values.task, testSplit: optionalNumber(values['test-split']), seed: optionalNumber(values['data-seed']) };
  }
  if (name === 'idx') return { kind: 'idx', trainImages: values['train-images'], trainLabels: values['train-labels'], testImages: values['test-images'], testLabels: values['test-labels'] };
  if ((TOY_SHAPES as readonly string[]).includes(name)) {
    const shape = name as ToyShape;
    return {
      kind: 'toy',
      shape,
      samples: optionalNumber(values.samples),
      testSamples: optionalNumber(values['test-samples']),
      classes: optionalNumber(values.classes) ?? TOY_DEFAULT_CLASSES[shape],
      noise: optionalNumber(values.noise) ?? TOY_NOISE[shape].default,
      seed: optionalNumber(values['data-seed']),
    };
  }
  return { kind: name };
}

/** The options, or a message saying which one is wrong. */
export function trainOptionsFrom(values: Values): { options: TrainOptions } | { error: string } {
  const parsed = TrainOptionsSchema.safeParse({
    dataset: datasetFrom(values),
    epochs: Number(values.epochs ?? 1),
    trainLimit: values.limit ? Number(values.limit) : null,
    batchSize: Number(values['batch-size'] ?? 32),
    learningRate: Number(values.lr ?? 0.001),
    optimizer: values.optimizer ?? 'adam',
    // A regression table trains with meanSquaredError unless told otherwise.
    loss: values.loss ?? (values.dataset === 'csv' && values.task === 'regression' ? 'meanSquaredError' : undefined),
    validationSplit: Number(values['validation-split'] ?? 0.1),
    earlyStopping: { enabled: values['early-stopping'] ?? false, patience: Number(values.patience ?? 2) },
    seed: values.seed ? Number(values.seed) : undefined,
    parallel: !values['single-thread'],
  });
  if (!parsed.success) return { error: `Invalid options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  const ds = parsed.data.dataset;
  const problem = ds.kind === 'toy' ? toyProblem(ds) : null;
  if (problem) return { error: problem };
  return { options: parsed.data };
}

/** One network file and valid options, or null after saying what is wrong (the command exits 2). */
export function trainInputs(positionals: string[], values: Values, usage: string, complete = true): { file: string; options: TrainOptions } | null {
  if (positionals.length !== 1 || !complete) {
    printError(`Usage: netbuilder ${usage}`);
    return null;
  }
  const parsed = trainOptionsFrom(values);
  if ('error' in parsed) {
    printError(parsed.error);
    return null;
  }
  return { file: positionals[0], options: parsed.options };
}
