import { affineConfig, affinePythonArgs, affineTfjsArgs, affineTorchArgs, factorParam, fillModeParam, fillValueParam, imageUnchanged, interpolationParam, readAffine, readFactor, seedParam, TORCH_AUGMENTATION } from './augmentation';
import { defineParams } from './params';
import { defineLayer } from './types';

export const randomTranslation = defineLayer({
  kind: 'randomTranslation',
  label: 'RandomTranslation',
  category: 'Augmentation',
  description: 'While training, shifts each image by a random number of pixels up or down and left or right. Does nothing at prediction time.',
  params: defineParams({
    heightFactor: factorParam({ label: 'Height factor', max: 1, default: 0.1, help: 'The largest vertical shift as a fraction of the height: 0.1 shifts a 28-pixel image by up to 2.8 pixels up or down.' }),
    widthFactor: factorParam({ label: 'Width factor', max: 1, default: 0.1, help: 'The largest horizontal shift as a fraction of the width: 0.1 shifts a 28-pixel image by up to 2.8 pixels left or right.' }),
    fillMode: fillModeParam,
    interpolation: interpolationParam,
    fillValue: fillValueParam,
    seed: seedParam,
  }),
  inputs: { min: 1, max: 1 },
  describe: (p) => `±${p.heightFactor} H, ±${p.widthFactor} W`,
  outputShape: imageUnchanged('RandomTranslation'),
  weightShapes: () => [],
  keras: {
    className: 'RandomTranslation',
    toConfig: (p) => ({ height_factor: p.heightFactor, width_factor: p.widthFactor, ...affineConfig(p) }),
    fromConfig: (c) => ({ heightFactor: readFactor(c, 'height_factor', 1), widthFactor: readFactor(c, 'width_factor', 1), ...readAffine(c) }),
  },
  torch: ({ module, x }, p) => ({ init: `KerasRandomAffine("translation", (${p.heightFactor}, ${p.widthFactor}), ${affineTorchArgs(p)})`, forward: `${module}(${x})`, helpers: [TORCH_AUGMENTATION] }),
  tfjs: (p) => [{ fn: 'randomTranslation', args: { heightFactor: p.heightFactor, widthFactor: p.widthFactor, ...affineTfjsArgs(p) }, custom: true }],
  python: (p) => ({ call: 'layers.RandomTranslation', args: [`${p.heightFactor}`, `${p.widthFactor}`, ...affinePythonArgs(p)] }),
});
