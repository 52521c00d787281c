import { samePadding } from './torch';
// MaxPooling2D and AveragePooling2D share everything but their name and what they compute.
import { PADDINGS, type Pair } from '../graph/model';
import { formatPair } from '../format';
import { explainConv2d } from '../shape/convUtils';
import { LIMITS, paddingParam, pyTuple, requireImage, windowOutput } from './common';
import { defineParams, nullablePairParam, pairParam } from './params';
import { defineLayer, type LayerSpec } from './types';

const poolingParams = defineParams({
  poolSize: pairParam({ label: 'Pool size', min: 1, max: LIMITS.window, default: [2, 2], unit: 'px', help: 'Height and width of the window.' }),
  strides: nullablePairParam({
    label: 'Strides',
    min: 1,
    max: LIMITS.stride,
    unit: 'px',
    placeholder: 'same as pool size',
    help: 'How far the window moves; empty means the same as the pool size (windows do not overlap).',
  }),
  padding: paddingParam,
});

type PoolingParams = typeof poolingParams.defaults;

export function poolingSpec<K extends string>(kind: K, className: string, tfjsFn: string, what: string): LayerSpec<K, PoolingParams> {
  return defineLayer({
    kind,
    label: className,
    category: 'Pooling',
    description: `Downsamples each feature map by taking the ${what} of each window. No weights to learn.`,
    params: poolingParams,
    inputs: { min: 1, max: 1 },
    describe: (p) => {
      const parts = [formatPair(p.poolSize)];
      if (p.strides && (p.strides[0] !== p.poolSize[0] || p.strides[1] !== p.poolSize[1])) parts.push(`stride ${formatPair(p.strides)}`);
      if (p.padding === 'same') parts.push('same');
      return parts.join(', ');
    },
    outputShape: (input, p) => {
      const image = requireImage(input, className);
      if ('error' in image) return image;
      const strides: Pair = p.strides ?? p.poolSize;
      const out = windowOutput(image, p.poolSize, strides, p.padding, 'pool window');
      if ('error' in out) return out;
      return { shape: [null, out.oh, out.ow, image.c], formula: explainConv2d([image.h, image.w], p.poolSize, p.padding, strides) };
    },
    weightShapes: () => [],
    torch: ({ input, x }, p) => {
      const strides: Pair = p.strides ?? p.poolSize;
      const pads = p.padding === 'same' ? samePadding(input, p.poolSize, strides) : [0, 0, 0, 0];
      const window = `${pyTuple(p.poolSize)}, ${pyTuple(strides)}`;
      if (kind === 'maxPooling2d') {
        // TensorFlow's "same" max pooling never picks a padded value: pad with -inf.
        const padded = pads.some((v) => v > 0) ? `F.pad(${x}, ${pyTuple(pads)}, value=float("-inf"))` : x;
        return { forward: `F.max_pool2d(${padded}, ${window})` };
      }
      if (pads.every((v) => v === 0)) return { forward: `F.avg_pool2d(${x}, ${window})` };
      const [left, right, top, bottom] = pads;
      if (left !== right || top !== bottom) return { error: `"same" padding here pads one side more than the other (${pads.join(', ')}), which PyTorch's average pooling cannot do: use "valid" padding or an odd pool size.` };
      // Like TensorFlow, average only the real pixels of a window at the border.
      return { forward: `F.avg_pool2d(${x}, ${window}, padding=${pyTuple([top, left])}, count_include_pad=False)` };
    },
    keras: {
      className,
      reads: [className.replace('Pooling2D', 'Pool2D')],
      toConfig: (p) => ({ pool_size: p.poolSize, strides: p.strides ?? p.poolSize, padding: p.padding, data_format: 'channels_last' }),
      fromConfig: (c) => {
        c.expect('data_format', 'channels_last', null);
        const poolSize = c.pair('pool_size', [2, 2]);
        // Keras writes the default (strides = pool size) out; null keeps "same as pool size" live in the editor.
        const given = c.has('strides') ? c.pair('strides', poolSize) : (c.take('strides'), null);
        const strides = given && (given[0] !== poolSize[0] || given[1] !== poolSize[1]) ? given : null;
        return { poolSize, strides, padding: c.oneOf('padding', PADDINGS, 'valid') };
      },
    },
    tfjs: (p) => [{ fn: tfjsFn, args: { poolSize: p.poolSize, strides: p.strides ?? p.poolSize, padding: p.padding } }],
    python: (p) => {
      const args = [`pool_size=${pyTuple(p.poolSize)}`];
      if (p.strides) args.push(`strides=${pyTuple(p.strides)}`);
      if (p.padding !== 'valid') args.push(`padding="${p.padding}"`);
      return { call: `layers.${className}`, args };
    },
  });
}
