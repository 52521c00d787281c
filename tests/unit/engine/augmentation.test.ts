import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sequentialGraph } from '@shared/graph/ops';
import type { Graph } from '@shared/graph/model';
import { TrainOptionsSchema } from '@shared/training/options';
import { network } from '../helpers/network';
import { buildModel } from '../../../src/engine/buildModel';
import { useBackend } from '../../../src/engine/backend';
import { train } from '../../../src/engine/trainer';
import { augmentPreview } from '../../../src/engine/augmentPreview';
import { exportTfjs } from '../../../src/engine/weights';
import { backendsUnderTest } from '../helpers/backends';

// The augmentation layers on each backend the engine trains on: the identity whenever the model is
// not training (predict, evaluation, feature maps), Keras' random transforms when it is.
const backends = await backendsUnderTest();

const one = (kind: 'randomFlip' | 'randomRotation' | 'randomTranslation' | 'randomZoom', params: Record<string, unknown>, shape = [5, 4, 1]): Graph =>
  sequentialGraph([['input', { shape }], [kind, params]]);

/** A 5x4 image whose pixels are 1..20, row by row, twice (a batch of 2). */
const image = (): tf.Tensor4D => tf.tensor4d(Array.from({ length: 40 }, (_, i) => (i % 20) + 1), [2, 5, 4, 1]);
const rowsOf = (t: tf.Tensor): number[][] => {
  const v = Array.from(t.dataSync());
  return Array.from({ length: v.length / 4 }, (_, r) => v.slice(r * 4, r * 4 + 4));
};

