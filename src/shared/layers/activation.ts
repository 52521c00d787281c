import { torchActivation } from './torch';
import { ACTIVATION_LABELS, activationParam, sameShape } from './common';
import { TO_KERAS_ACTIVATION } from './kerasConfig';
import { defineParams } from './params';
import { tfjsActivation } from './tfjsActivation';
import { defineLayer } from './types';

export const activation = defineLayer({
  kind: 'activation',
  label: 'Activation',
  category: 'Activation',
  description: 'Applies an activation function to every value, as its own layer.',
  params: defineParams({ activation: { ...activationParam, default: 'relu' as const } }),
  inputs: { min: 1, max: 1 },
  describe: (p) => ACTIVATION_LABELS[p.activation] ?? String(p.activation),
  outputShape: sameShape,
  weightShapes: () => [],
  torch: ({ x }, p) => ({ forward: torchActivation(p.activation, x) }),
  keras: {
    className: 'Activation',
    toConfig: (p) => ({ activation: TO_KERAS_ACTIVATION[p.activation] }),
    fromConfig: (c) => ({ activation: c.activation() }),
  },
  tfjs: (p) => {
    const a = tfjsActivation(p.activation);
    return a.extra.length > 0 ? a.extra.map((e) => ({ fn: e.fn, args: e.args })) : [{ fn: 'activation', args: { activation: p.activation } }];
  },
  python: (p) => ({ call: 'layers.Activation', args: [`"${TO_KERAS_ACTIVATION[p.activation]}"`] }),
});
