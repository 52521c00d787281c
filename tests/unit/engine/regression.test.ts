import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examples } from '@shared/examples';
import { sequentialGraph } from '@shared/graph/ops';
import type { TrainStarted } from '@shared/ipc/training';
import { TrainOptionsSchema } from '@shared/training/options';
import { initBackend } from '../../../src/engine/backend';
import { lossFunction } from '../../../src/engine/gradients';
import { train } from '../../../src/engine/trainer';
import { network } from '../helpers/network';

const housing = examples.find((e) => e.id === 'housing')!;
const csv = join(__dirname, '../../../examples/tables/housing.csv');

describe('regression losses', () => {
  it('meanSquaredError, meanAbsoluteError and huber give the hand-computed values', async () => {
    await initBackend();
    // Errors 0.5, -2, 0.2, 2: MSE (0.25 + 4 + 0.04 + 4) / 4 = 2.0725; MAE 4.7 / 4 = 1.175;
    // Huber (delta 1): 0.5*0.5^2 + (2 - 0.5) + 0.5*0.2^2 + (2 - 0.5), / 4 = 0.78625 (Keras prints 0.78625).
    const y = tf.tensor2d([1, 2, 3, 4], [4, 1]);
    const p = tf.tensor2d([1.5, 0, 3.2, 6], [4, 1]);
    // What compile() gets: tfjs' loss by its name, or our Huber function.
    const byName: Record<string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor> = { meanSquaredError: tf.metrics.meanSquaredError, meanAbsoluteError: tf.metrics.meanAbsoluteError };
    const value = (name: 'meanSquaredError' | 'meanAbsoluteError' | 'huber'): number => {
      const f = lossFunction(name);
      const fn = typeof f === 'string' ? byName[f] : f;
      return tf.tidy(() => fn(y, p).mean().dataSync()[0]);
    };
    expect(value('meanSquaredError')).toBeCloseTo(2.0725, 5);
    expect(value('meanAbsoluteError')).toBeCloseTo(1.175, 5);
    expect(value('huber')).toBeCloseTo(0.78625, 5);
    tf.dispose([y, p]);
  });
});

describe('training a regression on a CSV table', () => {
  it('standardises on the training split only, reports MSE and MAE, and beats linear regression on the test rows', async () => {
    let started: TrainStarted | null = null;
    const options = TrainOptionsSchema.parse({ ...housing.training, dataset: { ...housing.training!.dataset, path: csv }, epochs: 60, seed: 1 });
    const result = await train('housing', network(housing.graph), options, { started: (s) => (started = s) });
    const s = started as unknown as TrainStarted;
    // 506 rows: 101 test (20%), then 405 split 324 / 81 for validation.
    expect(s).toMatchObject({ task: 'regression', trainSamples: 324, validationSamples: 81, testSamples: 101, plane: null });
    expect(s.standardization!.rows).toBe(324);
    expect(s.standardization!.features).toHaveLength(13);
    const f = result.finished;
    expect(f.testAccuracy).toBeNull();
    expect(f.confusion).toBeNull();
    expect(f.testMse).toBeCloseTo(f.testLoss!, 4);
    expect(f.testMae).toBeGreaterThan(0);
    expect(f.baseline!.testMse).toBeGreaterThan(0);
    // The table's price curves in LSTAT; two hidden layers follow it, a straight line cannot.
    expect(f.testMse!).toBeLessThan(f.baseline!.testMse!);
    result.model.dispose();
  }, 120_000);

  it('refuses a softmax output or a 10-unit output for a real-valued target before training', async () => {
    const options = TrainOptionsSchema.parse({ ...housing.training, dataset: { ...housing.training!.dataset, path: csv } });
    const softmax = sequentialGraph([['input', { shape: [13] }], ['dense', { units: 1, activation: 'softmax' }]]);
    await expect(train('x', network(softmax), options)).rejects.toThrow('housing.csv has a real-valued target, but the last layer uses softmax');
    const ten = sequentialGraph([['input', { shape: [13] }], ['dense', { units: 10, activation: 'softmax' }]]);
    await expect(train('x', network(ten), options)).rejects.toThrow('must output one value, (None, 1); it outputs (None, 10)');
  });
});
