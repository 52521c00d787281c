import { formatCount } from '../format';
import { pyBool } from './common';
import { boolParam, defineParams, floatParam } from './params';
import { defineLayer, type WeightShape } from './types';

export const batchNormalization = defineLayer({
  kind: 'batchNormalization',
  label: 'BatchNormalization',
  category: 'Normalization',
  description: 'Normalises each channel to zero mean and unit variance over the batch, then scales (gamma) and shifts (beta). Keeps running averages for prediction time.',
  params: defineParams({
    momentum: floatParam({ label: 'Momentum', min: 0, max: 1, default: 0.99, help: 'How slowly the running mean and variance follow each batch (0.99: slowly).', message: () => 'Momentum must be between 0 and 1.' }),
    epsilon: floatParam({
      label: 'Epsilon',
      min: 0,
      max: 1,
      above: true,
      below: true,
      default: 0.001,
      help: 'Small number added to the variance so it never divides by zero.',
      message: () => 'Epsilon must be above 0 and below 1 (0.001 is usual).',
    }),
    center: boolParam({ label: 'Center (beta)', default: true, help: 'Learn a shift (beta) per channel.' }),
    scale: boolParam({ label: 'Scale (gamma)', default: true, help: 'Learn a scale (gamma) per channel.' }),
  }),
  inputs: { min: 1, max: 1 },
  describe: () => '',
  outputShape: (input) => {
    if (input.length < 2) return { error: 'BatchNormalization needs an input with at least one axis besides the batch.' };
    return { shape: [...input], formula: 'same shape as its input' };
  },
  countFormula: (input, p) => {
    const c = input[input.length - 1] as number;
    const trainable = (p.scale ? 1 : 0) + (p.center ? 1 : 0);
    const learned = [p.scale ? 'gamma' : '', p.center ? 'beta' : ''].filter(Boolean).join(', ');
    const total = (trainable + 2) * c;
    return `${trainable + 2} * ${c} = ${formatCount(total)} (${formatCount(trainable * c)} trainable${learned ? `: ${learned}` : ''}; ${formatCount(2 * c)} non-trainable: moving mean, moving variance)`;
  },
  // Keras creates gamma and beta (trainable) and the moving mean and variance (not trainable), one per channel.
  weightShapes: (input, p) => {
    const channels = input[input.length - 1] as number;
    const weights: WeightShape[] = [];
    if (p.scale) weights.push({ name: 'gamma', shape: [channels], trainable: true });
    if (p.center) weights.push({ name: 'beta', shape: [channels], trainable: true });
    weights.push({ name: 'moving_mean', shape: [channels], trainable: false });
    weights.push({ name: 'moving_variance', shape: [channels], trainable: false });
    return weights;
  },
  torch: ({ input, module, x }, p) => {
    if (p.center !== p.scale) return { error: 'PyTorch batch normalisation learns both a scale and a shift or neither ("affine"): set Center and Scale the same to export it.' };
    if (input.length !== 2 && input.length !== 4) return { error: 'PyTorch batch normalisation is exported for flat vectors and images only.' };
    const channels = String(input[input.length - 1]);
    const cls = input.length === 4 ? 'BatchNorm2d' : 'BatchNorm1d';
    // Keras' momentum weighs the old running value; PyTorch's weighs the new batch.
    const init = `nn.${cls}(${channels}, eps=${p.epsilon}, momentum=${Number((1 - p.momentum).toPrecision(6))}${p.scale ? '' : ', affine=False'})`;
    const affine = p.scale ? [{ torch: 'weight', keras: 'gamma' }, { torch: 'bias', keras: 'beta' }] : [];
    return { init, forward: `${module}(${x})`, weights: [...affine, { torch: 'running_mean', keras: 'moving_mean' }, { torch: 'running_var', keras: 'moving_variance' }] };
  },
  keras: {
    className: 'BatchNormalization',
    toConfig: (p) => ({ axis: -1, momentum: p.momentum, epsilon: p.epsilon, center: p.center, scale: p.scale }),
    fromConfig: (c) => {
      c.expect('axis', -1, [-1], 3, [3]);
      c.expectInitializer('beta_initializer', 'Zeros');
      c.expectInitializer('gamma_initializer', 'Ones');
      c.expectInitializer('moving_mean_initializer', 'Zeros');
      c.expectInitializer('moving_variance_initializer', 'Ones');
      for (const key of ['beta_regularizer', 'gamma_regularizer', 'beta_constraint', 'gamma_constraint', 'renorm_clipping']) c.expect(key, null);
      c.expect('synchronized', false);
      c.expect('renorm', false);
      // Only used when renorm is on, which is refused above.
      c.take('renorm_momentum');
      return { momentum: c.number('momentum', 0.99), epsilon: c.number('epsilon', 0.001), center: c.bool('center', true), scale: c.bool('scale', true) };
    },
  },
  tfjs: (p) => [{ fn: 'batchNormalization', args: { momentum: p.momentum, epsilon: p.epsilon, center: p.center, scale: p.scale } }],
  python: (p) => ({ call: 'layers.BatchNormalization', args: [`momentum=${p.momentum}`, `epsilon=${p.epsilon}`, `center=${pyBool(p.center)}`, `scale=${pyBool(p.scale)}`] }),
});
