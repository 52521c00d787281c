// MaxPooling2D and AveragePooling2D share everything but their name and what they compute.
import type { LayerKind, Pair } from '../graph/model';
import { formatPair } from '../format';
import { explainConv2d } from '../shape/convUtils';
import { LIMITS, paddingField, positivePair, requireImage, windowOutput } from './common';
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
  };
  return spec as unknown as LayerSpec<K>;
}
