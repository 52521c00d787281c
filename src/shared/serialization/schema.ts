// The .nnb.json network file, version 1, as zod schemas. See docs/file-format.md.
import { z } from 'zod';
import { LAYER_KINDS, anySpec, isLayerKind } from '../layers/registry';
import { MAX_LAYER_NAME_LENGTH } from '../graph/names';

export const FORMAT_ID = 'netbuilder';
export const CURRENT_VERSION = 1;
export const MAX_NODES = 5000;
export const MAX_EDGES = 20000;
export const MAX_FILE_CHARS = 256 * 1024 * 1024;

const position = z.object({ x: z.number().finite(), y: z.number().finite() });
const id = z.string().min(1).max(200);
const name = z.string().min(1).max(MAX_LAYER_NAME_LENGTH);

// Params are checked for type and bounds by each kind's own schema; a value that is allowed but
// makes no sense in the network (a kernel larger than its input) loads fine and is shown as an
// error on the node.
const nodeSchemas = LAYER_KINDS.map((kind) =>
  z.object({ id, kind: z.literal(kind), name, params: anySpec(kind).params.schema, position, trainable: z.boolean().optional() }),
);

export const NodeSchema = z.discriminatedUnion('kind', nodeSchemas as unknown as [(typeof nodeSchemas)[number], ...(typeof nodeSchemas)[number][]]);

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
  return isLayerKind(kind) && Object.hasOwn(anySpec(kind).params.schemas, key) ? anySpec(kind).params.schemas[key] : undefined;
}
