import { affineConfig, affinePythonArgs, affineTfjsArgs, affineTorchArgs, factorParam, fillModeParam, fillValueParam, imageUnchanged, interpolationParam, nullableFactorParam, readAffine, readFactor, readNullableFactor, seedParam, TORCH_AUGMENTATION } from './augmentation';
import { defineParams } from './params';
import { defineLayer } from './types';

export const randomZoom = defineLayer({
  kind: 'randomZoom',
  label: 'RandomZoom',
  category: 'Augmentation',
  description: 'While training, zooms each image in or out by a random amount about its centre. Does nothing at prediction time.',
  params: defineParams({
    heightFactor: factorParam({ label: 'Height factor', max: 1, default: 0.1, help: 'The largest zoom as a fraction: 0.1 draws a zoom from -10% (in, larger digits) to +10% (out, smaller digits).' }),
    widthFactor: nullableFactorParam({
      label: 'Width factor',
      max: 1,
      placeholder: 'same as height',
      help: 'Zoom the width separately by up to this fraction; empty zooms the width exactly as the height, keeping the aspect ratio (Keras\' width_factor=None).',
    }),
    fillMode: fillModeParam,
    interpolation: interpolationParam,
    fillValue: fillValueParam,
    seed: seedParam,
  }),
  inputs: { min: 1, max: 1 },
  describe: (p) => (p.widthFactor === null ? `±${p.heightFactor}` : `±${p.heightFactor} H, ±${p.widthFactor} W`),
  outputShape: imageUnchanged('RandomZoom'),
  weightShapes: () => [],
  keras: {
    className: 'RandomZoom',
    toConfig: (p) => ({ height_factor: p.heightFactor, width_factor: p.widthFactor, ...affineConfig(p) }),
    fromConfig: (c) => ({ heightFactor: readFactor(c, 'height_factor', 1), widthFactor: readNullableFactor(c, 'width_factor', 1), ...readAffine(c) }),
  },
  torch: ({ module, x }, p) => ({
    init: `KerasRandomAffine("zoom", (${p.heightFactor}, ${p.widthFactor ?? 'None'}), ${affineTorchArgs(p)})`,
    forward: `${module}(${x})`,
    helpers: [TORCH_AUGMENTATION],
  }),
  tfjs: (p) => [{ fn: 'randomZoom', args: { heightFactor: p.heightFactor, widthFactor: p.widthFactor, ...affineTfjsArgs(p) }, custom: true }],
  python: (p) => ({ call: 'layers.RandomZoom', args: [`${p.heightFactor}`, ...(p.widthFactor === null ? [] : [`${p.widthFactor}`]), ...affinePythonArgs(p)] }),
});
