import { requireImage } from './common';
import { defineParams, intsParam } from './params';
import { defineLayer } from './types';

export const zeroPadding2d = defineLayer({
  kind: 'zeroPadding2d',
  label: 'ZeroPadding2D',
  category: 'Reshaping',
  description: 'Adds rows and columns of zeros around each feature map, e.g. before a "valid" convolution.',
  params: defineParams({
    padding: intsParam({
      label: 'Padding',
      min: 0,
      max: 1_024,
      minLength: 4,
      maxLength: 4,
      default: [1, 1, 1, 1],
      itemLabels: ['Padding top', 'Padding bottom', 'Padding left', 'Padding right'],
      lengthMessage: 'Padding must be four whole numbers: top, bottom, left, right.',
      unit: 'px',
      help: 'Zeros added at the top, bottom, left and right: Keras\' ((top, bottom), (left, right)).',
    }),
  }),
  inputs: { min: 1, max: 1 },
  describe: (p) => {
    const [t, b, l, r] = p.padding;
    return t === b && b === l && l === r ? `${t}` : `${t}, ${b}, ${l}, ${r}`;
  },
  outputShape: (input, p) => {
    const image = requireImage(input, 'ZeroPadding2D');
    if ('error' in image) return image;
    const [t, b, l, r] = p.padding;
    return { shape: [null, image.h + t + b, image.w + l + r, image.c], formula: `H ${image.h} + ${t} + ${b} = ${image.h + t + b}; W ${image.w} + ${l} + ${r} = ${image.w + l + r}` };
  },
  weightShapes: () => [],
  torch: ({ x }, p) => ({ forward: `F.pad(${x}, (${p.padding[2]}, ${p.padding[3]}, ${p.padding[0]}, ${p.padding[1]}))` }),
  keras: {
    className: 'ZeroPadding2D',
    toConfig: (p) => ({ padding: [p.padding.slice(0, 2), p.padding.slice(2, 4)], data_format: 'channels_last' }),
    fromConfig: (c) => {
      c.expect('data_format', 'channels_last', null);
      const v = c.take('padding');
      const n = (x: unknown): x is number => typeof x === 'number';
      // Keras takes 1, (1, 2) (symmetric per axis) or ((top, bottom), (left, right)).
      if (v === undefined) return { padding: [1, 1, 1, 1] };
      if (n(v)) return { padding: [v, v, v, v] };
      if (Array.isArray(v) && v.length === 2 && v.every(n)) return { padding: [v[0], v[0], v[1], v[1]] };
      if (Array.isArray(v) && v.length === 2 && v.every((p) => Array.isArray(p) && p.length === 2 && p.every(n))) {
        return { padding: [...(v[0] as number[]), ...(v[1] as number[])] };
      }
      return c.fail('padding', `should be a number, two numbers or ((top, bottom), (left, right)) but is ${JSON.stringify(v)}.`);
    },
  },
  tfjs: (p) => [{ fn: 'zeroPadding2d', args: { padding: [p.padding.slice(0, 2), p.padding.slice(2, 4)] } }],
  python: (p) => ({ call: 'layers.ZeroPadding2D', args: [`padding=((${p.padding[0]}, ${p.padding[1]}), (${p.padding[2]}, ${p.padding[3]}))`] }),
});
