// Shape inference over the whole graph, run on every edit: each node's output shape, parameter
// counts and the reasons it has none. Never throws: any graph a user can draw gets an answer.
import type { Graph, LayerNode, Shape } from '../graph/model';
import { userKeyed } from '../dict';
import { formatCount, formatShape } from '../format';
import { anySpec, getSpec, isLayerKind } from '../layers/registry';
import { paramErrors as specParamErrors, type WeightShape } from '../layers/types';
import type { GraphInfo, NodeInfo, ParamCounts } from './types';

export function inferGraph(graph: Graph): GraphInfo {
  try {
    return inferUnsafe(graph);
  } catch (err) {
    // A bug here must not take the editor down; say so on the graph instead.
    const message = err instanceof Error ? err.message : String(err);
    return emptyInfo([`Internal error while checking the network: ${message}`]);
  }
}

function emptyInfo(graphErrors: string[]): GraphInfo {
  return {
    nodes: userKeyed<NodeInfo>(),
    order: [],
    graphErrors,
    totals: { total: 0, trainable: 0, nonTrainable: 0, bytes: 0 },
    inputId: null,
    outputId: null,
    valid: false,
  };
}

const noParams = (): ParamCounts => ({ total: 0, trainable: 0, nonTrainable: 0 });

function inferUnsafe(graph: Graph): GraphInfo {
  const nodes = Array.isArray(graph?.nodes) ? graph.nodes.filter((n) => n && typeof n.id === 'string') : [];
  const byId = new Map<string, LayerNode>();
  const infos = userKeyed<NodeInfo>();
  const graphErrors: string[] = [];

  for (const node of nodes) {
    if (byId.has(node.id)) {
      graphErrors.push(`Two layers share the id "${node.id}"; the second one is ignored.`);
      continue;
    }
    byId.set(node.id, node);
    infos[node.id] = {
      id: node.id,
      name: typeof node.name === 'string' ? node.name : node.id,
      kind: node.kind,
      inputShapes: [],
      outputShape: null,
      params: noParams(),
      formula: '',
      shapeFormula: '',
      errors: [],
      warnings: [],
    };
  }

  // Incoming and outgoing edges, keeping only edges between known nodes.
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const id of byId.keys()) {
    incoming.set(id, []);
    outgoing.set(id, []);
  }
  for (const edge of Array.isArray(graph?.edges) ? graph.edges : []) {
    if (!edge || !byId.has(edge.source) || !byId.has(edge.target)) continue;
    incoming.get(edge.target)!.push(edge.source);
    outgoing.get(edge.source)!.push(edge.target);
  }

  const nameOf = (id: string): string => infos[id].name;
  const fail = (id: string, message: string): void => {
    infos[id].errors.push(message);
  };

  // Which kinds are known at all (a file from a newer version may have others).
  for (const [id, node] of byId) {
    if (!isLayerKind(node.kind)) fail(id, `${nameOf(id)}: unknown layer type "${String(node.kind)}".`);
  }

  // Inputs.
  const inputs = [...byId.values()].filter((n) => n.kind === 'input');
  if (inputs.length === 0 && byId.size > 0) graphErrors.push('The network has no Input layer: drag an Input onto the canvas and connect it to the first layer.');
  if (inputs.length > 1) {
    for (const extra of inputs.slice(1)) {
      fail(extra.id, `${nameOf(extra.id)}: the network has more than one Input (${inputs.map((n) => nameOf(n.id)).join(', ')}). Delete all but one.`);
    }
  }

  // Structure: each kind takes as many inputs as it says (none into an Input, two or more into a merge).
  for (const [id, node] of byId) {
    if (!isLayerKind(node.kind)) continue;
    const from = incoming.get(id)!;
    const { min, max } = getSpec(node.kind).inputs;
    if (max === 0 && from.length > 0) {
      fail(id, `${nameOf(id)}: an Input layer cannot receive a connection (from ${from.map(nameOf).join(', ')}). Remove that connection.`);
    } else if (from.length > max) {
      fail(id, `${nameOf(id)} has ${from.length} inputs (${from.map(nameOf).join(', ')}) but takes one. Remove all but one of these connections, or join them first with a merge layer (Add, Concatenate).`);
    } else if (from.length > 0 && from.length < min) {
      fail(id, `${nameOf(id)} merges ${min} or more inputs but has ${from.length} (${from.map(nameOf).join(', ')}). Connect another branch into it.`);
    }
  }

  // Cycles: every node on one gets an error naming the loop.
  const order = topologicalOrder([...byId.keys()], outgoing, incoming);
  const ordered = new Set(order);
  const unordered = [...byId.keys()].filter((id) => !ordered.has(id));
  const onCycle = new Set<string>();
  for (const cycle of findCycles(unordered, outgoing)) {
    const members = cycle.map(nameOf).join(', ');
    for (const id of cycle) {
      onCycle.add(id);
      fail(id, `${nameOf(id)} is on a cycle (${members}): data would flow in a circle. Remove the connection that loops back.`);
    }
  }
  for (const id of unordered) {
    if (!onCycle.has(id)) fail(id, `${nameOf(id)} gets its input from a cycle; remove the cycle above it first.`);
  }

  // Shapes and parameters, in topological order.
  for (const id of order) {
    const node = byId.get(id)!;
    const info = infos[id];
    if (!isLayerKind(node.kind)) continue;
    const spec = anySpec(node.kind);
    const paramErrors = safe(() => specParamErrors(spec, node.params), ['Its parameters are malformed.']);
    for (const e of paramErrors) fail(id, `${info.name}: ${e}`);

    let inputShapes: Shape[] = [];
    if (node.kind !== 'input') {
      const from = incoming.get(id)!;
      if (from.length === 0) {
        fail(id, `${info.name} is not connected to the Input: drag a connection into it from the layer before.`);
        continue;
      }
      info.inputShapes = from.map((s) => infos[s].outputShape).filter((s): s is Shape => s !== null);
      if (info.inputShapes.length < from.length || info.errors.length > 0) continue; // the cause is reported where it is
      inputShapes = info.inputShapes;
    } else if (info.errors.length > 0) continue;
    if (paramErrors.length > 0) continue;
    const inputShape = inputShapes[0] ?? [];

    const result = safe(() => spec.outputShape(inputShape, node.params, inputShapes), { error: 'Its parameters are malformed.' });
    if ('error' in result) {
      fail(id, `${info.name}: ${result.error}`);
      continue;
    }
    info.outputShape = result.shape;
    info.shapeFormula = result.formula;
    const weights = safe(() => spec.weightShapes(inputShape, node.params, inputShapes), [] as WeightShape[]);
    // A frozen layer's weights all count as non-trainable, as Keras prints them.
    info.params = countWeights(node.trainable === false ? weights.map((w) => ({ ...w, trainable: false })) : weights);
    if (info.params.total > 0) {
      info.formula = spec.countFormula
        ? safe(() => spec.countFormula!(inputShape, node.params), '')
        : weights.map((w) => w.shape.join('*')).join(' + ') + ` = ${formatCount(info.params.total)}`;
      if (node.trainable === false) info.formula += ' (frozen: all non-trainable)';
    }
    if (node.kind === 'dense' && inputShape.length > 2) {
      info.warnings.push(
        `${info.name} gets ${formatShape(inputShape)}: Dense acts on the last axis only, giving ${formatShape(result.shape)}. A Flatten before it is usually what you want.`,
      );
    }
  }

  // Nodes no path from the Input reaches (their chain starts elsewhere) have no shape and said why
  // at the head of their chain; the output is the single layer nothing else reads from.
  const reachable = reachableFrom(inputs.slice(0, 1).map((n) => n.id), outgoing);
  const sinks = [...byId.keys()].filter((id) => outgoing.get(id)!.length === 0 && reachable.has(id));
  let outputId: string | null = null;
  if (inputs.length > 0) {
    if (sinks.length === 0 && byId.size > 0) {
      graphErrors.push('The network has no output: every layer feeds another (a cycle). Remove the connection that loops back.');
    } else if (sinks.length > 1) {
      graphErrors.push(
        `The network has ${sinks.length} outputs (${sinks.map(nameOf).join(', ')}); it needs exactly one. Connect or delete the extra branches.`,
      );
    } else if (sinks.length === 1) {
      outputId = sinks[0];
      if (byId.get(outputId)?.kind === 'input') {
        graphErrors.push('The network has only an Input: add layers after it (e.g. Flatten and Dense).');
        outputId = null;
      }
    }
  }

  const totals = { ...noParams(), bytes: 0 };
  for (const info of Object.values(infos)) {
    totals.total += info.params.total;
    totals.trainable += info.params.trainable;
    totals.nonTrainable += info.params.nonTrainable;
  }
  totals.bytes = totals.total * 4;

  const allShaped = Object.values(infos).every((i) => i.outputShape !== null && i.errors.length === 0);
  return {
    nodes: infos,
    order,
    graphErrors,
    totals,
    inputId: inputs[0]?.id ?? null,
    outputId,
    valid: byId.size > 0 && allShaped && graphErrors.length === 0 && outputId !== null,
  };
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

