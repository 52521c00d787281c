// Training settings, as the panel and the command line set them, with their defaults.
import { z } from 'zod';
import { DatasetSpecSchema } from './dataset';

export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const;
export const LOSSES = [
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'binaryCrossentropy',
  'meanSquaredError',
  'meanAbsoluteError',
  'huber',
] as const;
/** Losses for a real-valued target. */
export const REGRESSION_LOSSES = ['meanSquaredError', 'meanAbsoluteError', 'huber'] as const;
export const MONITORS = ['val_loss', 'val_accuracy', 'loss', 'accuracy'] as const;

export const EarlyStoppingSchema = z.object({
  enabled: z.boolean().default(false),
  monitor: z.enum(MONITORS).default('val_loss'),
  patience: z.number().int().min(0).max(1000).default(2),
  minDelta: z.number().min(0).max(1e6).default(0),
  restoreBestWeights: z.boolean().default(true),
});

export const TrainOptionsSchema = z.object({
  dataset: DatasetSpecSchema.default({ kind: 'mnist' }),
  /** Use only the first N training samples (null: all). Learners compare 1,000 vs 60,000. */
  trainLimit: z.number().int().min(1).max(10_000_000).nullable().default(null),
  validationSplit: z.number().min(0).max(0.5).default(0.1),
  epochs: z.number().int().min(1).max(1000).default(1),
  batchSize: z.number().int().min(1).max(8192).default(32),
  optimizer: z.enum(OPTIMIZERS).default('adam'),
  learningRate: z.number().positive().max(10).default(0.001),
  /** SGD only. */
  momentum: z.number().min(0).max(0.999).default(0),
  loss: z.enum(LOSSES).default('categoricalCrossentropy'),
  shuffle: z.boolean().default(true),
  earlyStopping: EarlyStoppingSchema.default({
    enabled: false,
    monitor: 'val_loss',
    patience: 2,
    minDelta: 0,
    restoreBestWeights: true,
  }),
  seed: z.number().int().optional(),
  /** Use a second thread for half of each batch on the wasm backend (same result, about 1.5x faster). */
  parallel: z.boolean().default(true),
});
export type TrainOptions = z.infer<typeof TrainOptionsSchema>;
export type TrainOptionsInput = z.input<typeof TrainOptionsSchema>;
