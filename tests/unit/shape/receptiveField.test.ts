import { describe, expect, it } from 'vitest';
import { comparisonNetworks } from '@shared/examples/comparisons';
import { examples } from '@shared/examples';
import { inferGraph } from '@shared/shape/infer';
import { receptiveFields } from '@shared/shape/receptiveField';

const last = (id: string) => {
  const g = comparisonNetworks.find((n) => n.id === id)!.graph;
  const info = inferGraph(g);
  return { rf: receptiveFields(g, info)[g.nodes[g.nodes.length - 1].id], info, node: info.nodes[g.nodes[g.nodes.length - 1].id] };
};

describe('receptive fields and the comparisons learners make', () => {
  it('one 8x8 kernel sees 8x8 pixels with 65 params; four stacked 2x2 see 5x5 with 20', () => {
    const one = last('one-8x8');
    const four = last('four-2x2');
    expect(one.rf.size).toEqual([8, 8]);
    expect(four.rf.size).toEqual([5, 5]);
    expect(one.info.totals.total).toBe(65);
    expect(four.info.totals.total).toBe(20);
    expect(one.node.outputShape).toEqual([null, 25, 25, 1]);
    expect(four.node.outputShape).toEqual([null, 28, 28, 1]);
  });

  it('valid vs same on a 6x6 input with a 3x3 filter: 4x4 vs 6x6, the same receptive field', () => {
    expect(last('valid-6x6').node.outputShape).toEqual([null, 4, 4, 1]);
    expect(last('same-6x6').node.outputShape).toEqual([null, 6, 6, 1]);
    expect(last('valid-6x6').rf.size).toEqual(last('same-6x6').rf.size);
  });

  it('the DESIGN.md CNN: 3, 4, 8, 10 pixels, then no spatial axes', () => {
    const g = examples.find((e) => e.id === 'mnist-cnn')!.graph;
    const rf = receptiveFields(g, inferGraph(g));
    expect(g.nodes.slice(1).map((n) => rf[n.id].size?.[0] ?? null)).toEqual([3, 4, 8, 10, null, null, null]);
  });
});
