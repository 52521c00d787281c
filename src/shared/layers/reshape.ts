import { formatCount, formatShape } from '../format';
import type { Shape } from '../graph/model';
import { LIMITS, pyTuple } from './common';
import { defineParams, intsParam } from './params';
import { defineLayer, type ShapeResult } from './types';

export const reshape = defineLayer({
  kind: 'reshape',
  label: 'Reshape',
  category: 'Reshaping',
  description: 'Lays the same values out in another shape (without the batch axis). The number of values must stay the same; -1 stands for whatever is left.',
  params: defineParams({
    targetShape: intsParam({
      label: 'Target shape',
      min: 1,
      max: LIMITS.dimension,
      minLength: 1,
      maxLength: 4,
      default: [-1],
      allowUnknown: true,
      lengthMessage: 'Target shape must have 1 to 4 axes, e.g. 7, 7, 16 or -1.',
      help: 'The new shape of one sample, e.g. 7, 7, 16. One axis may be -1: Keras works it out from the others.',
    }),
  }),
  inputs: { min: 1, max: 1 },
  describe: (p) => p.targetShape.join(' x '),
  check: (p) => (p.targetShape.filter((d) => d === -1).length > 1 ? ['Target shape may have at most one -1.'] : []),
  outputShape: (input, p) => reshapeOutput(input, p.targetShape),
  weightShapes: () => [],
  // Keras lays values out channels last: an NCHW image is turned channels last first, and a
  // rank-4 result back to NCHW.
  torch: ({ x, input }, p) => {
    const out = reshapeOutput(input, p.targetShape);
    if ('error' in out) return out;
    const channelsLast = input.length === 4 ? `${x}.permute(0, 2, 3, 1)` : x;
    const reshaped = `${channelsLast}.reshape(${['-1', ...out.shape.slice(1).map(String)].join(', ')})`;
    return { forward: out.shape.length === 4 ? `${reshaped}.permute(0, 3, 1, 2)` : reshaped };
  },
  keras: {
    className: 'Reshape',
    toConfig: (p) => ({ target_shape: p.targetShape }),
    fromConfig: (c) => {
      const v = c.take('target_shape');
      if (!Array.isArray(v) || !v.every((d) => typeof d === 'number' || d === null)) return c.fail('target_shape', `should be a list of sizes but is ${JSON.stringify(v)}.`);
      // Keras 3 may write the unknown axis as null.
      return { targetShape: v.map((d) => (d === null ? -1 : (d as number))) };
    },
  },
  // TF.js leaves a -1 axis unknown (None) in its shapes; the size it stands for is written out.
  tfjs: (p, inputs) => {
    const out = reshapeOutput(inputs[0], p.targetShape);
    return [{ fn: 'reshape', args: { targetShape: 'shape' in out ? out.shape.slice(1) : p.targetShape } }];
  },
  python: (p) => ({ call: 'layers.Reshape', args: [pyTuple(p.targetShape)] }),
});

function reshapeOutput(input: Shape, target: number[]): ShapeResult {
  const size = (input.slice(1) as number[]).reduce((a, b) => a * b, 1);
  const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const unknown = target.indexOf(-1);
  if (unknown >= 0) {
    if (size % known !== 0) return { error: `cannot lay ${formatShape(input)} (${formatCount(size)} values) out as ${target.join(', ')}: ${formatCount(size)} does not divide by ${formatCount(known)}.` };
    const shape: Shape = [null, ...target];
    shape[unknown + 1] = size / known;
    return { shape, formula: `-1 = ${formatCount(size)} / ${formatCount(known)} = ${size / known}` };
  }
  if (known !== size) {
    return { error: `cannot lay ${formatShape(input)} (${formatCount(size)} values) out as ${target.join(', ')} (${formatCount(known)} values). Make the sizes multiply to ${formatCount(size)}, or use -1 for one axis.` };
  }
  return { shape: [null, ...target], formula: `${formatCount(size)} values, laid out again` };
}
