import { sameShape } from './common';
import { defineParams, floatParam } from './params';
import { defineLayer } from './types';

export const dropout = defineLayer({
  kind: 'dropout',
  label: 'Dropout',
  category: 'Regularization',
  description: 'While training, zeroes a random fraction of its inputs (and scales up the rest) so the network cannot rely on any single value. Does nothing at prediction time.',
  params: defineParams({
    rate: floatParam({
      label: 'Rate',
      min: 0,
      max: 1,
      below: true,
      default: 0.5,
      help: 'Fraction of inputs dropped during training, from 0 (none) up to but not including 1.',
      message: (v) => `Dropout rate must be at least 0 and below 1 (got ${String(v)}); 0.5 is usual after Dense layers, 0.25 after convolutions.`,
    }),
  }),
  inputs: { min: 1, max: 1 },
  describe: (p) => `rate ${p.rate}`,
  outputShape: sameShape,
  torch: ({ module, x }, p) => ({ init: `nn.Dropout(${p.rate})`, forward: `${module}(${x})` }),
  weightShapes: () => [],
  keras: {
    className: 'Dropout',
    toConfig: (p) => ({ rate: p.rate, seed: null, noise_shape: null }),
    fromConfig: (c) => {
      c.expect('seed', null);
      c.expect('noise_shape', null);
      return { rate: c.number('rate') };
    },
  },
  tfjs: (p) => [{ fn: 'dropout', args: { rate: p.rate } }],
  python: (p) => ({ call: 'layers.Dropout', args: [`${p.rate}`] }),
});
