import { formatShape } from '../format';
import { axisParam, defineParams } from './params';
import { torchAxis } from './torch';
import { defineLayer } from './types';

export const softmax = defineLayer({
  kind: 'softmax',
  label: 'Softmax',
  category: 'Activation',
  description: 'Turns the values along one axis into probabilities: exponentials, divided by their sum.',
  params: defineParams({ axis: axisParam('The axis whose values become probabilities that sum to 1: -1, the last, for a classifier.') }),
  inputs: { min: 1, max: 1 },
  describe: (p) => (p.axis === -1 ? '' : `axis ${p.axis}`),
  outputShape: (input, p) => {
    const axis = p.axis < 0 ? input.length + p.axis : p.axis;
    if (axis < 1 || axis >= input.length) return { error: `axis ${p.axis} is not an axis of ${formatShape(input)}.` };
    return { shape: [...input], formula: `same shape; axis ${p.axis} sums to 1` };
  },
  weightShapes: () => [],
  torch: ({ x, input }, p) => ({ forward: `F.softmax(${x}, dim=${torchAxis(p.axis, input.length)})` }),
  keras: {
    className: 'Softmax',
    toConfig: (p) => ({ axis: p.axis }),
    fromConfig: (c) => {
      const v = c.take('axis');
      // Keras 2 may write the axis as a one-item list.
      const axis = Array.isArray(v) && v.length === 1 ? v[0] : v === undefined ? -1 : v;
      if (typeof axis !== 'number') return c.fail('axis', `should be one axis but is ${JSON.stringify(v)}.`);
      return { axis };
    },
  },
  tfjs: (p) => [{ fn: 'softmax', args: { axis: p.axis } }],
  python: (p) => ({ call: 'layers.Softmax', args: p.axis === -1 ? [] : [`axis=${p.axis}`] }),
});
