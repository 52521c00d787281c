import { z } from 'zod';
import type { LayerKind } from '../graph/model';
import { command } from './define';
import { RequestGraphSchema } from './training';

// Feature maps: every layer's activations for one input, as typed arrays (raw bytes over both
// transports, never JSON number lists).

export const MapsSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('test'), index: z.number().int().min(0).max(9999) }),
  z.object({ kind: z.literal('random') }),
  /** A 28x28 image in [0, 1], row-major (a drawn digit after MNIST-style centring). */
  z.object({ kind: z.literal('pixels'), pixels: z.array(z.number().min(0).max(1)).length(784) }),
]);
export type MapsSource = z.infer<typeof MapsSourceSchema>;

export interface LayerActivation {
  id: string;
  name: string;
  kind: LayerKind;
  /** Without the batch axis: [26, 26, 32] or [10]. */
  shape: number[];
  data: Float32Array;
  /** Conv2D: the kernel [fh, fw, cin, cout]; Dense: [inputs, units]. */
  kernel?: { shape: number[]; data: Float32Array };
  /** Conv2D and Dense with a bias: [filters] or [units]. */
  bias?: { shape: number[]; data: Float32Array };
}

export interface MapsReply {
  /** The input image [h, w, c] in [0, 1]. */
  input: { shape: number[]; data: Float32Array };
  label: number | null;
  testIndex: number | null;
  layers: LayerActivation[];
  probabilities: Float32Array;
  predicted: number;
  classNames: string[];
  /** "trained" when the weights come from the last training run of this network, else "random". */
  weights: 'trained' | 'random';
  /** Test indices the current weights get wrong (after training), for "show a mistake". */
  misclassified: number[];
}

export const mapsCommands = {
  'maps:compute': command<MapsReply>()(z.object({ graph: RequestGraphSchema, source: MapsSourceSchema }).strict()),
};
