import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../helpers/arrays';
import { examples } from '@shared/examples';
import { initBackend } from '../../../src/engine/backend';
import { network } from '../helpers/network';
import { buildModel } from '../../../src/engine/buildModel';
import { computeActivations } from '../../../src/engine/maps/activations';
import { computeMaps } from '../../../src/engine/maps/method';

const cnn = examples.find((e) => e.id === 'mnist-cnn')!.graph;


describe('feature maps', () => {
  it('match a direct tfjs computation of each layer', async () => {
    await initBackend();
    const built = buildModel(network(cnn));
    const image = Float32Array.from({ length: 784 }, (_, i) => ((i * 7919) % 255) / 255);
    const { layers, probabilities } = computeActivations(cnn, built, image);
    expect(layers.map((l) => [l.name, l.shape])).toEqual([
      ['conv2d', [26, 26, 32]],
      ['max_pooling2d', [13, 13, 32]],
      ['conv2d_1', [11, 11, 64]],
      ['max_pooling2d_1', [5, 5, 64]],
      ['flatten', [1600]],
      ['dropout', [1600]],
      ['dense', [10]],
    ]);
    const [kernel, bias] = built.model.getLayer('conv2d').getWeights();
    const expected = tf.tidy(() => {
      const conv = tf.relu(tf.conv2d(tf.tensor4d(image, [1, 28, 28, 1]), kernel as tf.Tensor4D, 1, 'valid').add(bias));
      const pooled = tf.maxPool(conv as tf.Tensor4D, 2, 2, 'valid');
      return { conv: conv.dataSync(), pooled: pooled.dataSync() };
    });
    expect(maxAbsDiff(layers[0].data, expected.conv)).toBeLessThan(1e-5);
    expect(maxAbsDiff(layers[1].data, expected.pooled)).toBeLessThan(1e-5);
    expect(layers[0].kernel?.shape).toEqual([3, 3, 1, 32]);
    // The weights explanations multiply with: Conv2D's and Dense's kernels and biases.
    expect(maxAbsDiff(layers[0].bias!.data, bias.dataSync())).toBe(0);
    expect(layers[6].kernel?.shape).toEqual([1600, 10]);
    expect(layers[6].bias?.shape).toEqual([10]);
    expect(layers[1].kernel).toBeUndefined();
    // Dropout does nothing at prediction time; softmax sums to 1.
    expect(maxAbsDiff(layers[4].data, layers[5].data)).toBe(0);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    built.model.dispose();
  });

  it('use a real MNIST test digit with its label, on random weights before training', async () => {
    const reply = await computeMaps(network(cnn), { kind: 'test', index: 0 }, { runId: null, model: null, graph: null, training: false });
    expect(reply.label).toBe(7); // the first MNIST test image is a 7
    expect(reply.weights).toBe('random');
    expect(reply.input.data.length).toBe(784);
    expect(reply.layers[0].data).toBeInstanceOf(Float32Array);
    expect(reply.layers[0].data.length).toBe(26 * 26 * 32);
  });
});
