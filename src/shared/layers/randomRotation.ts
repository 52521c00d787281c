import { affineConfig, affinePythonArgs, affineTfjsArgs, affineTorchArgs, factorParam, fillModeParam, fillValueParam, imageUnchanged, interpolationParam, readAffine, readFactor, seedParam, TORCH_AUGMENTATION } from './augmentation';
import { defineParams } from './params';
import { defineLayer } from './types';

export const randomRotation = defineLayer({
  kind: 'randomRotation',
  label: 'RandomRotation',
  category: 'Augmentation',
  description: 'While training, rotates each image by a random angle about its centre, so the network learns digits that are a little tilted. Does nothing at prediction time.',
  params: defineParams({
    factor: factorParam({
      label: 'Factor',
      max: 1,
      default: 0.1,
      help: 'The largest rotation as a fraction of a full turn: 0.1 rotates by a random angle from -36° to +36° (Keras draws from [-factor, factor] x 360°).',
    }),
    fillMode: fillModeParam,
    interpolation: interpolationParam,
    fillValue: fillValueParam,
    seed: seedParam,
  }),
  inputs: { min: 1, max: 1 },
  describe: (p) => `±${+(p.factor * 360).toFixed(2)}°`,
  outputShape: imageUnchanged('RandomRotation'),
  weightShapes: () => [],
  keras: {
    className: 'RandomRotation',
    toConfig: (p) => ({ factor: [-p.factor, p.factor], ...affineConfig(p) }),
    fromConfig: (c) => ({ factor: readFactor(c, 'factor', 1), ...readAffine(c) }),
  },
  torch: ({ module, x }, p) => ({ init: `KerasRandomAffine("rotation", (${p.factor},), ${affineTorchArgs(p)})`, forward: `${module}(${x})`, helpers: [TORCH_AUGMENTATION] }),
  tfjs: (p) => [{ fn: 'randomRotation', args: { factor: p.factor, ...affineTfjsArgs(p) }, custom: true }],
  python: (p) => ({ call: 'layers.RandomRotation', args: [`${p.factor}`, ...affinePythonArgs(p)] }),
});