function countWeights(weights: WeightShape[]): ParamCounts {
  const counts = noParams();
  for (const w of weights) {
    const size = w.shape.reduce((a, b) => a * b, 1);
    counts.total += size;
    if (w.trainable) counts.trainable += size;
    else counts.nonTrainable += size;
  }
  return counts;
}

/**
 * Kahn's algorithm taking, of the layers ready, the first in the graph's node order: a graph whose
 * nodes are already in a topological order (a Keras file's, an example's) keeps that order, so
 * what is exported imports back identical. Nodes on or after a cycle are left out.
 */
function topologicalOrder(ids: string[], outgoing: Map<string, string[]>, incoming: Map<string, string[]>): string[] {
  const index = new Map(ids.map((id, i) => [id, i]));
  const indegree = new Map(ids.map((id) => [id, incoming.get(id)!.length]));
  const ready = new MinHeap<string>((a, b) => index.get(a)! - index.get(b)!);
  for (const id of ids) if (indegree.get(id) === 0) ready.push(id);
  const order: string[] = [];
  for (let id = ready.pop(); id !== undefined; id = ready.pop()) {
    order.push(id);
    for (const next of outgoing.get(id)!) {
      const d = indegree.get(next)! - 1;
      indegree.set(next, d);
      if (d === 0) ready.push(next);
    }
  }
  return order;
}

