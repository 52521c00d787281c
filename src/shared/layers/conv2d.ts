import { samePadding, torchActivation } from './torch';
import { PADDINGS } from '../graph/model';
import { formatCount, formatPair } from '../format';
import { explainConv2d } from '../shape/convUtils';
import {
  ACTIVATION_LABELS,
  LIMITS,
  activationParam,
  expectKernelDefaults,
  paddingParam,
  pyActivation,
  pyTuple,
  requireImage,
  useBiasParam,
  windowOutput,
} from './common';
import { TO_KERAS_ACTIVATION } from './kerasConfig';
import { defineParams, intParam, pairParam } from './params';
import { defineLayer } from './types';
import { tfjsActivation } from './tfjsActivation';
import { describeRegularizer, kerasRegularizers, pythonRegularizerArgs, readRegularizer, regularizerParam, tfjsRegularizerArgs, torchPenalty } from './regularizer';

export const conv2d = defineLayer({
  kind: 'conv2d',
  label: 'Conv2D',
  category: 'Convolution',
  description: 'Slides learned filters over the image; each filter makes one output channel (a feature map).',
  params: defineParams({
    filters: intParam({ label: 'Filters', min: 1, max: LIMITS.filters, default: 32, help: 'How many filters, and so how many output channels (feature maps).' }),
    kernelSize: pairParam({ label: 'Kernel size', min: 1, max: LIMITS.window, default: [3, 3], unit: 'px', help: 'Height and width of each filter (F in (I - F + 2P) / S + 1).' }),
    strides: pairParam({ label: 'Strides', min: 1, max: LIMITS.stride, default: [1, 1], unit: 'px', help: 'How far the filter moves each step (S). A stride of 2 halves the output size.' }),
    padding: paddingParam,
    dilationRate: pairParam({
      label: 'Dilation rate',
      min: 1,
      max: LIMITS.window,
      default: [1, 1],
      help: 'Spaces the filter\'s taps apart: a 3x3 filter with rate 2 covers 5x5 with the same 9 weights (F becomes F + (F - 1)(rate - 1)).',
    }),
    groups: intParam({
      label: 'Groups',
      min: 1,
      max: LIMITS.filters,
      default: 1,
      help: 'Splits the input channels into groups, each convolved by its own filters: weights shrink by this factor. Channels and filters must both divide by it.',
    }),
    activation: { ...activationParam, default: 'relu' as const },
    useBias: useBiasParam,
    kernelRegularizer: regularizerParam('kernel'),
    biasRegularizer: regularizerParam('bias'),
  }),
  inputs: { min: 1, max: 1 },
  describe: (p) => {
    const parts = [`${p.filters} @ ${formatPair(p.kernelSize)}`];
    if (p.strides[0] !== 1 || p.strides[1] !== 1) parts.push(`stride ${formatPair(p.strides)}`);
    if (p.dilationRate[0] !== 1 || p.dilationRate[1] !== 1) parts.push(`dilation ${formatPair(p.dilationRate)}`);
    if (p.groups !== 1) parts.push(`${p.groups} groups`);
    if (p.padding === 'same') parts.push('same');
    if (p.activation !== 'linear') parts.push(ACTIVATION_LABELS[p.activation]);
    if (p.kernelRegularizer) parts.push(describeRegularizer(p.kernelRegularizer));
    return parts.join(', ');
  },
  check: (p) => {
    const errors: string[] = [];
    const strided = p.strides[0] !== 1 || p.strides[1] !== 1;
    const dilated = p.dilationRate[0] !== 1 || p.dilationRate[1] !== 1;
    if (strided && dilated) errors.push('Strides and dilation rate cannot both be above 1 (Keras refuses it): set one of them to 1.');
    if (p.filters % p.groups !== 0) errors.push(`Filters (${p.filters}) must divide by groups (${p.groups}).`);
    return errors;
  },
  outputShape: (input, p) => {
    const image = requireImage(input, 'Conv2D');
    if ('error' in image) return image;
    if (image.c % p.groups !== 0) {
      return { error: `its ${image.c} input channels do not divide into ${p.groups} groups. Use a number of groups that divides ${image.c}.` };
    }
    const span = effectiveKernel(p.kernelSize, p.dilationRate);
    const out = windowOutput(image, span, p.strides, p.padding, dilatedName(p.dilationRate));
    if ('error' in out) return out;
    return { shape: [null, out.oh, out.ow, p.filters], formula: explainConv2d([image.h, image.w], span, p.padding, p.strides) };
  },
  countFormula: (input, p) => conv2dFormula(p.kernelSize, (input[3] as number) / p.groups, p.filters, p.useBias),
  weightShapes: (input, p) => {
    const channels = (input[3] as number) / p.groups;
    const kernel = { name: 'kernel', shape: [p.kernelSize[0], p.kernelSize[1], channels, p.filters], trainable: true };
    return p.useBias ? [kernel, { name: 'bias', shape: [p.filters], trainable: true }] : [kernel];
  },
  torch: ({ input, module, x }, p) => {
    const pads = p.padding === 'same' ? samePadding(input, effectiveKernel(p.kernelSize, p.dilationRate), p.strides) : [0, 0, 0, 0];
    const padded = pads.some((v) => v > 0) ? `F.pad(${x}, ${pyTuple(pads)})` : x;
    const dilated = p.dilationRate[0] !== 1 || p.dilationRate[1] !== 1 ? `, dilation=${pyTuple(p.dilationRate)}` : '';
    const grouped = p.groups !== 1 ? `, groups=${p.groups}` : '';
    return {
      init: `nn.Conv2d(${String(input[3])}, ${p.filters}, kernel_size=${pyTuple(p.kernelSize)}, stride=${pyTuple(p.strides)}${dilated}${grouped}${p.useBias ? '' : ', bias=False'})`,
      forward: torchActivation(p.activation, `${module}(${padded})`),
      weights: [
        { torch: 'weight', keras: 'kernel', convert: 'w.transpose(3, 2, 0, 1)', why: 'Keras HWIO -> PyTorch OIHW (I per group)' },
        ...(p.useBias ? [{ torch: 'bias', keras: 'bias' }] : []),
      ],
      penalty: [...torchPenalty(p.kernelRegularizer, `${module}.weight`), ...(p.useBias ? torchPenalty(p.biasRegularizer, `${module}.bias`) : [])],
    };
  },
  keras: {
    className: 'Conv2D',
    reads: ['Convolution2D'],
    toConfig: (p) => ({
      filters: p.filters,
      kernel_size: p.kernelSize,
      strides: p.strides,
      padding: p.padding,
      data_format: 'channels_last',
      dilation_rate: p.dilationRate,
      groups: p.groups,
      activation: TO_KERAS_ACTIVATION[p.activation],
      use_bias: p.useBias,
      ...kerasRegularizers(p),
    }),
    fromConfig: (c) => {
      c.expect('data_format', 'channels_last', null);
      expectKernelDefaults(c);
      return {
        filters: c.number('filters'),
        kernelSize: c.pair('kernel_size', [3, 3]),
        strides: c.pair('strides', [1, 1]),
        padding: c.oneOf('padding', PADDINGS, 'valid'),
        dilationRate: c.pair('dilation_rate', [1, 1]),
        groups: c.number('groups', 1),
        activation: c.activation(),
        useBias: c.bool('use_bias', true),
        kernelRegularizer: readRegularizer(c, 'kernel_regularizer'),
        biasRegularizer: readRegularizer(c, 'bias_regularizer'),
      };
    },
  },
  trainProblem: (p) => {
    if (p.groups !== 1) return groupsProblem(p.groups);
    // tfjs-core's Conv2D gradient refuses dilation rates above 1.
    if (p.dilationRate[0] !== 1 || p.dilationRate[1] !== 1) return `TensorFlow.js cannot take the gradient of a dilated convolution (dilation rate ${formatPair(p.dilationRate)}): NetBuilder counts it, runs it in feature maps and exports it to Keras and PyTorch, but cannot train it. Set the dilation rate to 1x1 to train here.`;
    return null;
  },
  tfjs: (p) => {
    if (p.groups !== 1) throw new Error(groupsProblem(p.groups));
    const a = tfjsActivation(p.activation);
    return [
      { fn: 'conv2d', args: { filters: p.filters, kernelSize: p.kernelSize, strides: p.strides, padding: p.padding, dilationRate: p.dilationRate, activation: a.activation, useBias: p.useBias, ...tfjsRegularizerArgs(p) } },
      ...a.extra,
    ];
  },
  python: (p) => {
    const args = [`${p.filters}`, `kernel_size=${pyTuple(p.kernelSize)}`];
    if (p.strides[0] !== 1 || p.strides[1] !== 1) args.push(`strides=${pyTuple(p.strides)}`);
    if (p.padding !== 'valid') args.push(`padding="${p.padding}"`);
    if (p.dilationRate[0] !== 1 || p.dilationRate[1] !== 1) args.push(`dilation_rate=${pyTuple(p.dilationRate)}`);
    if (p.groups !== 1) args.push(`groups=${p.groups}`);
    if (p.activation !== 'linear') args.push(pyActivation(p.activation));
    if (!p.useBias) args.push('use_bias=False');
    args.push(...pythonRegularizerArgs(p));
    return { call: 'layers.Conv2D', args };
  },
});

/** The window a dilated kernel spans: F + (F - 1)(rate - 1) per axis. */
function effectiveKernel(kernel: [number, number], rate: [number, number]): [number, number] {
  return [kernel[0] + (kernel[0] - 1) * (rate[0] - 1), kernel[1] + (kernel[1] - 1) * (rate[1] - 1)];
}

function dilatedName(rate: [number, number]): string {
  return rate[0] === 1 && rate[1] === 1 ? 'kernel' : 'dilated kernel';
}

/** "(3*3*32 + 1) * 64 = 18,496" */
export function conv2dFormula(kernel: [number, number], channels: number, filters: number, useBias: boolean): string {
  const perFilter = `${kernel[0]}*${kernel[1]}*${channels}`;
  const total = (kernel[0] * kernel[1] * channels + (useBias ? 1 : 0)) * filters;
  return useBias ? `(${perFilter} + 1) * ${filters} = ${formatCount(total)}` : `${perFilter} * ${filters} = ${formatCount(total)}`;
}

function groupsProblem(groups: number): string {
  return `TensorFlow.js has no grouped convolution (groups ${groups}): NetBuilder counts it and exports it to Keras, but cannot train it.`;
}
