import type { LayerSpec } from './types';
import { formatCount } from '../format';
import { ACTIVATION_LABELS, LIMITS, activationErrors, activationField, positiveInt, torchActivation, useBiasField } from './common';

export const dense: LayerSpec<'dense'> = {
  kind: 'dense',
  label: 'Dense',
  kerasClass: 'Dense',
  category: 'Core',
  description: 'Every output unit is a weighted sum of all inputs (plus a bias). On a tensor with more axes it acts on the last one.',
  defaults: { units: 10, activation: 'softmax', useBias: true },
  fields: [
    { key: 'units', label: 'Units', type: 'int', min: 1, max: LIMITS.units, help: 'Number of outputs. The last layer of a classifier has one per class (10 for digits).' },
    activationField,
    useBiasField,
  ],
  describe: (p) => (p.activation === 'linear' ? `${p.units}` : `${p.units}, ${ACTIVATION_LABELS[p.activation]}`),
  validate: (p) => [...positiveInt(p.units, 'Units', LIMITS.units), ...activationErrors(p.activation)],
  outputShape: (input, p) => {
    if (input.length < 2) return { error: 'Dense needs an input with at least one axis besides the batch.' };
    return { shape: [...input.slice(0, -1), p.units], formula: `last axis ${String(input[input.length - 1])} -> ${p.units} units` };
  },
  torch: ({ input, module, x }, p) => {
    if (input.length === 4) return { error: 'a Dense on an image acts on its channels, which PyTorch keeps on axis 1: put a Flatten or GlobalAveragePooling2D before it to export to PyTorch.' };
    return {
      init: `nn.Linear(${String(input[input.length - 1])}, ${p.units}${p.useBias ? '' : ', bias=False'})`,
      forward: torchActivation(p.activation, `${module}(${x})`),
      weights: [{ torch: 'weight', keras: 'kernel', convert: 'w.T', why: 'Keras (inputs, units) -> PyTorch (units, inputs)' }, ...(p.useBias ? [{ torch: 'bias', keras: 'bias' }] : [])],
    };
  },
  countFormula: (input, p) => denseFormula(input[input.length - 1] as number, p.units, p.useBias),
  weightShapes: (input, p) => {
    const inputs = input[input.length - 1] as number;
    const kernel = { name: 'kernel', shape: [inputs, p.units], trainable: true };
    return p.useBias ? [kernel, { name: 'bias', shape: [p.units], trainable: true }] : [kernel];
  },
};

/** "(1600 + 1) * 10 = 16,010" */
export function denseFormula(inputs: number, units: number, useBias: boolean): string {
  const total = (inputs + (useBias ? 1 : 0)) * units;
  return useBias ? `(${inputs} + 1) * ${units} = ${formatCount(total)}` : `${inputs} * ${units} = ${formatCount(total)}`;
}
