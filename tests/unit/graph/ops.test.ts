// Graph edits as the editor makes them: each returns a new graph, leaves its argument as it was,
// and refuses what would make an impossible network with a reason a person can act on.
import { describe, expect, it } from 'vitest';
import type { Graph, LayerNode } from '@shared/graph/model';
import { addNode, branchingGraph, connect, connectionProblem, edgeId, inputsOf, moveInput, removeEdges, removeNodes, renameNode, sequentialGraph, setTrainable, updateParams } from '@shared/graph/ops';
import { insertIntoEdge, reconnectEdge } from '@shared/graph/rewire';
import { inferGraph } from '@shared/shape/infer';

/** Input -> Flatten -> Dense(10), ids n1..n3, plus a loose Dense "n4" with no connections. */
function stackWithLooseDense(): Graph {
  const g = sequentialGraph([['input', { shape: [28, 28, 1] }], ['flatten'], ['dense', { units: 10, activation: 'softmax' }]]);
  const loose = sequentialGraph([['dense', { units: 4 }, 'extra']]).nodes[0];
  return addNode(g, { ...loose, id: 'n4' } as LayerNode);
}

const frozen = (g: Graph): string => JSON.stringify(g);

describe('connect', () => {
  it('adds one edge with the id the editor derives from its ends, and leaves the old graph alone', () => {
    const g = removeEdges(stackWithLooseDense(), [edgeId('n2', 'n3')]);
    const before = frozen(g);
    const { graph, problem } = connect(g, 'n2', 'n3');
    expect(problem).toBeNull();
    expect(graph.edges.map((e) => e.id)).toEqual([edgeId('n1', 'n2'), edgeId('n2', 'n3')]);
    expect(frozen(g)).toBe(before);
    expect(inferGraph(graph).totals.total).toBe(7850); // 784 * 10 + 10, as Keras counts it
  });

  it('on a problem returns the same graph object and the reason', () => {
    const g = stackWithLooseDense();
    const { graph, problem } = connect(g, 'n3', 'n3');
    expect(graph).toBe(g);
    expect(problem).toBe('A layer cannot feed itself.');
  });
});

describe('connection problems', () => {
  const g = stackWithLooseDense();
  it.each([
    ['n3', 'n1', 'An Input layer takes no connection: it is where data enters.'],
    ['n1', 'n2', 'These layers are already connected.'],
    ['n4', 'n3', 'dense already has an input; these layers take one. Delete that connection first, or join the two with a merge layer (Add, Concatenate).'],
    ['n1', 'missing', 'Both ends must be layers on the canvas.'],
    ['n2', 'n2', 'A layer cannot feed itself.'],
  ])('%s -> %s: %s', (source, target, reason) => {
    expect(connectionProblem(g, source, target)).toBe(reason);
  });

  it('refuses a cycle, naming both layers', () => {
    const open = removeEdges(g, [edgeId('n1', 'n2')]);
    expect(connectionProblem(open, 'n3', 'n2')).toBe('That would make a cycle: flatten already feeds dense.');
  });

  it('accepts a fresh connection to a layer with no input', () => {
    expect(connectionProblem(g, 'n3', 'n4')).toBeNull();
  });
});

describe('rename', () => {
  const g = stackWithLooseDense();

  it('trims and applies a valid name, changing nothing else', () => {
    const { graph, problem } = renameNode(g, 'n3', '  classifier ');
    expect(problem).toBeNull();
    expect(graph.nodes.map((n) => n.name)).toEqual(['input_layer', 'flatten', 'classifier', 'extra']);
    expect(graph.edges).toBe(g.edges);
    expect(g.nodes[2].name).toBe('dense');
  });

  it('refuses a name another layer has, as Keras does', () => {
    expect(renameNode(g, 'n3', 'extra')).toEqual({ graph: g, problem: 'Another layer is already named "extra".' });
  });

  it('keeps its own name without complaint', () => {
    expect(renameNode(g, 'n3', 'dense').problem).toBeNull();
  });

  it.each([['has space'], ['1st'], [''], ['dense!']])('refuses "%s" with the naming rule', (name) => {
    expect(renameNode(g, 'n3', name)).toEqual({ graph: g, problem: 'A layer name starts with a letter or _ and has no spaces.' });
  });

  it('refuses a name longer than the file format keeps', () => {
    expect(renameNode(g, 'n3', 'a'.repeat(201)).problem).toMatch(/^The layer name "a+\.\.\." has 201 characters; names have at most 200\.$/);
  });
});

