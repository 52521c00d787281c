// A run's life on real MNIST: nothing it allocated outlives it, bad settings are refused before
// the first step, and evaluation after training is sized to fit memory.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { examples } from '@shared/examples';
import { sequentialGraph } from '@shared/graph/ops';
import { TrainOptionsSchema, type TrainOptionsInput } from '@shared/training/options';
import { inferGraph } from '@shared/shape/infer';
import { EVALUATION_CHUNK, TRAINING_MEMORY_LIMIT, estimateTrainingMemory, evaluationChunk, memoryProblem } from '@shared/training/memory';
import { initBackend } from '../../../src/engine/backend';
import { network } from '../helpers/network';
import { train } from '../../../src/engine/trainer';

const options = (o: TrainOptionsInput) => TrainOptionsSchema.parse(o);
const mlp = examples.find((e) => e.id === 'mnist-mlp')!.graph;

describe('a training run', () => {
  it.each(['adam', 'rmsprop', 'sgd'] as const)('leaves no tensor behind once its model is disposed (%s)', async (optimizer) => {
    await initBackend();
    const counts: number[] = [tf.memory().numTensors];
    for (let run = 0; run < 2; run++) {
      const result = await train(`leak-${optimizer}-${run}`, network(mlp), options({ trainLimit: 300, epochs: 1, seed: run, optimizer, momentum: optimizer === 'sgd' ? 0.9 : 0, parallel: false }));
      expect(result.finished.reason).toBe('completed');
      result.model.dispose();
      counts.push(tf.memory().numTensors);
    }
    expect(counts).toEqual([counts[0], counts[0], counts[0]]);
  }, 60_000);

  it('refuses early stopping on val_loss without validation data before the first step', async () => {
    await initBackend();
    let started = false;
    const before = tf.memory().numTensors;
    await expect(
      train('es0', network(mlp), options({ trainLimit: 300, epochs: 3, validationSplit: 0, earlyStopping: { enabled: true, monitor: 'val_loss', patience: 1 } }), { started: () => (started = true) }),
    ).rejects.toThrow(/Early stopping watches val_loss, which needs validation data: set a validation split above 0 .* or watch loss\./);
    expect(started).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('memory for evaluation', () => {
  // 1,024 filters on 28x28: 3.2 MB of activations per sample. A batch of 32 trains in 200 MB,
  // but a test chunk of 1,000 samples would take 3.2 GB.
  const wide = sequentialGraph([['input', { shape: [28, 28, 1] }], ['conv2d', { filters: 1024, padding: 'same' }], ['globalAveragePooling2d'], ['dense', { units: 10, activation: 'softmax' }]]);

  it('evaluates in chunks that fit beside the weights, and counts them in the estimate', () => {
    const info = inferGraph(wide);
    expect(memoryProblem(info, 32)).toBeNull();
    const chunk = evaluationChunk(info, 32);
    expect(chunk).toBeLessThan(EVALUATION_CHUNK);
    expect(chunk).toBeGreaterThanOrEqual(32);
    const e = estimateTrainingMemory(info, 32);
    expect(e.evaluationBytes).toBe(chunk * (784 + 28 * 28 * 1024 + 1024 + 10) * 4);
    expect(e.total).toBeLessThanOrEqual(TRAINING_MEMORY_LIMIT);
    // Small networks keep the full chunk.
    expect(evaluationChunk(inferGraph(mlp), 32)).toBe(EVALUATION_CHUNK);
  });
});
