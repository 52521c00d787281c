// A finished training run as kept in the network file, so that sharing a network shares what was
// tried on it (1,000 vs 60,000 samples, one learning rate against another...).
import { z } from 'zod';
import { TrainOptionsSchema } from './options';

const finite = z.number().finite();

export const RunRecordSchema = z.object({
  id: z.string().max(100),
  startedAt: z.number(),
  options: TrainOptionsSchema,
  backend: z.string().max(40),
  trainSamples: z.number().int().min(0),
  stepsPerEpoch: z.number().int().min(0),
  epochs: z
    .array(z.object({ epoch: z.number().int().min(1), loss: finite, accuracy: finite.nullable(), valLoss: finite.nullable(), valAccuracy: finite.nullable(), mae: finite.nullable().default(null), valMae: finite.nullable().default(null), durationMs: finite }))
    .max(10_000),
  reason: z.enum(['completed', 'stopped', 'early-stopped', 'diverged', 'failed']),
  message: z.string().max(2000),
  bestEpoch: z.number().int().nullable(),
  restoredWeightsFromEpoch: z.number().int().nullable(),
  testAccuracy: finite.nullable(),
  testLoss: finite.nullable(),
  testMae: finite.nullable().default(null),
  testMse: finite.nullable().default(null),
  durationMs: finite,
  /** Set for a run of a sweep: the setting it varied ("lr", "dense.units") and this run's value. */
  sweep: z.object({ param: z.string().max(300), value: finite }).optional(),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;

/** Runs read from a file: the valid ones are kept, the others dropped (they are history, not the network). */
export function readRuns(value: unknown): RunRecord[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((r) => {
    const parsed = RunRecordSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
}

/** "1,000 samples · adam 0.001 · batch 32" (after "dense.units = 64" in a sweep) — what tells two runs apart. */
export function describeRun(r: RunRecord): string {
  const o = r.options;
  const parts = r.sweep ? [`${r.sweep.param} = ${r.sweep.value}`] : [];
  parts.push(`${r.trainSamples.toLocaleString('en-US')} samples`, `${o.optimizer} ${o.learningRate}`, `batch ${o.batchSize}`);
  if (o.earlyStopping.enabled) parts.push(`early stopping (${o.earlyStopping.monitor}, patience ${o.earlyStopping.patience})`);
  return parts.join(' · ');
}
