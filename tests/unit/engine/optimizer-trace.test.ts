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

// A separate softmax layer: the engine's own step does not cover it, so trainOnBatch (and its applyGradients) runs.
const separateSoftmax = sequentialGraph([['input', { shape: [28, 28, 1] }], ['conv2d', { filters: 4, kernelSize: [3, 3] }], ['maxPooling2d'], ['flatten'], ['dense', { units: 10 }], ['activation', { activation: 'softmax' }]]);

interface Recorded {
  trace: OptimizerTrace;
  /** Whether tfjs' own optimizer ran (trainOnBatch) rather than the engine's flat step. */
  layersOptimizer: boolean;
  /** The trained weights at each tensor's watched indices. */
  final: number[][];
}

async function record(o: TrainOptionsInput, g = graph): Promise<Recorded> {
  let recorder: OptimizerRecorder | null = null;
  const options = TrainOptionsSchema.parse({ trainLimit: 640, epochs: 1, batchSize: 32, validationSplit: 0, seed: 2, parallel: false, ...o });
  const result = await train('trace', network(g), options, { modelReady: (model) => (recorder = new OptimizerRecorder('trace', options, model)) });
  const trace = recorder!.trace();
  recorder!.dispose();
  const internals = result.model.optimizer as unknown as { accumulatedFirstMoment?: unknown[]; accumulations?: unknown[] };
  const layersOptimizer = (internals.accumulatedFirstMoment ?? internals.accumulations ?? []).length > 0;
  const weights = result.model.trainableWeights.map((w) => w.read().dataSync());
  const final = trace.tensors.map((t, i) => t.indices.map((j) => weights[i][j]));
  result.model.dispose();
  return { trace, layersOptimizer, final };
}

describe('optimizer state recorded during a run', () => {
  it.each([
    ['the engine\'s flat step', graph, false],
    ['trainOnBatch (a separate softmax layer)', separateSoftmax, true],
  ] as const)('Adam through %s: every step equals -lr m^ / (sqrt(v^) + eps) from the recorded m and v, and m, v follow the recorded gradient', async (_, g, layersOptimizer) => {
    const recorded = await record({ optimizer: 'adam', learningRate: 0.001 }, g);
    const { trace } = recorded;
    expect(recorded.layersOptimizer).toBe(layersOptimizer);
    // The last recorded weights are the trained ones, to the bit.
    expect(trace.tensors.map((t) => Array.from(t.after.subarray(t.after.length - t.indices.length)))).toEqual(recorded.final);
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
    const { trace, layersOptimizer } = await record({ optimizer: 'sgd', learningRate: 0.05, momentum: 0.9 });
    expect(layersOptimizer).toBe(false);
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
