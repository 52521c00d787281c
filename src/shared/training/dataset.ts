// Where training data comes from: a built-in set, the user's own idx files, a folder of images,
// points in the plane generated from a seed, or a table (CSV).
import { z } from 'zod';
import { TOY_MAX_CLASSES, TOY_SHAPES } from '../data/toy';

export const ToyDatasetSchema = z.object({
  kind: z.literal('toy'),
  shape: z.enum(TOY_SHAPES).default('spiral'),
  /** Training points per class (the course: 1,000). */
  samples: z.number().int().min(1).max(100_000).default(1000),
  /** Test points per class (the course: 100). */
  testSamples: z.number().int().min(1).max(100_000).default(100),
  classes: z.number().int().min(2).max(TOY_MAX_CLASSES).default(3),
  noise: z.number().min(0).max(10).default(0.2),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
});
export type ToyDatasetSpec = z.infer<typeof ToyDatasetSchema>;

export const TASKS = ['classification', 'regression'] as const;

export const CsvDatasetSchema = z.object({
  kind: z.literal('csv'),
  /** The file's name, for messages and run history. */
  name: z.string().min(1).max(500),
  path: z.string().min(1).optional(),
  text: z.string().max(64 * 1024 * 1024).optional(),
  target: z.string().min(1).max(500),
  task: z.enum(TASKS).default('classification'),
  /** The share of rows held out as the test set (after a seeded shuffle). */
  testSplit: z.number().min(0).max(0.5).default(0.2),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
});
export type CsvDatasetSpec = z.infer<typeof CsvDatasetSchema>;

export const DatasetSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mnist') }),
  z.object({ kind: z.literal('fashion-mnist') }),
  /** The user's own idx files (optionally gzipped). */
  z.object({
    kind: z.literal('idx'),
    trainImages: z.string().min(1),
    trainLabels: z.string().min(1),
    testImages: z.string().min(1).optional(),
    testLabels: z.string().min(1).optional(),
  }),
  /** A folder with one sub-folder of images per class. */
  z.object({ kind: z.literal('folder'), path: z.string().min(1) }),
  /** Points in the plane generated from a seed (src/shared/data/toy.ts); the test set from another seed. */
  ToyDatasetSchema,
  /** A table: a CSV file by path (CLI, Electron) or its text (chosen in a browser). */
  CsvDatasetSchema,
]);
export type DatasetSpec = z.infer<typeof DatasetSpecSchema>;
