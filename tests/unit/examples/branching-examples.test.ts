import { describe, expect, it } from 'vitest';
import { getExample } from '@shared/examples';
import { NODE_H, NODE_W, cardsCrossed } from '@shared/graph/layout';
import { inferGraph } from '@shared/shape/infer';
import { buildSummary } from '@shared/summary';
import { kerasCases } from '../helpers/kerasCases';

// The gallery's branching networks against the same models built in real Keras
// (tests/keras/expected.py, cases "example-residual" and "example-inception").
const pairs = [
  ['mnist-residual', 'example-residual'],
  ['mnist-inception', 'example-inception'],
] as const;

describe.each(pairs)('the %s example prints what Keras prints (%s)', (id, caseName) => {
  const graph = getExample(id)!.graph;
  const keras = kerasCases.find(([name]) => name === caseName)![1];

  it('layer by layer: shape, parameters and "Connected to"', () => {
    const info = inferGraph(graph);
    expect(info.valid).toBe(true);
    const summary = buildSummary(graph, info);
    expect(summary.functional).toBe(true);
    const byName = <T extends { name: string }>(rows: T[]) => [...rows].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName(summary.rows.map((r) => ({ name: r.name, class: r.type, shape: r.outputShape, params: r.params, trainable: r.trainable, nonTrainable: r.nonTrainable, connectedTo: r.connectedTo })))).toEqual(
      byName(keras.layers),
    );
    expect(summary).toMatchObject({ totalParams: keras.totalParams, trainableParams: keras.trainableParams, nonTrainableParams: keras.nonTrainableParams });
  });

  it('the description states the count Keras gives', () => {
    expect(getExample(id)!.description).toContain(`${keras.totalParams.toLocaleString('en-US')} parameters`);
  });

  it('is laid out with no connection drawn across a card', () => {
    expect(cardsCrossed(graph)).toBe(0);
  });

  it('is laid out with no two cards overlapping', () => {
    const boxes = graph.nodes.map((n) => n.position);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const apart = Math.abs(boxes[i].x - boxes[j].x) >= NODE_W || Math.abs(boxes[i].y - boxes[j].y) >= NODE_H;
        expect(apart, `${graph.nodes[i].name} and ${graph.nodes[j].name}`).toBe(true);
      }
    }
  });
});
