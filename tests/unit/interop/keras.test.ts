import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { examples } from '@shared/examples';
import { importKerasJson, toKerasJson, toKerasPython, toTfjsCode, toTfjsModelJson } from '@shared/interop';
import { sequentialGraph } from '@shared/graph/ops';
import { inferGraph } from '@shared/shape/infer';

const fixture = (name: string): string => readFileSync(join(__dirname, '../../fixtures/keras', name), 'utf8');

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Keras JSON import', () => {
  it('reads a Keras 2 Sequential with an InputLayer', () => {
    const r = importKerasJson(fixture('mnist-cnn.keras2.json'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.graph.nodes.map((n) => n.name)).toEqual(['input_1', 'conv2d', 'max_pooling2d', 'conv2d_1', 'max_pooling2d_1', 'flatten', 'dropout', 'dense']);
    expect(inferGraph(r.value.graph).totals.total).toBe(34826);
    // Laid out top to bottom so it reads well on the canvas.
    const ys = r.value.graph.nodes.map((n) => n.position.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
  });

  it('reads a Keras 3 Functional chain with BatchNormalization', () => {
    const r = importKerasJson(fixture('bn-cnn.keras3-functional.json'));
    expect(r.ok).toBe(true);
    if (r.ok) expect(inferGraph(r.value.graph).totals).toMatchObject({ total: 666, trainable: 634, nonTrainable: 32 });
  });

  it('reads a TF.js model.json written by tfjs itself', async () => {
    const model = tf.sequential({
      layers: [tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu' }), tf.layers.flatten(), tf.layers.dense({ units: 10, activation: 'softmax' })],
    });
    let topology: unknown;
    await model.save(tf.io.withSaveHandler(async (artifacts) => {
      topology = artifacts.modelTopology;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const r = importKerasJson(JSON.stringify({ modelTopology: topology, weightsManifest: [] }));
    expect(r.ok).toBe(true);
    if (r.ok) expect(inferGraph(r.value.graph).totals.total).toBe(model.countParams());
    model.dispose();
  });

  it('explains what it cannot import', () => {
    expect(importKerasJson('{"class_name": "Sequential", "config": {"layers": [{"class_name": "LSTM", "config": {"name": "lstm", "batch_input_shape": [null, 10, 8]}}]}}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/layer "lstm" \(LSTM\): NetBuilder has no LSTM layer \(it has InputLayer, Conv2D, /),
    });
    expect(importKerasJson('{"hello": 1}')).toMatchObject({ ok: false, error: expect.stringMatching(/not a Keras model/) });
  });
});

describe('export', () => {
  it.each(examples.map((e) => [e.id, e.graph] as const))('Keras JSON of %s imports back to the same network', (_id, graph) => {
    const json = toKerasJson(graph);
    expect(json.ok).toBe(true);
    if (!json.ok) return;
    const back = importKerasJson(json.value);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.graph.nodes.map((n) => [n.kind, n.name, n.params])).toEqual(graph.nodes.map((n) => [n.kind, n.name, n.params]));
  });

  it.each(examples.map((e) => [e.id, e.graph] as const))('TF.js model.json of %s is read by tfjs itself, with the same count', async (_id, graph) => {
    const json = toTfjsModelJson(graph);
    expect(json.ok).toBe(true);
    if (!json.ok) return;
    const model = await tf.models.modelFromJSON({ modelTopology: JSON.parse(json.value).modelTopology } as tf.io.ModelJSON);
    expect(model.countParams()).toBe(inferGraph(graph).totals.total);
    // tfjs orders a Functional model's layers by depth, as Keras does: the same layers, its own order.
    expect(model.layers.map((l) => l.name).sort()).toEqual(graph.nodes.map((n) => n.name).sort());
    const back = importKerasJson(json.value);
    expect(back.ok && back.value.graph.nodes.length).toBe(graph.nodes.length);
    model.dispose();
  });

  it('Python Keras code names every layer with its parameters', () => {
    const cnn = examples.find((e) => e.id === 'mnist-cnn')!.graph;
    const py = toKerasPython(cnn);
    expect(py.ok).toBe(true);
    if (!py.ok) return;
    expect(py.value).toContain('keras.Input(shape=(28, 28, 1), name="input_layer")');
    expect(py.value).toContain('layers.Conv2D(64, kernel_size=(3, 3), activation="relu", name="conv2d_1")');
    expect(py.value).toContain('layers.Dropout(0.5, name="dropout")');
    expect(py.value).toContain('model.summary()');
  });

  it('TF.js code builds a model with the same counts when run', () => {
    for (const e of examples) {
      const code = toTfjsCode(e.graph);
      expect(code.ok).toBe(true);
      if (!code.ok) continue;
      const body = code.value.replace(/^import .*$/m, '').replace('model.summary();', 'return model;');
      const model = new Function('tf', body)(tf) as tf.LayersModel;
      expect(model.countParams(), e.id).toBe(inferGraph(e.graph).totals.total);
      model.dispose();
    }
  });

  it('refuses an invalid network, saying what to fix', () => {
    const bad = sequentialGraph([['input', { shape: [2, 2, 1] }], ['conv2d']]);
    expect(toKerasPython(bad)).toMatchObject({ ok: false, error: expect.stringMatching(/^Fix the network first: conv2d: the kernel 3x3 is larger/) });
  });
});
