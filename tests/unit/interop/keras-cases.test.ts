import { describe, expect, it } from 'vitest';
import { toKerasJson } from '@shared/interop';
import { inferGraph } from '@shared/shape/infer';
import { buildSummary } from '@shared/summary';
import { importCase as imported, kerasCases as cases } from '../helpers/kerasCases';

describe('Keras models import with the numbers Keras prints', () => {
  it.each(cases)('%s', (_name, c) => {
    const graph = imported(c);
    const info = inferGraph(graph);
    expect(info.valid, JSON.stringify([info.graphErrors, Object.values(info.nodes).flatMap((n) => n.errors)])).toBe(true);
    const summary = buildSummary(graph, info);
    // A Functional model that is a chain is drawn, summarised and exported as a Sequential one:
    // the same rows without the InputLayer and the "Connected to" column.
    const expected = summary.functional ? c.layers : c.layers.filter((l) => l.class !== 'InputLayer').map((l) => ({ ...l, connectedTo: null }));
    if (summary.functional) expect(c.functional).toBe(true);
    expect(
      summary.rows.map((r) => ({ name: r.name, class: r.type, shape: r.outputShape, params: r.params, trainable: r.trainable, nonTrainable: r.nonTrainable, connectedTo: summary.functional ? r.connectedTo : null })),
    ).toEqual(expected);
    expect(summary).toMatchObject({ totalParams: c.totalParams, trainableParams: c.trainableParams, nonTrainableParams: c.nonTrainableParams });
  });
});

describe('app -> Keras JSON -> app is identical', () => {
  it.each(cases)('%s', (_name, c) => {
    const graph = imported(c);
    const json = toKerasJson(graph);
    if (!json.ok) throw new Error(json.error);
    const back = imported({ ...c, json: JSON.parse(json.value) });
    const strip = (g: typeof graph) => ({ nodes: g.nodes.map((n) => ({ ...n, position: undefined })), edges: g.edges });
    expect(strip(back)).toEqual(strip(graph));
  });
});
