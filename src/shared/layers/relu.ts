import { z } from 'zod';
import { sameShape } from './common';
import { defineParams, floatParam, type Param } from './params';
import { defineLayer } from './types';

const maxValueParam: Param<number | null> = {
  schema: z.number().min(0).max(1e9).nullable(),
  default: null,
  field: {
    label: 'Max value',
    type: 'float',
    min: 0,
    nullable: true,
    placeholder: 'none',
    help: 'Caps the output (6 gives ReLU6); empty for no cap.',
    message: (v) => `Max value must be empty or a number of at least 0 (got ${String(v)}).`,
  },
};

export const relu = defineLayer({
  kind: 'relu',
  label: 'ReLU',
  category: 'Activation',
  description: 'max(x, 0) as its own layer, with Keras\' options: a cap (ReLU6), a slope for negatives and a threshold.',
  params: defineParams({
    maxValue: maxValueParam,
    negativeSlope: floatParam({ label: 'Negative slope', min: 0, max: 1_000, default: 0, help: 'What values below the threshold are multiplied by (0: zeroed).' }),
    threshold: floatParam({ label: 'Threshold', min: 0, max: 1e9, default: 0, help: 'Values below it count as negative. Keras refuses a negative threshold.' }),
  }),
  inputs: { min: 1, max: 1 },
  describe: (p) => [p.maxValue !== null ? `max ${p.maxValue}` : '', p.negativeSlope ? `slope ${p.negativeSlope}` : '', p.threshold ? `threshold ${p.threshold}` : ''].filter(Boolean).join(', '),
  outputShape: sameShape,
  weightShapes: () => [],
  torch: ({ x }, p) => ({ forward: torchRelu(x, p.maxValue, p.negativeSlope, p.threshold) }),
  keras: {
    className: 'ReLU',
    toConfig: (p) => ({ max_value: p.maxValue, negative_slope: p.negativeSlope, threshold: p.threshold }),
    fromConfig: (c) => ({
      maxValue: c.config['max_value'] == null ? (c.take('max_value'), null) : c.number('max_value'),
      negativeSlope: c.number('negative_slope', 0),
      threshold: c.number('threshold', 0),
    }),
  },
  trainProblem: (p) => tfjsProblem(p),
  tfjs: (p) => {
    const problem = tfjsProblem(p);
    if (problem) throw new Error(problem);
    if (p.negativeSlope === 0) return [{ fn: 'reLU', args: p.maxValue === null ? {} : { maxValue: p.maxValue } }];
    return [{ fn: 'leakyReLU', args: { alpha: p.negativeSlope } }];
  },
  python: (p) => ({
    call: 'layers.ReLU',
    args: [p.maxValue !== null ? `max_value=${p.maxValue}` : '', p.negativeSlope ? `negative_slope=${p.negativeSlope}` : '', p.threshold ? `threshold=${p.threshold}` : ''].filter(Boolean),
  }),
});

/** Keras' relu(x, negative_slope, max_value, threshold) step by step, so every combination gives Keras' numbers. */
function torchRelu(x: string, maxValue: number | null, slope: number, threshold: number): string {
  if (maxValue === null && threshold === 0) return slope === 0 ? `F.relu(${x})` : `F.leaky_relu(${x}, ${slope})`;
  // Keras: x where x > threshold (else 0), clipped to [0, max_value], minus slope * relu(threshold - x).
  let positive = threshold === 0 ? `F.relu(${x})` : `${x} * (${x} > ${threshold})`;
  if (maxValue !== null) positive = `(${positive}).clamp(0, ${maxValue})`;
  return slope === 0 ? positive : `${positive} - ${slope} * F.relu(${threshold} - ${x})`;
}

/** Why TensorFlow.js cannot build this ReLU, or null. */
function tfjsProblem(p: { maxValue: number | null; negativeSlope: number; threshold: number }): string | null {
  if (p.threshold !== 0) return `TensorFlow.js' ReLU has no threshold (${p.threshold}): NetBuilder counts and exports it, but cannot train it.`;
  if (p.negativeSlope !== 0 && p.maxValue !== null) return 'TensorFlow.js has no ReLU with both a cap and a negative slope: NetBuilder counts and exports it, but cannot train it.';
  return null;
}
