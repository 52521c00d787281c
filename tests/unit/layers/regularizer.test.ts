import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importKerasJson, toKerasJson, toKerasPython, toTfjsCode, toTfjsModelJson } from '@shared/interop';
import { sequentialGraph } from '@shared/graph/ops';
import type { Graph } from '@shared/graph/model';
import { createDocument, parseDocument, serializeDocument } from '@shared/serialization/document';
import { getSpec } from '@shared/layers/registry';
import { paramErrors } from '@shared/layers/types';
import { withFactor } from '@shared/layers/regularizer';
import { importCase, kerasCases } from '../helpers/kerasCases';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const regularized = (): Graph =>
  sequentialGraph([
    ['input', { shape: [6, 6, 1] }],
    ['conv2d', { filters: 2, kernelRegularizer: { l1: 0.001, l2: 0.01 }, biasRegularizer: { l1: 0, l2: 0.5 } }],
    ['flatten'],
    ['dense', { units: 3, kernelRegularizer: { l1: 0, l2: 0.01 }, biasRegularizer: { l1: 0.002, l2: 0 } }],
  ]);

/** A Dense layer's config in real Keras JSON, with kernel_regularizer set to `value`. */
function denseWith(value: unknown): string {
  const json = structuredClone(kerasCases.find(([n]) => n === 'dense')![1].json) as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
  json.config.layers.find((l) => l.class_name === 'Dense')!.config['kernel_regularizer'] = value;
  return JSON.stringify(json);
}

const importedDense = (value: unknown): unknown => {
  const r = importKerasJson(denseWith(value));
  if (!r.ok) throw new Error(r.error);
  return (r.value.graph.nodes.find((n) => n.kind === 'dense')!.params as { kernelRegularizer: unknown }).kernelRegularizer;
};

describe('regularizers in the file format', () => {
  it('default to none, and a file written before they existed opens with none', () => {
    expect(getSpec('dense').params.defaults).toMatchObject({ kernelRegularizer: null, biasRegularizer: null });
    const doc = createDocument(sequentialGraph([['input', { shape: [4] }], ['dense', { units: 2 }]]));
    const old = JSON.parse(serializeDocument(doc)) as { graph: { nodes: { params: Record<string, unknown> }[] } };
    delete old.graph.nodes[1].params['kernelRegularizer'];
    delete old.graph.nodes[1].params['biasRegularizer'];
    const text = JSON.stringify(old);
    expect(text).not.toContain('Regularizer');
    const back = parseDocument(text);
    expect(back.ok && back.value.graph.nodes[1].params).toMatchObject({ kernelRegularizer: null, biasRegularizer: null });
  });

  it('save and open with their factors', () => {
    const back = parseDocument(serializeDocument(createDocument(regularized())));
    expect(back.ok && back.value.graph.nodes.map((n) => n.params)).toEqual(regularized().nodes.map((n) => n.params));
  });

  it('refuse negative, huge or malformed factors, naming the field', () => {
    const bad = (v: unknown): string[] => paramErrors(getSpec('dense'), { ...getSpec('dense').params.defaults, kernelRegularizer: v } as never);
    expect(bad({ l1: -0.1, l2: 0 })).toEqual(['Kernel regularizer factors must be numbers from 0 to 1000 (got {"l1":-0.1,"l2":0}).']);
    expect(bad({ l1: 0, l2: 5000 })[0]).toMatch(/^Kernel regularizer factors must be numbers from 0 to 1000/);
    expect(bad({ l2: 0.01 })).toHaveLength(1);
    expect(bad({ l1: 0, l2: 0.01, l3: 1 })).toHaveLength(1);
    expect(bad('l2')).toHaveLength(1);
    const doc = JSON.parse(serializeDocument(createDocument(regularized()))) as { graph: { nodes: { params: Record<string, unknown> }[] } };
    doc.graph.nodes[1].params['biasRegularizer'] = { l1: 0, l2: -0.5 };
    expect(parseDocument(JSON.stringify(doc))).toMatchObject({ ok: false, error: expect.stringMatching(/nodes\.1\.params\.biasRegularizer/) });
  });

  it('an edit of one factor keeps the other; 0 and 0 is none', () => {
    expect(withFactor(null, 'l2', 0.01)).toEqual({ l1: 0, l2: 0.01 });
    expect(withFactor({ l1: 0, l2: 0.01 }, 'l1', 0.5)).toEqual({ l1: 0.5, l2: 0.01 });
    expect(withFactor({ l1: 0, l2: 0.01 }, 'l2', 0)).toBeNull();
  });

  it('node cards name the kernel penalty', () => {
    expect(getSpec('dense').describe({ ...getSpec('dense').params.defaults, kernelRegularizer: { l1: 0, l2: 0.01 } })).toBe('10, softmax, L2 0.01');
    expect(getSpec('conv2d').describe({ ...getSpec('conv2d').params.defaults, kernelRegularizer: { l1: 0.001, l2: 0.01 } })).toBe('32 @ 3x3, relu, L1 0.001 + L2 0.01');
  });
});

