import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { examples } from '@shared/examples';
import { createDocument, parseDocument, serializeDocument } from '@shared/serialization';

const cnn = examples.find((e) => e.id === 'mnist-cnn')!.graph;

describe('network files', () => {
  it('round-trip every example exactly', () => {
    for (const e of examples) {
      const doc = createDocument(e.graph, e.title, { weights: { any: 'thing' }, runs: [{ id: 1 }] });
      const back = parseDocument(serializeDocument(doc));
      expect(back).toEqual({ ok: true, value: doc });
    }
  });

  it.each([
    ['not JSON', '{"format": "netbuilder",', /not valid JSON/],
    ['JSON but not an object', '[1, 2]', /expected a JSON object/],
    ['another format', '{"format": "onnx"}', /not a NetBuilder network file.*Import/],
    ['a newer version', '{"format": "netbuilder", "version": 9, "graph": {"nodes": [], "edges": []}}', /newer NetBuilder \(file version 9/],
    ['no version', '{"format": "netbuilder", "graph": {"nodes": [], "edges": []}}', /no valid "version"/],
    ['a prototype-pollution key', '{"format": "netbuilder", "version": 1, "__proto__": {"polluted": true}, "graph": {"nodes": [], "edges": []}}', /"__proto__", which is not allowed/],
    ['an unknown layer kind', '{"format": "netbuilder", "version": 1, "graph": {"nodes": [{"id": "a", "kind": "lstm", "name": "x", "params": {}, "position": {"x": 0, "y": 0}}], "edges": []}}', /at graph\.nodes\.0\.kind/],
  ])('refuse %s with a clear message', (_what, text, message) => {
    const r = parseDocument(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuse 1e9 filters, strings for numbers, and edges to nowhere, saying where', () => {
    const doc = JSON.parse(serializeDocument(createDocument(cnn)));
    doc.graph.nodes[1].params.filters = 1e9;
    expect(parseDocument(JSON.stringify(doc))).toMatchObject({ ok: false, error: expect.stringMatching(/graph\.nodes\.1\.params\.filters/) });
    doc.graph.nodes[1].params.filters = '32';
    expect(parseDocument(JSON.stringify(doc))).toMatchObject({ ok: false, error: expect.stringMatching(/filters/) });
    doc.graph.nodes[1].params.filters = 32;
    doc.graph.edges.push({ id: 'x', source: 'nowhere', target: doc.graph.nodes[1].id });
    expect(parseDocument(JSON.stringify(doc))).toMatchObject({ ok: false, error: expect.stringMatching(/refers to a layer that is not in the file/) });
  });

  it('refuse deep nesting and huge files without crashing', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(parseDocument(deep).ok).toBe(false);
    const many = JSON.parse(serializeDocument(createDocument(cnn)));
    many.graph.nodes = Array.from({ length: 6000 }, (_, i) => ({ ...many.graph.nodes[5], id: `n${i}`, name: `f${i}` }));
    expect(parseDocument(JSON.stringify(many))).toMatchObject({ ok: false, error: expect.stringMatching(/graph\.nodes: .*5000/) });
  });

  it('never throw on random text or random JSON', () => {
    fc.assert(fc.property(fc.string(), (s) => typeof parseDocument(s).ok === 'boolean'), { numRuns: 1000 });
    fc.assert(fc.property(fc.jsonValue(), (v) => typeof parseDocument(JSON.stringify(v)).ok === 'boolean'), { numRuns: 1000 });
    const good = serializeDocument(createDocument(cnn));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length - 2 }), (cut) => parseDocument(good.slice(0, cut)).ok === false),
      { numRuns: 300 },
    );
  });
});
