// Trained weights as a network file keeps them: base64 float32 bytes per tensor, named as tfjs names the weights.
import { z } from 'zod';

export const SavedWeightsSchema = z.object({
  format: z.literal('netbuilder-weights'),
  version: z.literal(1),
  tensors: z.array(z.object({ name: z.string().max(500), shape: z.array(z.number().int().min(0)).max(8), data: z.string() })).max(10_000),
});

/** Trained weights as stored in a network file's "weights" field. */
export type SavedWeights = z.infer<typeof SavedWeightsSchema>;
