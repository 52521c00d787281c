import { imageUnchanged, readSeed, seedParam, TORCH_AUGMENTATION } from './augmentation';
import { defineParams, enumParam } from './params';
import { defineLayer } from './types';

const MODES = ['horizontal_and_vertical', 'horizontal', 'vertical'] as const;

export const randomFlip = defineLayer({
  kind: 'randomFlip',
  label: 'RandomFlip',
  category: 'Augmentation',
  description: 'While training, mirrors each image with probability 1/2. Does nothing at prediction time. (A mirrored 2 is no longer a 2: for digits, rotation, translation and zoom suit better.)',
  params: defineParams({
    mode: enumParam({
      label: 'Mode',
      options: MODES,
      default: 'horizontal_and_vertical',
      help: 'horizontal mirrors left and right, vertical top and bottom; horizontal_and_vertical does both at once (a half turn) on the same coin toss, as Keras 3 does.',
    }),
    seed: seedParam,
  }),
  inputs: { min: 1, max: 1 },
  describe: (p) => p.mode.replace(/_/g, ' '),
  outputShape: imageUnchanged('RandomFlip'),
  weightShapes: () => [],
  keras: {
    className: 'RandomFlip',
    toConfig: (p) => ({ mode: p.mode, seed: p.seed, data_format: 'channels_last' }),
    fromConfig: (c) => {
      c.expect('data_format', 'channels_last', null);
      return { mode: c.oneOf('mode', MODES, 'horizontal_and_vertical'), seed: readSeed(c) };
    },
  },
  torch: ({ module, x }, p) => ({ init: `KerasRandomFlip("${p.mode}", seed=${p.seed ?? 'None'})`, forward: `${module}(${x})`, helpers: [TORCH_AUGMENTATION] }),
  tfjs: (p) => [{ fn: 'randomFlip', args: { mode: p.mode, seed: p.seed }, custom: true }],
  python: (p) => ({ call: 'layers.RandomFlip', args: [...(p.mode === 'horizontal_and_vertical' ? [] : [`"${p.mode}"`]), ...(p.seed === null ? [] : [`seed=${p.seed}`])] }),
});
