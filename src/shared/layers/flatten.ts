import type { LayerSpec } from './types';
import { formatCount } from '../format';

export const flatten: LayerSpec<'flatten'> = {
  kind: 'flatten',
  label: 'Flatten',
  kerasClass: 'Flatten',
  category: 'Core',
  description: 'Lays all values of a sample out in one vector, so Dense layers can use them.',
  defaults: {},
  fields: [],
  describe: () => '',
  validate: () => [],
  outputShape: (input) => {
    const axes = input.slice(1) as number[];
    if (axes.length === 0) return { error: 'Flatten needs an input with at least one axis besides the batch.' };
    const size = axes.reduce((a, b) => a * b, 1);
    const formula = axes.length === 1 ? 'already flat' : `${axes.join(' * ')} = ${formatCount(size)}`;
    return { shape: [null, size], formula };
  },
  weightShapes: () => [],
  // Keras flattens channels last: (H, W, C) row by row. PyTorch's NCHW is put back in that order first,
  // so the Dense after it takes the same weights.
  torch: ({ input, x }) => ({ forward: input.length === 4 ? `torch.flatten(${x}.permute(0, 2, 3, 1), 1)` : `torch.flatten(${x}, 1)` }),
};
