import { describe, expect, it } from 'vitest';
import { sequentialGraph } from '@shared/graph/ops';
import { untrainableProblem } from '@shared/training/untrainable';

// What TensorFlow.js cannot train is said before a run, naming the layer (the status bar and the
// Training tab show it; the engine refuses the same).
const net = (conv: Record<string, unknown>, relu: Record<string, unknown> = {}) =>
  sequentialGraph([['input', { shape: [12, 12, 4] }], ['conv2d', { filters: 4, kernelSize: [3, 3], ...conv }], ['relu', relu], ['flatten'], ['dense', { units: 10, activation: 'softmax' }]]);

describe('untrainableProblem', () => {
  it('accepts what TensorFlow.js trains', () => {
    expect(untrainableProblem(net({}))).toBeNull();
    expect(untrainableProblem(net({}, { maxValue: 6 }))).toBeNull();
    expect(untrainableProblem(net({}, { negativeSlope: 0.1 }))).toBeNull();
  });

  it('names the layer and the setting it cannot train', () => {
    expect(untrainableProblem(net({ dilationRate: [2, 1] }))).toMatch(/^conv2d: TensorFlow.js cannot take the gradient of a dilated convolution \(dilation rate 2x1\).*Set the dilation rate to 1x1/);
    expect(untrainableProblem(net({ groups: 2 }))).toMatch(/^conv2d: TensorFlow.js has no grouped convolution \(groups 2\)/);
    expect(untrainableProblem(net({}, { threshold: 0.5 }))).toMatch(/^re_lu: TensorFlow.js' ReLU has no threshold \(0.5\)/);
    expect(untrainableProblem(net({}, { maxValue: 6, negativeSlope: 0.1 }))).toMatch(/^re_lu: TensorFlow.js has no ReLU with both a cap and a negative slope/);
  });
});
