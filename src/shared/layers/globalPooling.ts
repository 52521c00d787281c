// GlobalAveragePooling2D and GlobalMaxPooling2D: one number per channel, by average or maximum.
import { pyBool, requireImage } from './common';
import { boolParam, defineParams } from './params';
import { defineLayer, type LayerSpec } from './types';

const globalPoolingParams = defineParams({
  keepdims: boolParam({
    label: 'Keep dims',
    default: false,
    help: 'Keep the height and width axes (as 1x1): (None, 1, 1, C) instead of (None, C), e.g. to feed another convolution.',
  }),
});

type GlobalPoolingParams = typeof globalPoolingParams.defaults;

export function globalPoolingSpec<K extends string>(kind: K, className: string, tfjsFn: string, what: 'average' | 'maximum'): LayerSpec<K, GlobalPoolingParams> {
  return defineLayer({
    kind,
    label: className,
    category: 'Pooling',
    description: `Takes the ${what} of each feature map: (H, W, C) becomes C values. A light alternative to Flatten.`,
    params: globalPoolingParams,
    inputs: { min: 1, max: 1 },
    describe: (p) => `${what === 'average' ? 'mean' : 'max'} over H, W${p.keepdims ? ', keepdims' : ''}`,
    outputShape: (input, p) => {
      const image = requireImage(input, className);
      if ('error' in image) return image;
      return p.keepdims
        ? { shape: [null, 1, 1, image.c], formula: `one ${what} per channel, height and width kept as 1: 1 x 1 x ${image.c}` }
        : { shape: [null, image.c], formula: `one ${what} per channel: ${image.c}` };
    },
    weightShapes: () => [],
    // Over NCHW's height and width; keepdim leaves (N, C, 1, 1), Keras' (N, 1, 1, C) in PyTorch's layout.
    torch: ({ x }, p) => ({ forward: `torch.${what === 'average' ? 'mean' : 'amax'}(${x}, dim=(2, 3)${p.keepdims ? ', keepdim=True' : ''})` }),
    keras: {
      className,
      reads: [className.replace('Pooling2D', 'Pool2D')],
      toConfig: (p) => ({ data_format: 'channels_last', keepdims: p.keepdims }),
      fromConfig: (c) => {
        c.expect('data_format', 'channels_last', null);
        return { keepdims: c.bool('keepdims', false) };
      },
    },
    // TF.js' global pooling has no keepdims: a Reshape puts the 1x1 back.
    tfjs: (p, inputs) => [
      { fn: tfjsFn, args: {} },
      ...(p.keepdims ? [{ fn: 'reshape', args: { targetShape: [1, 1, inputs[0]?.[3] ?? 1] }, suffix: 'keepdims' }] : []),
    ],
    python: (p) => ({ call: `layers.${className}`, args: p.keepdims ? [`keepdims=${pyBool(true)}`] : [] }),
  });
}
