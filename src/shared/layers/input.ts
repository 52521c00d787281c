import { LIMITS, pyTuple } from './common';
import type { ConfigReader } from './kerasConfig';
import { defineParams, intsParam } from './params';
import { defineLayer } from './types';

export const input = defineLayer({
  kind: 'input',
  label: 'Input',
  category: 'Input',
  description: 'The shape of one sample, without the batch axis: 28, 28, 1 for a grey 28x28 image, 784 for a flat vector.',
  params: defineParams({
    shape: intsParam({
      label: 'Shape',
      min: 1,
      max: LIMITS.dimension,
      minLength: 1,
      maxLength: 3,
      default: [28, 28, 1],
      itemLabels: ['Input axis 1', 'Input axis 2', 'Input axis 3'],
      lengthMessage: 'Input shape must have 1 to 3 axes, e.g. 28, 28, 1 or 784.',
      help: 'Height, width, channels for images (channels last, as Keras), or one number for a vector. The batch axis (None) is added for you.',
    }),
  }),
  inputs: { min: 0, max: 0 },
  describe: (p) => p.shape.join(' x '),
  outputShape: (_input, p) => ({ shape: [null, ...p.shape], formula: 'the shape you set, with the batch axis first' }),
  weightShapes: () => [],
  torch: ({ x }) => ({ forward: x }),
  keras: {
    className: 'InputLayer',
    // batch_shape for Keras 3; batch_input_shape, its older name, for Keras 2 and TF.js.
    toConfig: (p) => ({ batch_shape: [null, ...p.shape], batch_input_shape: [null, ...p.shape], sparse: false }),
    fromConfig: (c) => {
      const shape = readBatchShape(c);
      if (!shape) return c.fail('batch_shape', 'is missing: the input layer has no shape.');
      for (const key of ['sparse', 'ragged', 'optional']) c.expect(key, false);
      c.expect('batch_size', null);
      c.expect('input_tensor', null);
      return { shape };
    },
  },
  tfjs: () => [],
  python: (p) => ({ call: 'keras.Input', args: [`shape=${pyTuple(p.shape)}`] }),
});

/**
 * The sample shape from batch_shape (Keras 3), batch_input_shape (Keras 2, TF.js) or
 * input_shape/shape; an axis of unknown size cannot be drawn, so it is refused by name.
 */
export function readBatchShape(c: ConfigReader): number[] | null {
  for (const key of ['batch_shape', 'batch_input_shape', 'input_shape', 'shape']) {
    if (!c.has(key)) continue;
    const v = c.take(key);
    if (!Array.isArray(v)) c.fail(key, `should be a list of sizes but is ${JSON.stringify(v)}.`);
    const axes = key.startsWith('batch') ? v.slice(1) : v;
    if (axes.some((d) => d === null)) {
      c.fail(key, `is ${JSON.stringify(v)}: an axis of unknown size (None) besides the batch; NetBuilder needs every size, e.g. (28, 28, 1).`);
    }
    if (axes.some((d) => typeof d !== 'number')) c.fail(key, `should be a list of sizes but is ${JSON.stringify(v)}.`);
    // The other spellings, where also written, must say the same.
    for (const other of ['batch_shape', 'batch_input_shape', 'input_shape', 'shape']) {
      if (other === key || !c.has(other)) continue;
      const o = c.take(other) as unknown[];
      const same = JSON.stringify(other.startsWith('batch') ? (o as unknown[]).slice(1) : o) === JSON.stringify(axes);
      if (!same) c.fail(other, `is ${JSON.stringify(o)} but "${key}" is ${JSON.stringify(v)}.`);
    }
    return axes as number[];
  }
  return null;
}
