import type { LayerSpec } from './types';
import { ACTIVATION_LABELS, activationErrors, activationField, sameShape, torchActivation } from './common';

export const activation: LayerSpec<'activation'> = {
  kind: 'activation',
  label: 'Activation',
  kerasClass: 'Activation',
  category: 'Core',
  description: 'Applies an activation function to every value, as its own layer.',
  defaults: { activation: 'relu' },
  fields: [activationField],
  describe: (p) => ACTIVATION_LABELS[p.activation] ?? String(p.activation),
  validate: (p) => activationErrors(p.activation),
  outputShape: sameShape,
  torch: ({ x }, p) => ({ forward: torchActivation(p.activation, x) }),
  weightShapes: () => [],
};
