import { parseArgs } from 'node:util';
import { explainDense, explainUnit, inputOf, type UnitExplanation } from '@shared/explain';
import { loadDataset, testImage } from '../../engine/data/datasets';
import { computeActivations } from '../../engine/maps/activations';
import { networkWithWeights } from './networkWithWeights';
import { print, printError } from '../terminal';

export const EXPLAIN_USAGE = 'explain <file> --image <test index> --layer <name> [--at row,col,channel] [--weights <file>] [--json]  one layer\'s numbers for one digit';

const round = (v: number) => Number(v.toPrecision(7));
const fixed = (v: number) => v.toFixed(4);

/** The JSON of one unit: the fields a learner checks by hand. */
function unitJson(e: UnitExplanation): Record<string, unknown> {
  switch (e.kind) {
    case 'conv2d': {
      const u = e.unit;
      return { at: { row: u.row, col: u.col, channel: u.channel }, window: { top: u.top, left: u.left }, padding: u.padding, inputPatch: u.inputPatch, kernel: u.kernel, products: u.products, bias: u.bias, sum: u.sum, output: u.output };
    }
    case 'pooling': {
      const u = e.unit;
      return { at: { row: u.row, col: u.col, channel: u.channel }, window: { top: u.top, left: u.left }, padding: u.padding, mode: u.mode, values: u.window, ...(u.mode === 'max' ? { argmax: u.argmax } : { sum: u.sum, count: u.count }), output: u.output };
    }
    case 'dense':
      return { unit: e.unit.unit, inputs: e.unit.inputs, weights: e.unit.weights, products: e.unit.products, bias: e.unit.bias, sum: e.unit.sum, output: e.output };
  }
}

function unitText(e: UnitExplanation): string {
  if (e.kind === 'conv2d') {
    const u = e.unit;
    const terms = u.products.flat(2).map(fixed);
    return [
      `Unit (${u.row}, ${u.col}) of filter ${u.channel}: kernel's top-left on input (${u.top}, ${u.left}); padding top ${u.padding.top}, left ${u.padding.left}.`,
      `input patch [kh][kw][cin]: ${JSON.stringify(u.inputPatch.map((r) => r.map((c) => c.map(round))))}`,
      `kernel      [kh][kw][cin]: ${JSON.stringify(u.kernel.map((r) => r.map((c) => c.map(round))))}`,
      `products: ${terms.join(' + ')} = ${fixed(u.dot)}`,
      `sum + bias: ${fixed(u.dot)} + ${fixed(u.bias)} = ${fixed(u.sum)};  output ${fixed(u.output)}`,
    ].join('\n');
  }
  if (e.kind === 'pooling') {
    const u = e.unit;
    return `Unit (${u.row}, ${u.col}), channel ${u.channel}: window ${JSON.stringify(u.window.map((r) => r.map((v) => (v === null ? 'pad' : round(v)))))} -> ${u.mode} ${fixed(u.output)}`;
  }
  return `Unit ${e.unit.unit}: ${e.unit.inputs.length} inputs x weights = ${fixed(e.unit.dot)}; + bias ${fixed(e.unit.bias)} = ${fixed(e.unit.sum)}; output ${fixed(e.output)}`;
}

/** `netbuilder explain`: the numbers behind one unit (or a Dense layer's logits and loss) for one test digit. */
export async function explainCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { image: { type: 'string', default: '0' }, layer: { type: 'string' }, at: { type: 'string' }, weights: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const index = Number(values.image);
  const at = values.at?.split(',').map(Number);
  const badAt = at !== undefined && (at.length < 1 || at.length > 3 || at.some((v) => !Number.isInteger(v) || v < 0));
  if (positionals.length !== 1 || !values.layer || !Number.isInteger(index) || index < 0 || index > 9999 || badAt) {
    printError(`Usage: netbuilder ${EXPLAIN_USAGE}\n  --at is row,col,channel for Conv2D and pooling layers, the unit for a Dense layer.`);
    return 2;
  }
  const { graph, built, trained } = await networkWithWeights(positionals[0], values.weights);
  try {
    const ds = loadDataset({ kind: 'mnist' });
    const size = built.inputShape.reduce((a, b) => a * b, 1);
    if (size !== 784) throw new Error(`explain uses MNIST digits (28x28x1); this network's Input is (${built.inputShape.join(', ')}).`);
    const image = { shape: [28, 28, 1], data: testImage(ds, index) };
    const label = ds.testLabels[index];
    const { layers } = computeActivations(graph, built, image.data);
    const i = layers.findIndex((l) => l.name === values.layer);
    if (i < 0) {
      printError(`No layer named "${values.layer}". Layers: ${layers.map((l) => l.name).join(', ')}.`);
      return 2;
    }
    const node = graph.nodes.find((n) => n.id === layers[i].id)!;
    const input = inputOf(layers, image, i);
    const head = { image: index, label, weights: trained ? 'trained' : 'random', layer: node.name, kind: node.kind };
    if (at) {
      const position = at.length === 1 ? { row: 0, col: 0, channel: at[0] } : { row: at[0], col: at[1] ?? 0, channel: at[2] ?? 0 };
      if (node.kind !== 'dense' && at.length !== 3) throw new Error(`--at for a ${node.kind} layer is row,col,channel.`);
      const e = explainUnit(node, layers[i], input, position);
      print(values.json ? JSON.stringify({ ...head, ...unitJson(e) }) : `${node.name} on test image ${index} (label ${label}), ${head.weights} weights.\n${unitText(e)}`);
      return 0;
    }
    if (node.kind !== 'dense') throw new Error(`${node.name} is a ${node.kind} layer: give a unit with --at row,col,channel (a Dense layer explains its logits without --at).`);
    const d = explainDense(node, layers[i], input, label);
    const json = {
      ...head,
      logits: d.logits,
      ...(d.softmax ? { exponentials: d.softmax.exps, expShift: d.softmax.shift, sum: d.softmax.sum, probabilities: d.softmax.probabilities } : { outputs: d.outputs }),
      ...(d.losses ? { oneHot: d.losses.oneHot, loss: d.losses.categorical, losses: { categorical: d.losses.categorical, sparseCategorical: d.losses.sparseCategorical, binary: d.losses.binary } } : {}),
    };
    if (values.json) print(JSON.stringify(json));
    else {
      print(`${node.name} on test image ${index} (label ${label}), ${head.weights} weights.`);
      print(`logits:        ${d.logits.map(fixed).join('  ')}`);
      if (d.softmax) {
        print(`exp(logit${d.softmax.shift ? ` - ${fixed(d.softmax.shift)}` : ''}): ${d.softmax.exps.map((v) => v.toPrecision(4)).join('  ')}  (sum ${d.softmax.sum.toPrecision(6)})`);
        print(`probabilities: ${d.softmax.probabilities.map(fixed).join('  ')}`);
      }
      if (d.losses) print(`loss for label ${label}: -log(${fixed(d.losses.trueProbability)}) = ${fixed(d.losses.categorical)} (categorical = sparse categorical; binary on the one-hot vector ${fixed(d.losses.binary)})`);
    }
    return 0;
  } finally {
    built.model.dispose();
  }
}
