import type { LayerSpec } from './types';
import { requireImage } from './common';

export const globalAveragePooling2d: LayerSpec<'globalAveragePooling2d'> = {
  kind: 'globalAveragePooling2d',
  label: 'GlobalAveragePooling2D',
  kerasClass: 'GlobalAveragePooling2D',
  category: 'Pooling',
  description: 'Averages each feature map to one number: (H, W, C) becomes C values. A light alternative to Flatten.',
  defaults: {},
  fields: [],
  describe: () => 'mean over H, W',
  validate: () => [],
  outputShape: (input) => {
    const image = requireImage(input, 'GlobalAveragePooling2D');
    if ('error' in image) return image;
    return { shape: [null, image.c], formula: `one average per channel: ${image.c}` };
  },
  weightShapes: () => [],
  torch: ({ x }) => ({ forward: `${x}.mean(dim=(2, 3))` }),
};
