import { formatPair } from '../format';
import { LIMITS, pyTuple, requireImage } from './common';
import { defineParams, enumParam, pairParam } from './params';
import { defineLayer } from './types';

const INTERPOLATIONS = ['nearest', 'bilinear'] as const;

export const upSampling2d = defineLayer({
  kind: 'upSampling2d',
  label: 'UpSampling2D',
  category: 'Reshaping',
  description: 'Enlarges each feature map by repeating (nearest) or blending (bilinear) its values. No weights.',
  params: defineParams({
    size: pairParam({ label: 'Size', min: 1, max: 64, default: [2, 2], help: 'How many times taller and wider the output is.' }),
    interpolation: enumParam({ label: 'Interpolation', options: INTERPOLATIONS, default: 'nearest', help: 'nearest repeats each value; bilinear blends neighbouring values.' }),
  }),
  inputs: { min: 1, max: 1 },
  describe: (p) => `${formatPair(p.size)}${p.interpolation === 'nearest' ? '' : `, ${p.interpolation}`}`,
  outputShape: (input, p) => {
    const image = requireImage(input, 'UpSampling2D');
    if ('error' in image) return image;
    const [h, w] = [image.h * p.size[0], image.w * p.size[1]];
    if (h > LIMITS.dimension || w > LIMITS.dimension) return { error: `the output would be ${h}x${w}, larger than ${LIMITS.dimension}.` };
    return { shape: [null, h, w, image.c], formula: `H ${image.h} * ${p.size[0]} = ${h}; W ${image.w} * ${p.size[1]} = ${w}` };
  },
  weightShapes: () => [],
  // Both sample at half-pixel centres without antialiasing, as TensorFlow's resize does.
  torch: ({ x }, p) => ({
    forward: `F.interpolate(${x}, scale_factor=${pyTuple(p.size)}, mode="${p.interpolation}"${p.interpolation === 'bilinear' ? ', align_corners=False' : ''})`,
  }),
  keras: {
    className: 'UpSampling2D',
    toConfig: (p) => ({ size: p.size, data_format: 'channels_last', interpolation: p.interpolation }),
    fromConfig: (c) => {
      c.expect('data_format', 'channels_last', null);
      return { size: c.pair('size', [2, 2]), interpolation: c.oneOf('interpolation', INTERPOLATIONS, 'nearest') };
    },
  },
  // tfjs-layers' bilinear resize samples without half-pixel centres: the engine's own layer does it as Keras does.
  tfjs: (p) => [p.interpolation === 'bilinear' ? { fn: 'bilinearUpSampling2d', args: { size: p.size }, custom: true } : { fn: 'upSampling2d', args: { size: p.size, interpolation: p.interpolation } }],
  python: (p) => ({ call: 'layers.UpSampling2D', args: [`size=${pyTuple(p.size)}`, ...(p.interpolation === 'nearest' ? [] : [`interpolation="${p.interpolation}"`])] }),
});
