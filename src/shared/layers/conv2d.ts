import type { LayerSpec } from './types';
import { formatCount, formatPair } from '../format';
import { explainConv2d } from '../shape/convUtils';
import {
  ACTIVATION_LABELS,
  LIMITS,
  activationErrors,
  activationField,
  paddingField,
  positiveInt,
  positivePair,
  pyTuple,
  requireImage,
  samePadding,
  torchActivation,
  useBiasField,
  windowOutput,
} from './common';

export const conv2d: LayerSpec<'conv2d'> = {
  kind: 'conv2d',
  label: 'Conv2D',
  kerasClass: 'Conv2D',
  category: 'Convolution',
  description: 'Slides learned filters over the image; each filter makes one output channel (a feature map).',
  defaults: { filters: 32, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'relu', useBias: true },
  fields: [
    { key: 'filters', label: 'Filters', type: 'int', min: 1, max: LIMITS.filters, help: 'How many filters, and so how many output channels (feature maps).' },
    { key: 'kernelSize', label: 'Kernel size', type: 'pair', min: 1, max: LIMITS.window, unit: 'px', help: 'Height and width of each filter (F in (I - F + 2P) / S + 1).' },
    { key: 'strides', label: 'Strides', type: 'pair', min: 1, max: LIMITS.stride, unit: 'px', help: 'How far the filter moves each step (S). A stride of 2 halves the output size.' },
    paddingField,
    activationField,
    useBiasField,
  ],
  describe: (p) => {
    const parts = [`${p.filters} @ ${formatPair(p.kernelSize)}`];
    if (p.strides[0] !== 1 || p.strides[1] !== 1) parts.push(`stride ${formatPair(p.strides)}`);
    if (p.padding === 'same') parts.push('same');
    if (p.activation !== 'linear') parts.push(ACTIVATION_LABELS[p.activation]);
    return parts.join(', ');
  },
  validate: (p) => [
    ...positiveInt(p.filters, 'Filters', LIMITS.filters),
    ...positivePair(p.kernelSize, 'Kernel size', LIMITS.window),
    ...positivePair(p.strides, 'Strides', LIMITS.stride),
    ...activationErrors(p.activation),
  ],
  outputShape: (input, p) => {
    const image = requireImage(input, 'Conv2D');
    if ('error' in image) return image;
    const out = windowOutput(image, p.kernelSize, p.strides, p.padding, 'kernel');
    if ('error' in out) return out;
    return {
      shape: [null, out.oh, out.ow, p.filters],
      formula: explainConv2d([image.h, image.w], p.kernelSize, p.padding, p.strides),
    };
  },
  torch: ({ input, module, x }, p) => {
    const pads = p.padding === 'same' ? samePadding(input, p.kernelSize, p.strides) : [0, 0, 0, 0];
    const padded = pads.some((v) => v > 0) ? `F.pad(${x}, ${pyTuple(pads)})` : x;
    return {
      init: `nn.Conv2d(${String(input[3])}, ${p.filters}, kernel_size=${pyTuple(p.kernelSize)}, stride=${pyTuple(p.strides)}${p.useBias ? '' : ', bias=False'})`,
      forward: torchActivation(p.activation, `${module}(${padded})`),
      weights: [
        { torch: 'weight', keras: 'kernel', convert: 'w.transpose(3, 2, 0, 1)', why: 'Keras HWIO -> PyTorch OIHW' },
        ...(p.useBias ? [{ torch: 'bias', keras: 'bias' }] : []),
      ],
    };
  },
  countFormula: (input, p) => conv2dFormula(p.kernelSize, input[3] as number, p.filters, p.useBias),
  weightShapes: (input, p) => {
    const channels = input[3] as number;
    const kernel = { name: 'kernel', shape: [p.kernelSize[0], p.kernelSize[1], channels, p.filters], trainable: true };
    return p.useBias ? [kernel, { name: 'bias', shape: [p.filters], trainable: true }] : [kernel];
  },
};

/** "(3*3*32 + 1) * 64 = 18,496" */
export function conv2dFormula(kernel: [number, number], channels: number, filters: number, useBias: boolean): string {
  const perFilter = `${kernel[0]}*${kernel[1]}*${channels}`;
  const total = (kernel[0] * kernel[1] * channels + (useBias ? 1 : 0)) * filters;
  return useBias ? `(${perFilter} + 1) * ${filters} = ${formatCount(total)}` : `${perFilter} * ${filters} = ${formatCount(total)}`;
}
