import { describe, expect, it } from 'vitest';
import { formatBytes, formatParamsWithBytes, formatShape } from '@shared/format';
import { sequentialGraph, type LayerEntry } from '@shared/graph/ops';
import type { Graph } from '@shared/graph/model';
import { inferGraph } from '@shared/shape/infer';

const seedCnn = (): Graph =>
  sequentialGraph([
    ['input', { shape: [28, 28, 1] }],
    ['conv2d', { filters: 32, kernelSize: [3, 3], activation: 'relu' }],
    ['maxPooling2d', { poolSize: [2, 2] }],
    ['conv2d', { filters: 64, kernelSize: [3, 3], activation: 'relu' }],
    ['maxPooling2d', { poolSize: [2, 2] }],
    ['flatten'],
    ['dropout', { rate: 0.5 }],
    ['dense', { units: 10, activation: 'softmax' }],
  ]);

function rows(graph: Graph): [string, string, number][] {
  const info = inferGraph(graph);
  return info.order.map((id) => [info.nodes[id].name, formatShape(info.nodes[id].outputShape), info.nodes[id].params.total]);
}

describe('inferGraph: Keras model.summary() numbers', () => {
  it('the DESIGN.md CNN: 34,826 params (136.04 KB)', () => {
    const info = inferGraph(seedCnn());
    expect(rows(seedCnn())).toEqual([
      ['input_layer', '(None, 28, 28, 1)', 0],
      ['conv2d', '(None, 26, 26, 32)', 320],
      ['max_pooling2d', '(None, 13, 13, 32)', 0],
      ['conv2d_1', '(None, 11, 11, 64)', 18496],
      ['max_pooling2d_1', '(None, 5, 5, 64)', 0],
      ['flatten', '(None, 1600)', 0],
      ['dropout', '(None, 1600)', 0],
      ['dense', '(None, 10)', 16010],
    ]);
    expect(info.valid).toBe(true);
    expect(info.totals).toEqual({ total: 34826, trainable: 34826, nonTrainable: 0, bytes: 139304 });
    expect(formatParamsWithBytes(info.totals.total)).toBe('34,826 (136.04 KB)');
  });

  it('explains each count and each size with the numbers filled in', () => {
    const info = inferGraph(seedCnn());
    const byName = Object.fromEntries(Object.values(info.nodes).map((n) => [n.name, n]));
    expect(byName['conv2d'].formula).toBe('(3*3*1 + 1) * 32 = 320');
    expect(byName['conv2d_1'].formula).toBe('(3*3*32 + 1) * 64 = 18,496');
    expect(byName['dense'].formula).toBe('(1600 + 1) * 10 = 16,010');
    expect(byName['conv2d'].shapeFormula).toBe('valid: floor((28 - 3) / 1) + 1 = 26');
    expect(byName['max_pooling2d_1'].shapeFormula).toBe('valid: floor((11 - 2) / 2) + 1 = 5');
    expect(byName['flatten'].shapeFormula).toBe('5 * 5 * 64 = 1,600');
  });

  it('the MNIST MLP: 101,770 params', () => {
    const g = sequentialGraph([
      ['input', { shape: [28, 28] }],
      ['flatten'],
      ['dense', { units: 128, activation: 'relu' }],
      ['dense', { units: 10, activation: 'softmax' }],
    ]);
    expect(rows(g)).toEqual([
      ['input_layer', '(None, 28, 28)', 0],
      ['flatten', '(None, 784)', 0],
      ['dense', '(None, 128)', 100480],
      ['dense_1', '(None, 10)', 1290],
    ]);
    expect(inferGraph(g).totals.total).toBe(101770);
    expect(formatParamsWithBytes(101770)).toBe('101,770 (397.54 KB)');
  });

  it.each([
    // [input, kernel, stride, padding, expected] — the (I - F + 2P) / S + 1 exercises
    [6, 3, 1, 'valid', 4],
    [6, 3, 1, 'same', 6],
    [28, 3, 2, 'same', 14],
    [28, 3, 2, 'valid', 13],
    [28, 5, 1, 'same', 28],
    [7, 2, 2, 'same', 4],
    [7, 2, 2, 'valid', 3],
    [32, 8, 4, 'valid', 7],
  ] as const)('conv on %i px, %i px kernel, stride %i, %s -> %i px', (size, k, s, padding, expected) => {
    const g = sequentialGraph([
      ['input', { shape: [size, size, 3] }],
      ['conv2d', { filters: 8, kernelSize: [k, k], strides: [s, s], padding }],
    ]);
    const conv = inferGraph(g).nodes[g.nodes[1].id];
    expect(conv.outputShape).toEqual([null, expected, expected, 8]);
    expect(conv.params.total).toBe((k * k * 3 + 1) * 8);
  });

  it('counts BatchNormalization as Keras does: 4 per channel, half of them not trainable', () => {
    const g = sequentialGraph([['input', { shape: [28, 28, 1] }], ['conv2d', { filters: 32 }], ['batchNormalization']]);
    const bn = inferGraph(g).nodes[g.nodes[2].id];
    expect(bn.params).toEqual({ total: 128, trainable: 64, nonTrainable: 64 });
    expect(bn.formula).toContain('64 non-trainable');
    const info = inferGraph(g);
    expect(info.totals).toMatchObject({ total: 448, trainable: 384, nonTrainable: 64 });
  });

  it('one 8x8 kernel against four stacked 2x2 kernels', () => {
    const one = sequentialGraph([['input', { shape: [32, 32, 1] }], ['conv2d', { filters: 1, kernelSize: [8, 8] }]]);
    const four = sequentialGraph([
      ['input', { shape: [32, 32, 1] }],
      ...Array.from({ length: 4 }, (): LayerEntry => ['conv2d', { filters: 1, kernelSize: [2, 2] }]),
    ]);
    expect(inferGraph(one).totals.total).toBe(65);
    expect(inferGraph(four).totals.total).toBe(20);
    expect(inferGraph(one).nodes[one.nodes[1].id].outputShape).toEqual([null, 25, 25, 1]);
    expect(inferGraph(four).nodes[four.nodes[4].id].outputShape).toEqual([null, 28, 28, 1]);
  });
});