describe('remove', () => {
  it('removing a layer removes the connections at both its ends', () => {
    const g = stackWithLooseDense();
    const before = frozen(g);
    const after = removeNodes(g, ['n2']);
    expect(after.nodes.map((n) => n.id)).toEqual(['n1', 'n3', 'n4']);
    expect(after.edges).toEqual([]);
    expect(frozen(g)).toBe(before);
    expect(inferGraph(after).valid).toBe(false);
  });

  it('removing a connection keeps both layers', () => {
    const g = stackWithLooseDense();
    const after = removeEdges(g, [edgeId('n2', 'n3')]);
    expect(after.nodes).toBe(g.nodes);
    expect(after.edges.map((e) => e.id)).toEqual([edgeId('n1', 'n2')]);
  });

  it('ids that are not in the graph change nothing', () => {
    const g = stackWithLooseDense();
    expect(removeNodes(g, ['nope'])).toEqual(g);
    expect(removeEdges(g, ['nope'])).toEqual(g);
  });
});

describe('updateParams', () => {
  it('merges into one layer only; the shapes follow', () => {
    const g = stackWithLooseDense();
    const after = updateParams(g, 'n3', { units: 5 });
    expect(after.nodes[2].params).toMatchObject({ units: 5, activation: 'softmax' });
    expect(g.nodes[2].params).toMatchObject({ units: 10 });
    expect(inferGraph(removeNodes(after, ['n4'])).nodes['n3'].outputShape).toEqual([null, 5]);
  });
});

describe('merge inputs in order', () => {
  // Input -> a: Conv2D(4) and b: Conv2D(6), both into a Concatenate: (None, 8, 8, 10) either way,
  // but which channels come first follows the order of the inputs.
  const g = branchingGraph([
    ['input', { shape: [8, 8, 1] }],
    ['conv2d', { filters: 4, padding: 'same' }, 'a'],
    [['conv2d', { filters: 6, padding: 'same' }, 'b'], [0]],
    [['concatenate'], [1, 2]],
  ]);
  const inputNames = (graph: Graph): string[] => inputsOf(graph).get('n4')!.map((id) => graph.nodes.find((n) => n.id === id)!.name);

  it('moveInput swaps an input with its neighbour and nothing else', () => {
    const before = frozen(g);
    const moved = moveInput(g, edgeId('n3', 'n4'), -1);
    expect(inputNames(moved)).toEqual(['b', 'a']);
    expect(frozen(g)).toBe(before);
    expect(inferGraph(moved).nodes['n4'].outputShape).toEqual([null, 8, 8, 10]);
    expect(moveInput(moved, edgeId('n3', 'n4'), -1)).toBe(moved); // already first
    expect(inputNames(moveInput(moved, edgeId('n3', 'n4'), 1))).toEqual(['a', 'b']);
  });

  it('reconnecting or inserting a layer into an input keeps its place', () => {
    const inserted = insertIntoEdge(g, edgeId('n2', 'n4'), 'relu');
    expect(inserted.problem).toBeNull();
    expect(inputNames(inserted.graph)).toEqual(['re_lu', 'b']);
    const reconnected = reconnectEdge(g, edgeId('n2', 'n4'), 'n1', 'n4');
    expect(reconnected.problem).toBeNull();
    expect(inputNames(reconnected.graph)).toEqual(['input_layer', 'b']);
  });
});

describe('setTrainable', () => {
  it('freezes and unfreezes one layer; the counts move between trainable and non-trainable as Keras counts them', () => {
    const g = sequentialGraph([['input', { shape: [20] }], ['dense', { units: 8 }], ['dense', { units: 2 }]]);
    const off = setTrainable(g, 'n2', false);
    expect(off.nodes[1].trainable).toBe(false);
    // Keras case "frozen-dense" (tests/fixtures/keras/cases.json): 168 non-trainable, 18 trainable.
    expect(inferGraph(off).totals).toMatchObject({ total: 186, trainable: 18, nonTrainable: 168 });
    const on = setTrainable(off, 'n2', true);
    expect('trainable' in on.nodes[1]).toBe(false);
    expect(inferGraph(on).totals).toMatchObject({ trainable: 186, nonTrainable: 0 });
  });
});