describe('regularizers in Keras JSON', () => {
  it('real Keras 3 JSON (tests/keras/expected.py) imports with its factors', () => {
    const dense = importCase(kerasCases.find(([n]) => n === 'dense-l2')![1]).nodes[1];
    expect(dense.params).toMatchObject({ kernelRegularizer: { l1: 0, l2: 0.01 }, biasRegularizer: { l1: 0.001, l2: 0 } });
    const conv = importCase(kerasCases.find(([n]) => n === 'conv2d-l1l2')![1]).nodes[1];
    expect(conv.params).toMatchObject({ kernelRegularizer: { l1: 0.001, l2: 0.01 }, biasRegularizer: { l1: 0, l2: 0.5 } });
  });

  it.each([
    ['Keras 3 L2', { module: 'keras.regularizers', class_name: 'L2', config: { l2: 0.01 }, registered_name: null }, { l1: 0, l2: 0.01 }],
    ['Keras 3 L1', { module: 'keras.regularizers', class_name: 'L1', config: { l1: 0.02 }, registered_name: null }, { l1: 0.02, l2: 0 }],
    ['Keras 3 L1L2', { module: 'keras.regularizers', class_name: 'L1L2', config: { l1: 0.01, l2: 0.02 }, registered_name: null }, { l1: 0.01, l2: 0.02 }],
    ['Keras 2 L1L2, factors written as float32', { class_name: 'L1L2', config: { l1: 0.0, l2: 0.009999999776482582 } }, { l1: 0, l2: 0.01 }],
    ['a factor that is no float32 is kept as written', { class_name: 'L2', config: { l2: 0.0123456789 } }, { l1: 0, l2: 0.0123456789 }],
    ['Keras 2 L2', { class_name: 'L2', config: { l2: 0.5 } }, { l1: 0, l2: 0.5 }],
    ['a name, with Keras 3 defaults', 'l2', { l1: 0, l2: 0.01 }],
    ['L1L2 without factors: Keras 3 defaults (0, 0)', { class_name: 'L1L2', config: {} }, { l1: 0, l2: 0 }],
    ['none', null, null],
  ])('%s', (_what, value, expected) => {
    expect(importedDense(value)).toEqual(expected);
  });

  it('export writes Keras 3 spellings and imports back the same', () => {
    const json = toKerasJson(regularized());
    expect(json.ok).toBe(true);
    if (!json.ok) return;
    const layers = (JSON.parse(json.value) as { config: { layers: { config: Record<string, unknown> }[] } }).config.layers;
    expect(layers[1].config).toMatchObject({
      kernel_regularizer: { module: 'keras.regularizers', class_name: 'L1L2', config: { l1: 0.001, l2: 0.01 }, registered_name: null },
      bias_regularizer: { module: 'keras.regularizers', class_name: 'L2', config: { l2: 0.5 }, registered_name: null },
    });
    expect(layers[3].config).toMatchObject({ kernel_regularizer: { class_name: 'L2', config: { l2: 0.01 } }, bias_regularizer: { class_name: 'L1', config: { l1: 0.002 } } });
    const back = importKerasJson(json.value);
    expect(back.ok && back.value.graph.nodes.map((n) => n.params)).toEqual(regularized().nodes.map((n) => n.params));
  });
});

