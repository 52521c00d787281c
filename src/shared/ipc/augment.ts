import { z } from 'zod';
import { DatasetSpecSchema } from '../training/dataset';
import { command } from './define';
import { RequestGraphSchema } from './training';

// The augmentation preview: a few training images as the network sees them while training, each
// through the augmentation layers at the start of the network several times.

export interface AugmentPreview {
  /** The augmentation layers applied, in order (the network's leading ones, up to the chosen layer). */
  layers: string[];
  /** [height, width, channels] of each image. */
  shape: number[];
  /** Per image: its label and the original then `variants` augmented versions, values in [0, 1] as trained on. */
  images: { index: number; label: string; original: Float32Array; augmented: Float32Array[] }[];
}

export const AugmentPreviewRequestSchema = z
  .object({
    graph: RequestGraphSchema,
    /** The augmentation layer to show the output of; its predecessors back to the Input must be augmentation layers too. */
    nodeId: z.string().min(1).max(200),
    dataset: DatasetSpecSchema,
    /** The first training image shown, and how many. */
    start: z.number().int().min(0).max(1_000_000),
    count: z.number().int().min(1).max(8),
    variants: z.number().int().min(1).max(8),
  })
  .strict();
export type AugmentPreviewRequest = z.infer<typeof AugmentPreviewRequestSchema>;

export const augmentCommands = {
  'augment:preview': command<AugmentPreview>()(AugmentPreviewRequestSchema),
};
