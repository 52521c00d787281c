import { formatCount } from '../format';
import type { LayerSpec, WeightShape } from './types';

export const batchNormalization: LayerSpec<'batchNormalization'> = {
  kind: 'batchNormalization',
  label: 'BatchNormalization',
  kerasClass: 'BatchNormalization',
  category: 'Normalization',
  description: 'Normalises each channel to zero mean and unit variance over the batch, then scales (gamma) and shifts (beta). Keeps running averages for prediction time.',
  defaults: { momentum: 0.99, epsilon: 0.001, center: true, scale: true },
  fields: [
    { key: 'momentum', label: 'Momentum', type: 'float', min: 0, max: 1, help: 'How slowly the running mean and variance follow each batch (0.99: slowly).' },
    { key: 'epsilon', label: 'Epsilon', type: 'float', min: 0, max: 1, help: 'Small number added to the variance so it never divides by zero.' },
    { key: 'center', label: 'Center (beta)', type: 'bool', help: 'Learn a shift (beta) per channel.' },
    { key: 'scale', label: 'Scale (gamma)', type: 'bool', help: 'Learn a scale (gamma) per channel.' },
  ],
  describe: () => '',
  validate: (p) => {
    const errors: string[] = [];
    if (!(typeof p.momentum === 'number' && p.momentum >= 0 && p.momentum <= 1)) errors.push('Momentum must be between 0 and 1.');
    if (!(typeof p.epsilon === 'number' && p.epsilon > 0 && p.epsilon < 1)) errors.push('Epsilon must be above 0 and below 1 (0.001 is usual).');
    return errors;
  },
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
};
