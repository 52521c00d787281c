import { beforeAll, describe, expect, it } from 'vitest';
import { getExample } from '@shared/examples';
import { TrainOptionsSchema } from '@shared/training/options';
import { inferGraph } from '@shared/shape/infer';
import { network } from '../helpers/network';
import { buildModel } from '../../../src/engine/buildModel';
import { useBackend } from '../../../src/engine/backend';
import { train } from '../../../src/engine/trainer';
import type { EpochMetrics } from '@shared/ipc/training';

// The gallery's branching networks train on real MNIST as the app trains them.
describe.each(['mnist-residual', 'mnist-inception'])('the %s example on real MNIST', (id) => {
  const graph = getExample(id)!.graph;
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('builds in TF.js with the shared count', () => {
    const { model } = buildModel(network(graph));
    expect(model.countParams()).toBe(inferGraph(graph).totals.total);
    model.dispose();
  });

  it('learns: loss falls, accuracy far above chance', async () => {
    const epochs: EpochMetrics[] = [];
    const options = TrainOptionsSchema.parse({ trainLimit: 1200, epochs: 2, batchSize: 32, validationSplit: 0.2, seed: 1, parallel: false });
    const result = await train(`dag-${id}`, network(graph), options, { epoch: (e) => epochs.push(e) });
    expect(epochs).toHaveLength(2);
    expect(epochs[1].loss).toBeLessThan(epochs[0].loss);
    expect(result.finished.reason).toBe('completed');
    expect(result.finished.testAccuracy).toBeGreaterThan(0.6);
    result.model.dispose();
  }, 180_000);
});
