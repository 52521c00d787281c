import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { examples } from '@shared/examples';
import { TrainOptionsSchema } from '@shared/training/options';
import { network } from '../helpers/network';
import { buildModel } from '../../../src/engine/buildModel';
import { train } from '../../../src/engine/trainer';
import { exportTfjs, getWeights, setWeights } from '../../../src/engine/weights';

const cnn = examples.find((e) => e.id === 'mnist-cnn')!.graph;

describe('trained weights', () => {
  it('export as a TF.js model that tf.loadLayersModel reads and that predicts the same; save and reload with the network', async () => {
    const { model } = await train('w1', network(cnn), TrainOptionsSchema.parse({ trainLimit: 500, seed: 4 }));
    const x = tf.randomUniform([3, 28, 28, 1], 0, 1, 'float32', 7);
    const expected = (model.predict(x) as tf.Tensor).dataSync();

    const files = await exportTfjs(model);
    const modelJson = JSON.parse(files.modelJson);
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(files.weights.byteLength).toBe(34826 * 4);
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData: files.weights.slice().buffer }),
    );
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from(expected));

    const saved = JSON.parse(JSON.stringify(getWeights(model)));
    const fresh = buildModel(network(cnn)).model;
    expect(Array.from((fresh.predict(x) as tf.Tensor).dataSync())).not.toEqual(Array.from(expected));
    setWeights(fresh, saved);
    expect(Array.from((fresh.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from(expected));

    // Weights saved for another network are refused with a reason.
    const other = buildModel(network(examples.find((e) => e.id === 'lenet5')!.graph)).model;
    expect(() => setWeights(other, saved)).toThrow(/the network changed since they were saved/);
    x.dispose();
    for (const m of [model, loaded, fresh, other]) m.dispose();
  }, 60_000);
});
