import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/engine/buildModel';
import { initBackend } from '../../../src/engine/backend';
import { importCase, kerasCases } from '../helpers/kerasCases';
import { network } from '../helpers/network';

// TF.js cannot build these; the engine says why instead of building something else.
const untrainable: Record<string, RegExp> = {
  'conv2d-grouped': /no grouped convolution \(groups 4\)/,
  'conv2d-grouped-nobias': /no grouped convolution \(groups 3\)/,
  'relu-leaky-threshold': /ReLU has no threshold/,
};

describe('every Keras case builds in TF.js with the counts Keras prints', () => {
  it.each(kerasCases)('%s', async (name, c) => {
    await initBackend();
    const graph = importCase(c);
    if (untrainable[name]) {
      expect(() => buildModel(network(graph))).toThrow(untrainable[name]);
      return;
    }
    const { model } = buildModel(network(graph));
    const size = (ws: { shape: number[] }[]): number => ws.reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1), 0);
    expect([model.countParams(), size(model.trainableWeights as never), size(model.nonTrainableWeights as never)]).toEqual([c.totalParams, c.trainableParams, c.nonTrainableParams]);
    expect(model.outputs[0].shape).toEqual(c.layers[c.layers.length - 1].shape);
    model.dispose();
  });
});
