import type { LayerSpec } from './types';
import { LIMITS, positiveInt } from './common';

export const input: LayerSpec<'input'> = {
  kind: 'input',
  label: 'Input',
  kerasClass: 'InputLayer',
  category: 'Input',
  description: 'The shape of one sample, without the batch axis: 28, 28, 1 for a grey 28x28 image, 784 for a flat vector.',
  defaults: { shape: [28, 28, 1] },
  fields: [
    {
      key: 'shape',
      label: 'Shape',
      type: 'shape',
      help: 'Height, width, channels for images (channels last, as Keras), or one number for a vector. The batch axis (None) is added for you.',
    },
  ],
  describe: (p) => p.shape.join(' x '),
  validate: (p) => {
    if (!Array.isArray(p.shape) || p.shape.length < 1 || p.shape.length > 3) {
      return ['Input shape must have 1 to 3 axes, e.g. 28, 28, 1 or 784.'];
    }
    return p.shape.flatMap((d, i) => positiveInt(d, `Input axis ${i + 1}`, LIMITS.dimension));
  },
  outputShape: (_input, p) => ({ shape: [null, ...p.shape], formula: 'the shape you set, with the batch axis first' }),
  weightShapes: () => [],
  torch: ({ x }) => ({ forward: x }),
};
