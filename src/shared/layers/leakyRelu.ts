import { sameShape } from './common';
import { defineParams, floatParam } from './params';
import { defineLayer } from './types';

export const leakyRelu = defineLayer({
  kind: 'leakyRelu',
  label: 'LeakyReLU',
  category: 'Activation',
  description: 'Keeps positive values and multiplies negative ones by a small slope, so no unit goes completely silent.',
  params: defineParams({
    negativeSlope: floatParam({ label: 'Negative slope', min: 0, max: 1_000, default: 0.3, help: 'What negative values are multiplied by (Keras\' negative_slope, alpha in Keras 2 and TF.js). 0.3 is the layer\'s default.' }),
  }),
  inputs: { min: 1, max: 1 },
  describe: (p) => `slope ${p.negativeSlope}`,
  outputShape: sameShape,
  weightShapes: () => [],
  torch: ({ x }, p) => ({ forward: `F.leaky_relu(${x}, ${p.negativeSlope})` }),
  keras: {
    className: 'LeakyReLU',
    // Keras 3 reads negative_slope; Keras 2 and TF.js read alpha: both are written.
    toConfig: (p) => ({ negative_slope: p.negativeSlope, alpha: p.negativeSlope }),
    fromConfig: (c) => {
      const slope = c.has('negative_slope') ? c.number('negative_slope') : c.number('alpha', 0.3);
      if (c.has('alpha')) {
        const alpha = c.number('alpha');
        if (alpha !== slope) c.fail('alpha', `is ${alpha} but negative_slope is ${slope}.`);
      }
      return { negativeSlope: slope };
    },
  },
  tfjs: (p) => [{ fn: 'leakyReLU', args: { alpha: p.negativeSlope } }],
  python: (p) => ({ call: 'layers.LeakyReLU', args: [`negative_slope=${p.negativeSlope}`] }),
});
