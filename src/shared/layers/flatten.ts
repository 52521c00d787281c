import { formatCount } from '../format';
import { defineParams } from './params';
import { defineLayer } from './types';

export const flatten = defineLayer({
  kind: 'flatten',
  label: 'Flatten',
  category: 'Core',
  description: 'Lays all values of a sample out in one vector, so Dense layers can use them.',
  params: defineParams({}),
  inputs: { min: 1, max: 1 },
  describe: () => '',
  outputShape: (input) => {
    const axes = input.slice(1) as number[];
    if (axes.length === 0) return { error: 'Flatten needs an input with at least one axis besides the batch.' };
    const size = axes.reduce((a, b) => a * b, 1);
    const formula = axes.length === 1 ? 'already flat' : `${axes.join(' * ')} = ${formatCount(size)}`;
    return { shape: [null, size], formula };
  },
  weightShapes: () => [],
  torch: ({ input, x }) => ({ forward: input.length === 4 ? `torch.flatten(${x}.permute(0, 2, 3, 1), 1)` : `torch.flatten(${x}, 1)` }),
  keras: {
    className: 'Flatten',
    toConfig: () => ({ data_format: 'channels_last' }),
    fromConfig: (c) => {
      c.expect('data_format', 'channels_last', null);
      return {};
    },
  },
  tfjs: () => [{ fn: 'flatten', args: {} }],
  python: () => ({ call: 'layers.Flatten', args: [] }),
});
