// The .nnb.json network file, version 1, as zod schemas. See docs/file-format.md.
import { z } from 'zod';
import { ACTIVATIONS, PADDINGS } from '../graph/model';
import { LIMITS } from '../layers/common';
import { MAX_LAYER_NAME_LENGTH } from '../graph/names';

export const FORMAT_ID = 'netbuilder';
export const CURRENT_VERSION = 1;
export const MAX_NODES = 5000;
export const MAX_EDGES = 20000;
export const MAX_FILE_CHARS = 256 * 1024 * 1024;

const dim = (max: number) => z.number().int().min(1).max(max);
const pair = (max: number) => z.tuple([dim(max), dim(max)]);
const activation = z.enum(ACTIVATIONS);
const padding = z.enum(PADDINGS);
const position = z.object({ x: z.number().finite(), y: z.number().finite() });
const id = z.string().min(1).max(200);
const name = z.string().min(1).max(MAX_LAYER_NAME_LENGTH);

// Params are checked for type and bounds here; a value that is allowed but makes no sense in the
// network (a kernel larger than its input) loads fine and is shown as an error on the node.
const node = <K extends string, P extends z.ZodType>(kind: K, params: P) =>
  z.object({ id, kind: z.literal(kind), name, params, position });

const pooling = z.object({ poolSize: pair(LIMITS.window), strides: pair(LIMITS.stride).nullable(), padding });

export const NodeSchema = z.discriminatedUnion('kind', [
  node('input', z.object({ shape: z.array(dim(LIMITS.dimension)).min(1).max(3) })),
  node(
    'conv2d',
    z.object({
      filters: dim(LIMITS.filters),
      kernelSize: pair(LIMITS.window),
      strides: pair(LIMITS.stride),
      padding,
      activation,
      useBias: z.boolean(),
    }),
  ),
  node('maxPooling2d', pooling),
  node('averagePooling2d', pooling),
  node('globalAveragePooling2d', z.object({})),
  node('flatten', z.object({})),
  node('dropout', z.object({ rate: z.number().min(0).lt(1) })),
  node('dense', z.object({ units: dim(LIMITS.units), activation, useBias: z.boolean() })),
  node(
    'batchNormalization',
    z.object({ momentum: z.number().min(0).max(1), epsilon: z.number().gt(0).lt(1), center: z.boolean(), scale: z.boolean() }),
  ),
  node('activation', z.object({ activation })),
]);

export const EdgeSchema = z.object({ id, source: id, target: id });

export const GraphSchema = z.object({
  nodes: z.array(NodeSchema).max(MAX_NODES),
  edges: z.array(EdgeSchema).max(MAX_EDGES),
});

/**
 * Version 1 of the document. `weights` (trained weights) and `runs` (training history) are kept
 * as opaque JSON here: the engine and the training panel own their shapes and validate them.
 */
export const DocumentSchema = z.object({
  format: z.literal(FORMAT_ID),
  version: z.literal(CURRENT_VERSION),
  name: z.string().max(200).default('Untitled'),
  description: z.string().max(10_000).optional(),
  graph: GraphSchema,
  weights: z.unknown().optional(),
  runs: z.array(z.unknown()).max(1000).optional(),
});

export type NetworkDocument = z.infer<typeof DocumentSchema>;

/** The schema of one parameter of a layer kind, as files are checked: typed values are checked with it too. */
export function paramSchema(kind: string, key: string): z.ZodType | undefined {
  const option = NodeSchema.options.find((o) => o.shape.kind.value === kind);
  return option ? (option.shape.params as z.ZodObject).shape[key] : undefined;
}
