import { formatShape } from '../format';
import { axisParam, defineParams } from './params';
import { torchAxis } from './torch';
import { defineLayer } from './types';

export const concatenate = defineLayer({
  kind: 'concatenate',
  label: 'Concatenate',
  category: 'Merge',
  description: 'Joins its inputs along one axis, in the order they are connected: channels of Inception branches side by side.',
  params: defineParams({ axis: axisParam('The axis the inputs are joined along: -1 (the last, channels) stacks feature maps; 1 joins along the height. The other axes must be equal.') }),
  inputs: { min: 2, max: 16 },
  describe: (p) => (p.axis === -1 ? '' : `axis ${p.axis}`),
  outputShape: (input, p, all) => {
    const inputs = all ?? [input];
    const rank = inputs[0].length;
    if (inputs.some((s) => s.length !== rank)) {
      return { error: `Concatenate needs inputs with the same number of axes: ${inputs.map(formatShape).join(' and ')}. Flatten or Reshape a branch to match.` };
    }
    const axis = p.axis < 0 ? rank + p.axis : p.axis;
    if (axis < 1 || axis >= rank) return { error: `axis ${p.axis} is not an axis of ${formatShape(inputs[0])}: use 1 to ${rank - 1} or -1 to -${rank - 1}.` };
    for (const s of inputs.slice(1)) {
      const differs = s.findIndex((d, i) => i !== axis && i > 0 && d !== inputs[0][i]);
      if (differs > 0) {
        return {
          error: `Concatenate on axis ${p.axis} needs equal sizes on the other axes: ${formatShape(inputs[0])} and ${formatShape(s)} differ on axis ${differs}. Give the branches the same height and width ("same" padding, equal strides), or join on that axis.`,
        };
      }
    }
    const joined = inputs.map((s) => s[axis] as number);
    const shape = [...inputs[0]];
    shape[axis] = joined.reduce((a, b) => a + b, 0);
    return { shape, formula: `axis ${p.axis}: ${joined.join(' + ')} = ${shape[axis]}` };
  },
  weightShapes: () => [],
  torch: ({ xs, input }, p) => ({ forward: `torch.cat([${xs.join(', ')}], dim=${torchAxis(p.axis, input.length)})` }),
  keras: {
    className: 'Concatenate',
    toConfig: (p) => ({ axis: p.axis }),
    fromConfig: (c) => ({ axis: c.number('axis', -1) }),
  },
  tfjs: (p) => [{ fn: 'concatenate', args: { axis: p.axis } }],
  python: (p) => ({ call: 'layers.Concatenate', args: p.axis === -1 ? [] : [`axis=${p.axis}`] }),
});