describe('regularizers in code and TF.js', () => {
  it('Python Keras code passes keras.regularizers objects', () => {
    const py = toKerasPython(regularized());
    expect(py.ok && py.value).toContain(
      'layers.Conv2D(2, kernel_size=(3, 3), activation="relu", kernel_regularizer=keras.regularizers.L1L2(l1=0.001, l2=0.01), bias_regularizer=keras.regularizers.L2(0.5), name="conv2d")',
    );
    expect(py.ok && py.value).toContain('layers.Dense(3, activation="softmax", kernel_regularizer=keras.regularizers.L2(0.01), bias_regularizer=keras.regularizers.L1(0.002), name="dense")');
  });

  /** l1 * sum|w| + l2 * sum(w^2) of one weight, in float64. */
  const penalty = (w: tf.Tensor, l1: number, l2: number): number => {
    const v = Array.from(w.dataSync());
    return l1 * v.reduce((a, x) => a + Math.abs(x), 0) + l2 * v.reduce((a, x) => a + x * x, 0);
  };

  it('TF.js code builds layers with tf.regularizers.l1l2 whose losses are the penalties', () => {
    const code = toTfjsCode(regularized());
    expect(code.ok).toBe(true);
    if (!code.ok) return;
    expect(code.value).toContain('"kernelRegularizer":tf.regularizers.l1l2({"l1":0.001,"l2":0.01})');
    const body = code.value.replace(/^import .*$/m, '').replace('model.summary();', 'return model;');
    const model = new Function('tf', body)(tf) as tf.LayersModel;
    const conv = model.getLayer('conv2d');
    const dense = model.getLayer('dense');
    // Non-zero biases, so that each bias penalty counts.
    conv.setWeights([conv.getWeights()[0], tf.tensor([0.3, -0.2])]);
    dense.setWeights([dense.getWeights()[0], tf.tensor([0.1, -0.4, 0.25])]);
    const [ck, cb] = conv.getWeights();
    const [dk, db] = dense.getWeights();
    const expected = penalty(ck, 0.001, 0.01) + penalty(cb, 0, 0.5) + penalty(dk, 0, 0.01) + penalty(db, 0.002, 0);
    const losses = (model as unknown as { calculateLosses(): tf.Scalar[] }).calculateLosses();
    expect(losses.reduce((a, l) => a + l.dataSync()[0], 0)).toBeCloseTo(expected, 6);
    tf.dispose(losses);
    model.dispose();
  });

  it('a TF.js model.json is read by tfjs with the same regularizers', async () => {
    const json = toTfjsModelJson(regularized());
    expect(json.ok).toBe(true);
    if (!json.ok) return;
    const model = await tf.models.modelFromJSON({ modelTopology: JSON.parse(json.value).modelTopology } as tf.io.ModelJSON);
    const config = model.getLayer('conv2d').getConfig() as { kernelRegularizer: unknown; biasRegularizer: unknown };
    expect(config.kernelRegularizer).toEqual({ className: 'L1L2', config: { l1: 0.001, l2: 0.01 } });
    expect(config.biasRegularizer).toEqual({ className: 'L1L2', config: { l1: 0, l2: 0.5 } });
    const back = importKerasJson(json.value);
    expect(back.ok && back.value.graph.nodes.map((n) => n.params)).toEqual(regularized().nodes.map((n) => n.params));
    model.dispose();
  });
});
