// Strings a user (or a file) chooses: layer ids and names, Keras layer references. None may reach
// Object.prototype, drop a layer silently, or make a network that saves but does not open again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sequentialGraph } from '@shared/graph/ops';
import type { Graph } from '@shared/graph/model';
import { renameNode } from '@shared/graph/ops';
import { importKerasJson } from '@shared/interop';
import { createDocument, parseDocument, serializeDocument } from '@shared/serialization';
import { inferGraph } from '@shared/shape/infer';
import { receptiveFields } from '@shared/shape/receptiveField';
import { memoryProblem } from '@shared/training/memory';

const withIds = (graph: Graph, ids: string[]): Graph => {
  const rename = new Map(graph.nodes.map((n, i) => [n.id, ids[i]]));
  return {
    nodes: graph.nodes.map((n) => ({ ...n, id: rename.get(n.id)! })),
    edges: graph.edges.map((e) => ({ ...e, source: rename.get(e.source)!, target: rename.get(e.target)! })),
  };
};

describe('layer ids are plain keys', () => {
  for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    it(`a layer with the id "${id}" is checked like any other`, () => {
      // A 9x9 kernel on a 4x4 input is impossible whatever the layer is called.
      const graph = withIds(sequentialGraph([['input', { shape: [4, 4, 1] }], ['conv2d', { filters: 2, kernelSize: [9, 9] }], ['flatten'], ['dense', { units: 2 }]]), ['in', id, 'f', 'd']);
      const info = inferGraph(graph);
      expect(info.valid).toBe(false);
      expect(info.nodes[id].errors.join(' ')).toMatch(/9/);
      expect(Object.keys(info.nodes)).toEqual(['in', id, 'f', 'd']);
      expect(Object.keys(receptiveFields(graph, info))).toEqual(info.order);
    });
  }

  it('the memory check counts a huge layer whatever its id', () => {
    const graph = withIds(sequentialGraph([['input', { shape: [1000] }], ['dense', { units: 200000 }], ['dense', { units: 10 }]]), ['in', '__proto__', 'out']);
    const info = inferGraph(graph);
    expect(info.valid).toBe(true);
    expect(info.totals.total).toBe(1000 * 200000 + 200000 + 200000 * 10 + 10);
    expect(memoryProblem(info, 32)).toMatch(/needs about/);
  });
});

const functional = (layers: { name: string; cls?: string; from?: string[]; config?: object }[]): string =>
  JSON.stringify({
    class_name: 'Functional',
    config: {
      name: 'f',
      layers: layers.map((l) => ({
        class_name: l.cls ?? 'Dense',
        name: l.name,
        config: { name: l.name, ...(l.cls === 'InputLayer' ? { batch_shape: [null, 4] } : { units: 2, activation: 'relu' }), ...l.config },
        inbound_nodes: (l.from ?? []).map((p) => ({ args: [{ class_name: '__keras_tensor__', config: { keras_history: [p, 0, 0] } }] })),
      })),
    },
  });

describe('Keras Functional import refuses what it cannot represent, saying why', () => {
  it('a cycle unconnected to the input', () => {
    const r = importKerasJson(functional([{ name: 'in', cls: 'InputLayer' }, { name: 'a', from: ['in'] }, { name: 'b', from: ['c'] }, { name: 'c', from: ['b'] }]));
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/"b", "c" feed each other in a cycle/) });
  });
  it('a loop back into the input', () => {
    const r = importKerasJson(functional([{ name: 'in', cls: 'InputLayer', from: ['b'] }, { name: 'a', from: ['in'] }, { name: 'b', from: ['a'] }]));
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/input layer "in" takes a connection from "b"/) });
  });
  it('a self-loop', () => {
    const r = importKerasJson(functional([{ name: 'in', cls: 'InputLayer' }, { name: 'a', from: ['in'] }, { name: 'b', from: ['b'] }]));
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/"b" takes its own output/) });
  });
  it('a missing inbound layer', () => {
    const r = importKerasJson(functional([{ name: 'in', cls: 'InputLayer' }, { name: 'a', from: ['in'] }, { name: 'b', from: ['ghost'] }]));
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/"b" takes its input from "ghost", which the model does not have/) });
  });
  it('a layer not connected to anything', () => {
    const r = importKerasJson(functional([{ name: 'in', cls: 'InputLayer' }, { name: 'a', from: ['in'] }, { name: 'lonely' }]));
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/"lonely" are not connected to the input/) });
  });
  it('an activation named after an Object.prototype member', () => {
    const r = importKerasJson(functional([{ name: 'in', cls: 'InputLayer' }, { name: 'a', from: ['in'], config: { activation: 'constructor' } }]));
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/activation "constructor", which NetBuilder does not have/) });
  });
});

const sequential = (names: string[]): string =>
  JSON.stringify({ class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'InputLayer', config: { name: 'input', batch_shape: [null, 4] } }, ...names.map((name) => ({ class_name: 'Dense', config: { name, units: 2 } }))] } });

describe('one name rule for the file format, the importer and the editor', () => {
  it('an imported network saves and opens again', () => {
    const r = importKerasJson(readFileSync(join(__dirname, '../../fixtures/keras/bn-cnn.keras3-functional.json'), 'utf8'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const reopened = parseDocument(serializeDocument(createDocument(r.value.graph, r.value.name)));
    expect(reopened.ok).toBe(true);
  });
  it('names the file format refuses are refused at import, not after saving', () => {
    expect(importKerasJson(sequential(['d'.repeat(201)]))).toMatchObject({ ok: false, error: expect.stringMatching(/201 characters; names have at most 200/) });
    expect(importKerasJson(sequential(['same', 'same']))).toMatchObject({ ok: false, error: expect.stringMatching(/two layers are named "same"/) });
    // The editor's renaming follows the same rule.
    const graph = sequentialGraph([['input', { shape: [4] }], ['dense']]);
    expect(renameNode(graph, graph.nodes[1].id, 'x'.repeat(201)).problem).toMatch(/at most 200/);
  });
  it('unnamed layers never take a name a later layer has', () => {
    const graph = sequentialGraph([['input', { shape: [4] }], ['dense'], ['dense', {}, 'dense']]);
    expect(new Set(graph.nodes.map((n) => n.name)).size).toBe(3);
    expect(parseDocument(serializeDocument(createDocument(graph))).ok).toBe(true);
  });
});

describe('large Keras files', () => {
  it('a 20,000-layer file is refused at once with the limit', () => {
    const text = sequential(Array.from({ length: 20000 }, (_, i) => `d${i}`));
    const start = performance.now();
    const r = importKerasJson(text);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/20,001 layers; NetBuilder opens networks of at most 5,000/) });
  });
  it('a 4,999-layer file imports in well under a second per thousand layers', () => {
    const text = sequential(Array.from({ length: 4998 }, (_, i) => `d${i}`));
    const start = performance.now();
    const r = importKerasJson(text);
    const ms = performance.now() - start;
    expect(r.ok).toBe(true);
    expect(ms).toBeLessThan(2500);
    if (r.ok) expect(r.value.graph.edges.length).toBe(4998);
  });
});
