// MaxPooling2D and AveragePooling2D share everything but their name and what they compute.
import type { LayerKind, Pair } from '../graph/model';
import { formatPair } from '../format';
import { explainConv2d } from '../shape/convUtils';
import { LIMITS, paddingField, positivePair, pyTuple, requireImage, samePadding, windowOutput } from './common';
import type { LayerSpec } from './types';

type PoolKind = Extract<LayerKind, 'maxPooling2d' | 'averagePooling2d'>;

export function poolingSpec<K extends PoolKind>(kind: K, label: string, what: string): LayerSpec<K> {
  const spec: LayerSpec<PoolKind> = {
    kind,
    label,
    kerasClass: label,
    category: 'Pooling',
    description: `Downsamples each feature map by taking the ${what} of each window. No weights to learn.`,
    defaults: { poolSize: [2, 2], strides: null, padding: 'valid' },
    fields: [
      { key: 'poolSize', label: 'Pool size', type: 'pair', min: 1, max: LIMITS.window, unit: 'px', help: 'Height and width of the window.' },
      { key: 'strides', label: 'Strides', type: 'pair', min: 1, max: LIMITS.stride, nullable: true, unit: 'px', help: 'How far the window moves; empty means the same as the pool size (windows do not overlap).' },
      paddingField,
    ],
    describe: (p) => {
      const parts = [formatPair(p.poolSize)];
      if (p.strides && (p.strides[0] !== p.poolSize[0] || p.strides[1] !== p.poolSize[1])) parts.push(`stride ${formatPair(p.strides)}`);
      if (p.padding === 'same') parts.push('same');
      return parts.join(', ');
    },
    validate: (p) => [
      ...positivePair(p.poolSize, 'Pool size', LIMITS.window),
      ...(p.strides === null ? [] : positivePair(p.strides, 'Strides', LIMITS.stride)),
    ],
    outputShape: (input, p) => {
      const image = requireImage(input, label);
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
  };
  return spec as unknown as LayerSpec<K>;
}
