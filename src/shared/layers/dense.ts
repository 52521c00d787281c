import { torchActivation } from './torch';
import { formatCount } from '../format';
import { ACTIVATION_LABELS, LIMITS, activationParam, expectKernelDefaults, pyActivation, useBiasParam } from './common';
import { TO_KERAS_ACTIVATION } from './kerasConfig';
import { defineParams, intParam } from './params';
import { tfjsActivation } from './tfjsActivation';
import { defineLayer } from './types';
import { describeRegularizer, kerasRegularizers, pythonRegularizerArgs, readRegularizer, regularizerParam, tfjsRegularizerArgs, torchPenalty } from './regularizer';

export const dense = defineLayer({
  kind: 'dense',
  label: 'Dense',
  category: 'Core',
  description: 'Every output unit is a weighted sum of all inputs (plus a bias). On a tensor with more axes it acts on the last one.',
  params: defineParams({
    units: intParam({ label: 'Units', min: 1, max: LIMITS.units, default: 10, help: 'Number of outputs. The last layer of a classifier has one per class (10 for digits).' }),
    activation: { ...activationParam, default: 'softmax' as const },
    useBias: useBiasParam,
    kernelRegularizer: regularizerParam('kernel'),
    biasRegularizer: regularizerParam('bias'),
  }),
  inputs: { min: 1, max: 1 },
  describe: (p) => [`${p.units}`, p.activation === 'linear' ? '' : ACTIVATION_LABELS[p.activation], describeRegularizer(p.kernelRegularizer)].filter(Boolean).join(', '),
  outputShape: (input, p) => {
    if (input.length < 2) return { error: 'Dense needs an input with at least one axis besides the batch.' };
    return { shape: [...input.slice(0, -1), p.units], formula: `last axis ${String(input[input.length - 1])} -> ${p.units} units` };
  },
  countFormula: (input, p) => denseFormula(input[input.length - 1] as number, p.units, p.useBias),
  weightShapes: (input, p) => {
    const inputs = input[input.length - 1] as number;
    const kernel = { name: 'kernel', shape: [inputs, p.units], trainable: true };
    return p.useBias ? [kernel, { name: 'bias', shape: [p.units], trainable: true }] : [kernel];
  },
  torch: ({ input, module, x }, p) => {
    if (input.length === 4) return { error: 'a Dense on an image acts on its channels, which PyTorch keeps on axis 1: put a Flatten or GlobalAveragePooling2D before it to export to PyTorch.' };
    return {
      init: `nn.Linear(${String(input[input.length - 1])}, ${p.units}${p.useBias ? '' : ', bias=False'})`,
      forward: torchActivation(p.activation, `${module}(${x})`),
      weights: [{ torch: 'weight', keras: 'kernel', convert: 'w.T', why: 'Keras (inputs, units) -> PyTorch (units, inputs)' }, ...(p.useBias ? [{ torch: 'bias', keras: 'bias' }] : [])],
      penalty: [...torchPenalty(p.kernelRegularizer, `${module}.weight`), ...(p.useBias ? torchPenalty(p.biasRegularizer, `${module}.bias`) : [])],
    };
  },
  keras: {
    className: 'Dense',
    toConfig: (p) => ({ units: p.units, activation: TO_KERAS_ACTIVATION[p.activation], use_bias: p.useBias, ...kerasRegularizers(p) }),
    fromConfig: (c) => {
      expectKernelDefaults(c);
      return {
        units: c.number('units'),
        activation: c.activation(),
        useBias: c.bool('use_bias', true),
        kernelRegularizer: readRegularizer(c, 'kernel_regularizer'),
        biasRegularizer: readRegularizer(c, 'bias_regularizer'),
      };
    },
  },
  tfjs: (p) => {
    const a = tfjsActivation(p.activation);
    return [{ fn: 'dense', args: { units: p.units, activation: a.activation, useBias: p.useBias, ...tfjsRegularizerArgs(p) } }, ...a.extra];
  },
  python: (p) => {
    const args = [`${p.units}`];
    if (p.activation !== 'linear') args.push(pyActivation(p.activation));
    if (!p.useBias) args.push('use_bias=False');
    args.push(...pythonRegularizerArgs(p));
    return { call: 'layers.Dense', args };
  },
});

/** "(1600 + 1) * 10 = 16,010" */
export function denseFormula(inputs: number, units: number, useBias: boolean): string {
  const total = (inputs + (useBias ? 1 : 0)) * units;
  return useBias ? `(${inputs} + 1) * ${units} = ${formatCount(total)}` : `${inputs} * ${units} = ${formatCount(total)}`;
}
