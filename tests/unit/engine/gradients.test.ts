import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../helpers/arrays';
import { sequentialGraph } from '@shared/graph/ops';
import { useBackend } from '../../../src/engine/backend';
import { backendsUnderTest } from '../helpers/backends';
import { network } from '../helpers/network';
import { buildModel } from '../../../src/engine/buildModel';
import { batchGradients } from '../../../src/engine/gradients';

// Data parallelism rests on this: the gradient of the batch is the size-weighted mean of the
// gradients of its parts, and one step with it equals LayersModel.trainOnBatch.
const graph = sequentialGraph([
  ['input', { shape: [8, 8, 1] }],
  ['conv2d', { filters: 4, kernelSize: [3, 3] }],
  ['maxPooling2d'],
  ['flatten'],
  ['dense', { units: 10, activation: 'softmax' }],
]);
const backends = await backendsUnderTest();

for (const backend of backends) {
  describe.skipIf(backend.skip)(`split-batch gradients ${backend.title}`, () => {
    beforeAll(async () => {
      await useBackend(backend.name);
    });

    it('halves averaged equal the whole batch, and a step equals trainOnBatch', async () => {
      const x = tf.randomUniform([12, 8, 8, 1], 0, 1, 'float32', 3);
      const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1], 'int32'), 10);
      const a = buildModel(network(graph)).model;
      const b = buildModel(network(graph)).model;
      b.setWeights(a.getWeights());

      const whole = batchGradients(a, 'categoricalCrossentropy', x, y);
      const first = batchGradients(a, 'categoricalCrossentropy', x.slice(0, 7), y.slice(0, 7));
      const second = batchGradients(a, 'categoricalCrossentropy', x.slice(7), y.slice(7));
      whole.grads.forEach((g, i) => {
        const mixed = tf.tidy(() => first.grads[i].mul(7 / 12).add(second.grads[i].mul(5 / 12)).dataSync());
        expect(maxAbsDiff(mixed, g.dataSync())).toBeLessThan(1e-5);
      });
      expect((first.loss * 7 + second.loss * 5) / 12).toBeCloseTo(whole.loss, 5);

      a.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
      b.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
      const [loss, acc] = (await a.trainOnBatch(x, y)) as number[];
      expect(whole.loss).toBeCloseTo(loss, 5);
      expect(whole.accuracy).toBeCloseTo(acc, 5);
      const names = b.trainableWeights.map((w) => (w.read() as tf.Variable).name);
      b.optimizer.applyGradients(Object.fromEntries(names.map((n, i) => [n, whole.grads[i]])));
      a.getWeights().forEach((w, i) => expect(maxAbsDiff(w.dataSync(), b.getWeights()[i].dataSync())).toBeLessThan(1e-5));
      tf.dispose([x, y, ...whole.grads, ...first.grads, ...second.grads]);
      a.dispose();
      b.dispose();
    });
  });
}
