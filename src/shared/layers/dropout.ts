import type { LayerSpec } from './types';
import { sameShape } from './common';

export const dropout: LayerSpec<'dropout'> = {
  kind: 'dropout',
  label: 'Dropout',
  kerasClass: 'Dropout',
  category: 'Regularization',
  description: 'While training, zeroes a random fraction of its inputs (and scales up the rest) so the network cannot rely on any single value. Does nothing at prediction time.',
  defaults: { rate: 0.5 },
  fields: [{ key: 'rate', label: 'Rate', type: 'float', min: 0, max: 0.999, help: 'Fraction of inputs dropped during training, from 0 (none) up to but not including 1.' }],
  describe: (p) => `rate ${p.rate}`,
  validate: (p) =>
    typeof p.rate === 'number' && Number.isFinite(p.rate) && p.rate >= 0 && p.rate < 1
      ? []
      : [`Dropout rate must be at least 0 and below 1 (got ${String(p.rate)}); 0.5 is usual after Dense layers, 0.25 after convolutions.`],
  outputShape: sameShape,
  torch: ({ module, x }, p) => ({ init: `nn.Dropout(${p.rate})`, forward: `${module}(${x})` }),
  weightShapes: () => [],
};
