import { describe, expect, it } from 'vitest';
import { examples } from '@shared/examples';
import { sequentialGraph } from '@shared/graph/ops';
import { TrainOptionsSchema } from '@shared/training/options';
import type { BoundaryGrid, TrainStarted } from '@shared/ipc/training';
import { argmaxRows } from '@shared/data/plane';
import { network } from '../helpers/network';
import { train } from '../../../src/engine/trainer';

const spiral = examples.find((e) => e.id === 'spiral')!;

describe('training on toy 2-D data', () => {
  it('the spiral network separates the three arms on a test set drawn with another seed, with the boundary streamed as it learns', async () => {
    let started: TrainStarted | null = null;
    const grids: BoundaryGrid[] = [];
    // Two hidden layers learn the arms in 40 epochs (the gallery's one layer needs a few hundred).
    const graph = sequentialGraph([['input', { shape: [2] }], ['dense', { units: 64, activation: 'relu' }], ['dense', { units: 64, activation: 'relu' }], ['dense', { units: 3, activation: 'softmax' }]]);
    const result = await train('spiral', network(graph), TrainOptionsSchema.parse({ ...spiral.training, epochs: 40, learningRate: 0.01, seed: 1 }), {
      started: (s) => (started = s),
      boundary: (b) => grids.push(b),
    });
    const s = started as unknown as TrainStarted;
    expect(s).toMatchObject({ trainSamples: 2700, validationSamples: 300, testSamples: 300, threads: 1 });
    expect(s.plane!.trainLabels).toHaveLength(3000);
    expect(s.plane!.testLabels).toHaveLength(300);
    // Chance is 1/3; the noisy arms overlap near the centre, so even a long run stays below ~90%.
    expect(result.finished.testAccuracy).toBeGreaterThan(0.8);
    expect(grids.length).toBeGreaterThan(1);
    const last = grids[grids.length - 1];
    expect(last.epoch).toBe(result.finished.epochsCompleted);
    expect(last.values).toHaveLength(80 * 80 * 3);
    // Every class owns part of the plane.
    const { classes } = argmaxRows(last.values, 3);
    for (let k = 0; k < 3; k++) expect(classes.filter((c) => c === k).length).toBeGreaterThan(80 * 80 * 0.15);
    result.model.dispose();
  }, 180_000);
});