/** A binary heap: the smallest item by `compare` comes out first. */
class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly compare: (a: T, b: T) => number) {}

  push(item: T): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (this.compare(a[i], a[parent]) >= 0) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.compare(a[l], a[m]) < 0) m = l;
        if (r < a.length && this.compare(a[r], a[m]) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

/** Strongly connected components (Tarjan, iterative) among the given nodes that form cycles. */
function findCycles(ids: string[], outgoing: Map<string, string[]>): string[][] {
  const within = new Set(ids);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const targets = outgoing.get(frame.id)!.filter((t) => within.has(t));
      if (frame.next < targets.length) {
        const t = targets[frame.next++];
        if (!index.has(t)) {
          index.set(t, counter);
          low.set(t, counter++);
          stack.push(t);
          onStack.add(t);
          work.push({ id: t, next: 0 });
        } else if (onStack.has(t)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(t)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].id;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.id)!));
      }
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        const selfLoop = component.length === 1 && outgoing.get(member)!.includes(member);
        if (component.length > 1 || selfLoop) cycles.push(component.reverse());
      }
    }
  }
  return cycles;
}

/** The nodes a walk along `outgoing` reaches from `starts`, the starts included. */
export function reachableFrom(starts: string[], outgoing: Map<string, string[]>): Set<string> {
  const seen = new Set(starts);
  const queue = [...starts];
  for (let i = 0; i < queue.length; i++) {
    for (const next of outgoing.get(queue[i]) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

export { formatBytes, formatCount, formatShape, formatParamsWithBytes } from '../format';
