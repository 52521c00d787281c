// The optimizer's recorded state during real training on MNIST, checked against the update rules
// written out (Adam: m, v, bias correction, step; momentum: v = momentum v + g, w -= lr v): each
// recorded weight change must be what the rule gives from the recorded state.
import { describe, expect, it } from 'vitest';
import { sequentialGraph } from '@shared/graph/ops';
import { TrainOptionsSchema, type TrainOptionsInput } from '@shared/training/options';
import type { OptimizerTrace } from '@shared/ipc/explain';
import { adamCorrected } from '@shared/explain';
import { network } from '../helpers/network';
import { train } from '../../../src/engine/trainer';
import { OptimizerRecorder } from '../../../src/engine/optimizerTrace';

const graph = sequentialGraph([['input', { shape: [28, 28, 1] }], ['conv2d', { filters: 4, kernelSize: [3, 3] }], ['maxPooling2d'], ['flatten'], ['dense', { units: 10, activation: 'softmax' }]]);

async function record(o: TrainOptionsInput): Promise<OptimizerTrace> {
  let recorder: OptimizerRecorder | null = null;
  const options = TrainOptionsSchema.parse({ trainLimit: 640, epochs: 1, batchSize: 32, validationSplit: 0, seed: 2, parallel: false, ...o });
  const result = await train('trace', network(graph), options, { modelReady: (model) => (recorder = new OptimizerRecorder('trace', options, model)) });
  const trace = recorder!.trace();
  recorder!.dispose();
  result.model.dispose();
  return trace;
}

describe('optimizer state recorded during a run', () => {
  it('Adam: every step equals -lr m^ / (sqrt(v^) + eps) from the recorded m and v, and m, v follow the recorded gradient', async () => {
    const trace = await record({ optimizer: 'adam', learningRate: 0.001 });
    expect(Array.from(trace.steps)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(trace.tensors.map((t) => [t.name, t.layer, t.shape])).toEqual([
      ['conv2d/kernel', 'conv2d', [3, 3, 1, 4]],
      ['conv2d/bias', 'conv2d', [4]],
      ['dense/kernel', 'dense', [676, 10]],
      ['dense/bias', 'dense', [10]],
    ]);
    const c = { learningRate: trace.learningRate, beta1: trace.beta1, beta2: trace.beta2, epsilon: trace.epsilon };
    let checked = 0;
    for (const t of trace.tensors) {
      const k = t.indices.length;
      for (let s = 0; s < trace.steps.length; s++) for (let j = 0; j < k; j++) {
        const i = s * k + j;
        const g = t.gradient[i];
        const [mPrev, vPrev] = s === 0 ? [0, 0] : [t.m![i - k], t.v![i - k]];
        expect(t.m![i]).toBeCloseTo(0.9 * mPrev + 0.1 * g, 7);
        expect(t.v![i]).toBeCloseTo(0.999 * vPrev + 0.001 * g * g, 9);
        if (s > 0) expect(t.before[i]).toBe(t.after[i - k]);
        const step = adamCorrected(trace.steps[s], t.m![i], t.v![i], c).step;
        expect(t.after[i] - t.before[i]).toBeCloseTo(step, 6);
        checked++;
      }
      // The per-tensor mean |step| is of the order of lr for Adam.
      expect(Math.max(...t.meanAbsStep)).toBeLessThan(2 * trace.learningRate);
    }
    expect(checked).toBe(20 * (6 + 4 + 6 + 6)); // six watched weights per tensor, all four of a 4-bias
    // The very first Adam step of a weight with a non-zero gradient is lr in size (m^ = g, v^ = g^2).
    const moved = trace.tensors.flatMap((t) => t.indices.map((_, j) => ({ g: t.gradient[j], step: t.after[j] - t.before[j] }))).filter((x) => Math.abs(x.g) > 1e-4);
    expect(moved.length).toBeGreaterThan(10);
    for (const x of moved) expect(Math.abs(x.step)).toBeCloseTo(trace.learningRate, 5);
  }, 120_000);

  it('SGD with momentum: velocity = momentum x velocity + gradient, and the weight moves by -lr x velocity', async () => {
    const trace = await record({ optimizer: 'sgd', learningRate: 0.05, momentum: 0.9 });
    expect(trace.tensors[0].m).toBeNull();
    for (const t of trace.tensors) {
      const k = t.indices.length;
      for (let s = 0; s < trace.steps.length; s++) for (let j = 0; j < k; j++) {
        const i = s * k + j;
        const prev = s === 0 ? 0 : t.velocity![i - k];
        expect(t.velocity![i]).toBeCloseTo(0.9 * prev + t.gradient[i], 6);
        expect(t.after[i] - t.before[i]).toBeCloseTo(-0.05 * t.velocity![i], 6);
      }
    }
  }, 120_000);
});