describe('inferGraph: errors name the layer and say what to change', () => {
  it('a kernel larger than its input', () => {
    const g = sequentialGraph([['input', { shape: [4, 4, 1] }], ['conv2d', { kernelSize: [5, 5] }], ['flatten']]);
    const info = inferGraph(g);
    const conv = info.nodes[g.nodes[1].id];
    expect(conv.outputShape).toBeNull();
    expect(conv.errors[0]).toMatch(/conv2d.*kernel 5x5 is larger than its 4x4 input.*same/);
    // The Input still has its shape; nothing below invents one.
    expect(info.nodes[g.nodes[0].id].outputShape).toEqual([null, 4, 4, 1]);
    expect(info.nodes[g.nodes[2].id].errors).toEqual([]);
    expect(info.valid).toBe(false);
  });

  it('a pool window larger than its input', () => {
    const g = sequentialGraph([['input', { shape: [1, 1, 8] }], ['maxPooling2d']]);
    expect(inferGraph(g).nodes[g.nodes[1].id].errors[0]).toMatch(/pool window 2x2 is larger than its 1x1 input/);
  });

  it('a cycle', () => {
    const g = sequentialGraph([['input'], ['conv2d'], ['conv2d'], ['flatten']]);
    g.edges.push({ id: 'back', source: g.nodes[2].id, target: g.nodes[1].id });
    const info = inferGraph(g);
    expect(info.nodes[g.nodes[1].id].errors.join()).toMatch(/on a cycle \(conv2d, conv2d_1\)/);
    expect(info.nodes[g.nodes[2].id].errors.join()).toMatch(/on a cycle/);
    expect(info.nodes[g.nodes[0].id].outputShape).toEqual([null, 28, 28, 1]);
    expect(info.valid).toBe(false);
  });

  it('a layer not connected to the Input', () => {
    const g = sequentialGraph([['input'], ['flatten'], ['dense']]);
    g.edges = g.edges.filter((e) => e.target !== g.nodes[1].id);
    const info = inferGraph(g);
    expect(info.nodes[g.nodes[1].id].errors[0]).toBe('flatten is not connected to the Input: drag a connection into it from the layer before.');
    expect(info.valid).toBe(false);
  });

  it('more than one Input, and none', () => {
    const two = sequentialGraph([['input'], ['flatten']]);
    two.nodes.push({ ...two.nodes[0], id: 'other', name: 'input_layer_1' });
    expect(inferGraph(two).nodes['other'].errors[0]).toMatch(/more than one Input \(input_layer, input_layer_1\)/);
    const none = sequentialGraph([['flatten'], ['dense']]);
    expect(inferGraph(none).graphErrors[0]).toMatch(/no Input layer/);
  });

  it('two outputs, and an Input alone', () => {
    const g = sequentialGraph([['input', { shape: [784] }], ['dense']]);
    g.nodes.push({ ...g.nodes[1], id: 'x', name: 'dense_1' });
    g.edges.push({ id: 'e-x', source: g.nodes[0].id, target: 'x' });
    expect(inferGraph(g).graphErrors[0]).toMatch(/2 outputs \(dense, dense_1\)/);
    expect(inferGraph(sequentialGraph([['input']])).graphErrors[0]).toMatch(/only an Input/);
  });

  it('a layer with two inputs', () => {
    const g = sequentialGraph([['input', { shape: [784] }], ['dense']]);
    g.nodes.push({ ...g.nodes[0], id: 'i2', name: 'x' } as never);
    g.edges.push({ id: 'e2', source: 'i2', target: g.nodes[1].id });
    expect(inferGraph(g).nodes[g.nodes[1].id].errors.join()).toMatch(/has 2 inputs \(input_layer, x\) but takes one/);
  });

  it.each([1, 1.5, -0.1, Number.NaN])('a Dropout rate of %s', (rate) => {
    const g = sequentialGraph([['input', { shape: [10] }], ['dropout', { rate }]]);
    expect(inferGraph(g).nodes[g.nodes[1].id].errors[0]).toMatch(/Dropout rate must be at least 0 and below 1/);
  });

  it('non-positive or fractional sizes', () => {
    const g = sequentialGraph([['input', { shape: [10] }], ['dense', { units: 0 }]]);
    expect(inferGraph(g).nodes[g.nodes[1].id].errors[0]).toMatch(/Units must be a whole number of at least 1/);
    const c = sequentialGraph([['input'], ['conv2d', { filters: 2.5 }]]);
    expect(inferGraph(c).nodes[c.nodes[1].id].errors[0]).toMatch(/Filters must be a whole number/);
  });

  it('a Conv2D after Flatten says why and what to do', () => {
    const g = sequentialGraph([['input'], ['flatten'], ['conv2d']]);
    expect(inferGraph(g).nodes[g.nodes[2].id].errors[0]).toMatch(/needs an image input .* gets 1 axis\. .*before the Flatten/);
  });

  it('Dense on a 4-D tensor is legal, as in Keras, with a warning', () => {
    const g = sequentialGraph([['input', { shape: [5, 5, 64] }], ['dense', { units: 10 }]]);
    const info = inferGraph(g);
    const dense = info.nodes[g.nodes[1].id];
    expect(dense.outputShape).toEqual([null, 5, 5, 10]);
    expect(dense.params.total).toBe(650);
    expect(dense.errors).toEqual([]);
    expect(dense.warnings[0]).toMatch(/A Flatten before it is usually what you want/);
    expect(info.valid).toBe(true);
  });

  it('never throws on nonsense', () => {
    for (const junk of [null, {}, { nodes: 'x' }, { nodes: [null, 1, { id: 'a', kind: 'nope' }], edges: [null] }]) {
      expect(() => inferGraph(junk as unknown as Graph)).not.toThrow();
    }
    const weird = inferGraph({ nodes: [{ id: 'a', kind: 'conv2d', name: 'c', params: null, position: { x: 0, y: 0 } }], edges: [] } as never);
    expect(weird.valid).toBe(false);
  });
});

describe('formatting as Keras prints it', () => {
  it.each([
    [0, '0.00 B'],
    [1023, '1023.00 B'],
    [139304, '136.04 KB'],
    [407080, '397.54 KB'],
    [5 * 1024 * 1024, '5.00 MB'],
  ])('%i bytes -> %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});