for (const b of backends) {
  describe.skipIf(b.skip)(`augmentation layers ${b.title}`, () => {
    beforeAll(async () => {
      await useBackend(b.name);
    });

    it.each([
      ['randomFlip', { mode: 'horizontal_and_vertical' }],
      ['randomRotation', { factor: 0.5 }],
      ['randomTranslation', { heightFactor: 0.5, widthFactor: 0.5, fillMode: 'constant' }],
      ['randomZoom', { heightFactor: 0.5, widthFactor: 0.3, interpolation: 'nearest' }],
    ] as const)('%s is the identity in predict and evaluation, and changes images in training', (kind, params) => {
      const { model } = buildModel(network(one(kind, params)));
      const x = image();
      expect(Array.from((model.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from(x.dataSync()));
      expect(Array.from((model.apply(x, { training: false }) as tf.Tensor).dataSync())).toEqual(Array.from(x.dataSync()));
      // Ten training calls: at least one draws a transform that moves pixels (each flips with p = 1/2).
      const changed = Array.from({ length: 10 }, () => (model.apply(x, { training: true }) as tf.Tensor).dataSync()).some((v) => v.some((p, i) => p !== x.dataSync()[i]));
      expect(changed).toBe(true);
      model.dispose();
    });

    it('a flip really flips: each image is itself or its mirror image, pixel for pixel', () => {
      const original = rowsOf(image().slice([0, 0, 0, 0], [1, 5, 4, 1]));
      for (const [mode, expected] of [
        ['horizontal', original.map((r) => [...r].reverse())],
        ['vertical', [...original].reverse()],
        ['horizontal_and_vertical', [...original].reverse().map((r) => [...r].reverse())],
      ] as const) {
        const { model } = buildModel(network(one('randomFlip', { mode, seed: 3 })));
        const seen = new Set<string>();
        for (let i = 0; i < 12; i++) {
          const out = model.apply(image(), { training: true }) as tf.Tensor;
          for (const k of [0, 1]) {
            const rows = rowsOf(out.slice([k, 0, 0, 0], [1, 5, 4, 1]));
            expect([JSON.stringify(original), JSON.stringify(expected)]).toContain(JSON.stringify(rows));
            seen.add(JSON.stringify(rows));
          }
        }
        expect(seen.size, mode).toBe(2);
        model.dispose();
      }
    });

    it('a translation by whole pixels moves the image (constant fill 0), and a seed repeats the run', () => {
      // heightFactor 0 and widthFactor 0.25 of 4 pixels: a shift of up to one pixel left or right.
      const g = one('randomTranslation', { heightFactor: 0, widthFactor: 0.25, fillMode: 'constant', interpolation: 'nearest', seed: 7 });
      const runs = [0, 1].map(() => {
        const { model } = buildModel(network(g));
        const outs = [0, 1, 2].map(() => Array.from((model.apply(image(), { training: true }) as tf.Tensor).dataSync()));
        model.dispose();
        return outs;
      });
      expect(runs[1]).toEqual(runs[0]);
      expect(runs[0][0]).not.toEqual(runs[0][1]); // each step draws again
      // Each row is the original row shifted by -1, 0 or 1 pixel (nearest rounding of the shift), zeros filled in.
      const row = [1, 2, 3, 4];
      const shifts = [row, [2, 3, 4, 0], [0, 1, 2, 3]].map((r) => JSON.stringify(r));
      for (const out of runs[0]) expect(shifts).toContain(JSON.stringify(out.slice(0, 4)));
    });

    it('a rotation by a half turn (factor 0.5 is at most +-180 degrees) keeps the centre pixel of an odd image', () => {
      const { model } = buildModel(network(one('randomRotation', { factor: 0.5, fillMode: 'constant', seed: 1 }, [5, 5, 1])));
      const x = tf.tensor4d(Array.from({ length: 25 }, (_, i) => i + 1), [1, 5, 5, 1]);
      for (let i = 0; i < 5; i++) expect((model.apply(x, { training: true }) as tf.Tensor).dataSync()[12]).toBeCloseTo(13, 4);
      model.dispose();
    });
  });
}

describe.each(backends.filter((b) => !b.skip))('training with RandomRotation on real MNIST on $name', (b) => {
  beforeAll(async () => {
    await useBackend(b.name);
  });

  it('a small CNN with RandomRotation learns in a few hundred steps; predictions see the identity', async () => {
    const g = sequentialGraph([
      ['input', { shape: [28, 28, 1] }],
      ['randomRotation', { factor: 0.05, seed: 4 }],
      ['conv2d', { filters: 8, kernelSize: [3, 3], activation: 'relu' }],
      ['maxPooling2d'],
      ['flatten'],
      ['dense', { units: 10, activation: 'softmax' }],
    ]);
    const epochs: number[] = [];
    const result = await train(`aug-${b.name}`, network(g), TrainOptionsSchema.parse({ trainLimit: 6400, epochs: 1, batchSize: 32, validationSplit: 0, seed: 1 }), {
      epoch: (e) => epochs.push(e.loss),
    });
    expect(tf.getBackend()).toBe(b.name);
    expect(result.finished.reason).toBe('completed');
    expect(result.finished.testAccuracy).toBeGreaterThan(0.85);
    result.model.dispose();
  }, 240_000);
});

describe('the augmentation preview (augment:preview)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });
  const mnistWith = (...augment: Parameters<typeof sequentialGraph>[0]) =>
    sequentialGraph([['input', { shape: [28, 28, 1] }], ...augment, ['flatten'], ['dense', { units: 10, activation: 'softmax' }]]);

  it('shows real MNIST training images and random versions of them through the layers up to the chosen one', async () => {
    const g = mnistWith(['randomRotation', { factor: 0.2 }], ['randomZoom', { heightFactor: 0.2 }]);
    const zoom = g.nodes[2];
    const p = await augmentPreview(network(g), { graph: g, nodeId: zoom.id, dataset: { kind: 'mnist' }, start: 10, count: 3, variants: 4 });
    expect(p.layers).toEqual([g.nodes[1].name, zoom.name]);
    expect(p.shape).toEqual([28, 28, 1]);
    expect(p.images.map((i) => i.index)).toEqual([10, 11, 12]);
    // MNIST's training labels 10..12 are 3, 5, 3.
    expect(p.images.map((i) => i.label)).toEqual(['3', '5', '3']);
    for (const image of p.images) {
      expect(Math.max(...image.original)).toBeCloseTo(1, 1);
      expect(image.augmented).toHaveLength(4);
      for (const a of image.augmented) expect(a.some((v, k) => Math.abs(v - image.original[k]) > 0.1)).toBe(true);
    }
  });

  it('says so when a layer that is not augmentation comes first', async () => {
    const g = sequentialGraph([['input', { shape: [28, 28, 1] }], ['conv2d', { filters: 2 }], ['randomFlip', {}], ['flatten'], ['dense', { units: 10, activation: 'softmax' }]]);
    await expect(augmentPreview(network(g), { graph: g, nodeId: g.nodes[2].id, dataset: { kind: 'mnist' }, start: 0, count: 1, variants: 1 })).rejects.toThrow(
      /straight after the Input, but Conv2D "conv2d" comes before "random_flip"/,
    );
  });

  it('refuses a rotation after a layer with weights before training starts, and says where to move it', async () => {
    const g = sequentialGraph([['input', { shape: [28, 28, 1] }], ['conv2d', { filters: 2 }], ['randomRotation', {}], ['flatten'], ['dense', { units: 10, activation: 'softmax' }]]);
    await expect(train('aug-after-conv', network(g), TrainOptionsSchema.parse({ trainLimit: 100, epochs: 1 }))).rejects.toThrow(/RandomRotation "random_rotation" comes after "conv2d", a layer with weights.*Move it to just after the Input/);
  });
});

describe('augmentation layers are saved and loaded with the model, and compute the same on both backends', () => {
  it('a saved model loads back with its augmentation layers and their settings (tfjs serialization)', async () => {
    await useBackend('wasm');
    const g = one('randomZoom', { heightFactor: 0.3, widthFactor: 0.1, fillMode: 'wrap', interpolation: 'nearest', fillValue: 0.5, seed: 2 });
    const { model } = buildModel(network(g));
    let artifacts: tf.io.ModelArtifacts | null = null;
    await model.save(tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    const layer = loaded.layers[1];
    expect(layer.getClassName()).toBe('RandomZoom');
    expect(layer.getConfig()).toMatchObject({ heightFactor: 0.3, widthFactor: 0.1, fillMode: 'wrap', interpolation: 'nearest', fillValue: 0.5, seed: 2 });
    model.dispose();
    loaded.dispose();
  });

  it.skipIf(backends[1].skip)('seeded transforms give the same pixels on wasm as TensorFlow\'s own ImageProjectiveTransformV3 on native', async () => {
    const outputs: Float32Array[][] = [];
    for (const name of ['wasm', 'tensorflow'] as const) {
      await useBackend(name);
      const runs: Float32Array[] = [];
      for (const [kind, params] of [
        ['randomRotation', { factor: 0.3, seed: 5 }],
        ['randomRotation', { factor: 0.3, seed: 5, fillMode: 'wrap', interpolation: 'nearest' }],
        ['randomTranslation', { heightFactor: 0.3, widthFactor: 0.4, seed: 6, fillMode: 'nearest' }],
        ['randomZoom', { heightFactor: 0.4, widthFactor: 0.2, seed: 7, fillMode: 'constant', fillValue: 0.5 }],
      ] as const) {
        const { model } = buildModel(network(one(kind, params)));
        runs.push((model.apply(image(), { training: true }) as tf.Tensor).dataSync() as Float32Array);
        model.dispose();
      }
      outputs.push(runs);
    }
    outputs[0].forEach((wasm, i) => wasm.forEach((v, k) => expect(Math.abs(v - outputs[1][i][k]), `case ${i}, pixel ${k}`).toBeLessThan(1e-4)));
  });
});

describe('the TF.js model export', () => {
  it('refuses augmentation layers by name: tf.loadLayersModel elsewhere would not know them', async () => {
    await useBackend('wasm');
    const { model } = buildModel(network(one('randomFlip', {})));
    await expect(exportTfjs(model)).rejects.toThrow(/A TF.js model cannot hold RandomFlip "random_flip": TensorFlow.js has no such layer/);
    model.dispose();
  });
});
