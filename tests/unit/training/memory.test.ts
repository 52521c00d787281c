import { describe, expect, it } from 'vitest';
import { examples } from '@shared/examples';
import { sequentialGraph } from '@shared/graph/ops';
import { inferGraph } from '@shared/shape/infer';
import { TrainOptionsSchema } from '@shared/training/options';
import { estimateTrainingMemory, memoryProblem } from '@shared/training/memory';
import { network } from '../helpers/network';
import { train } from '../../../src/engine/trainer';

describe('memory needed to train', () => {
  it('counts weights with gradients and Adam slots, and activations for the batch', () => {
    const info = inferGraph(examples.find((e) => e.id === 'mnist-cnn')!.graph);
    const e = estimateTrainingMemory(info, 32);
    expect(e.paramBytes).toBe(34826 * 16);
    // per sample: 784 + 21,632 + 5,408 + 7,744 + 1,600 + 1,600 + 1,600 + 10 floats
    expect(e.activationBytes).toBe((784 + 21632 + 5408 + 7744 + 1600 + 1600 + 1600 + 10) * 32 * 8);
    expect(memoryProblem(info, 32)).toBeNull();
  });

  it('refuses a network that cannot fit, before allocating anything, with its size', async () => {
    const huge = sequentialGraph([['input', { shape: [28, 28, 1] }], ['flatten'], ['dense', { units: 1_000_000 }], ['dense', { units: 10, activation: 'softmax' }]]);
    const problem = memoryProblem(inferGraph(huge), 32);
    expect(problem).toMatch(/^This network needs about 12\.09 GB to train with batch size 32 .* the limit is 2\.00 GB\./);
    await expect(train('m1', network(huge), TrainOptionsSchema.parse({ trainLimit: 100 }))).rejects.toThrow(/needs about 12\.09 GB/);
  });
});
