// Sweeps: one setting, a list of values, one training run per value. What can be swept, how a
// value is checked and applied (to the options, or to a copy of the network), and the row each run
// leaves. Running the runs is the caller's loop over ordinary training (the CLI's `sweep`, the
// Training tab); everything here is pure so both agree.
import type { z } from 'zod';
import type { Graph, LayerNode } from '../graph/model';
import type { EpochMetrics, TrainFinished } from '../ipc/training';
import { describeIssue } from '../entry';
import { getSpec } from '../layers/registry';
import { paramErrors, type AnyLayerSpec } from '../layers/types';
import { inferNetwork } from '../shape/network';
import { ToyDatasetSchema } from './dataset';
import { memoryProblem } from './memory';
import { DATASET_CLASSES, classifierOutputProblem } from './output';
import { TrainOptionsSchema, type TrainOptions } from './options';

/** Training settings a sweep can vary, by the name the CLI's `--param` takes. */
export const SWEEP_OPTIONS = {
  lr: 'learning rate',
  /** Toy data: points per class; other data sets: the first N training samples (the sample limit). */
  samples: 'training samples',
  epochs: 'epochs',
  'batch-size': 'batch size',
} as const;
export type SweepOption = keyof typeof SWEEP_OPTIONS;

/** The one parameter of each layer kind a sweep can vary: `--param dense_1.units`. */
export const SWEEP_LAYER_PARAMS = { dense: 'units', conv2d: 'filters', dropout: 'rate' } as const;
type SweepLayerKind = keyof typeof SWEEP_LAYER_PARAMS;
export type SweepLayerParam = (typeof SWEEP_LAYER_PARAMS)[SweepLayerKind];

export type SweepTarget = { kind: 'option'; option: SweepOption } | { kind: 'layer'; layer: string; param: SweepLayerParam };

/** At most this many runs in one sweep. */
export const MAX_SWEEP_VALUES = 20;

/** "lr", "samples", "dense_1.units": the name the CLI takes and the results print. */
export function sweepParamName(t: SweepTarget): string {
  return t.kind === 'option' ? t.option : `${t.layer}.${t.param}`;
}

/** "learning rate", "dense_1 units": for people. */
export function sweepLabel(t: SweepTarget): string {
  return t.kind === 'option' ? SWEEP_OPTIONS[t.option] : `${t.layer} ${t.param}`;
}

/** Learning rates span orders of magnitude: their results are plotted on a log axis. */
export function sweepLogScale(t: SweepTarget): boolean {
  return t.kind === 'option' && t.option === 'lr';
}

const isSweepLayer = (n: LayerNode): n is Extract<LayerNode, { kind: SweepLayerKind }> => Object.hasOwn(SWEEP_LAYER_PARAMS, n.kind);

/** Everything this network can sweep: the training settings, then each Dense, Conv2D and Dropout layer's parameter. */
export function sweepTargets(graph: Graph): SweepTarget[] {
  const layers = graph.nodes.filter(isSweepLayer).map((n): SweepTarget => ({ kind: 'layer', layer: n.name, param: SWEEP_LAYER_PARAMS[n.kind] }));
  return [...(Object.keys(SWEEP_OPTIONS) as SweepOption[]).map((option): SweepTarget => ({ kind: 'option', option })), ...layers];
}

/** Reads `--param`: a setting name or LAYER.PARAM, checked against this network. */
export function parseSweepParam(name: string, graph: Graph): { ok: true; target: SweepTarget } | { ok: false; problem: string } {
  if (Object.hasOwn(SWEEP_OPTIONS, name)) return { ok: true, target: { kind: 'option', option: name as SweepOption } };
  const dot = name.lastIndexOf('.');
  const settings = Object.keys(SWEEP_OPTIONS).join(', ');
  if (dot < 0) return { ok: false, problem: `Cannot sweep "${name}": choose ${settings}, or a layer's parameter as LAYER.units (Dense), LAYER.filters (Conv2D) or LAYER.rate (Dropout).` };
  const layerName = name.slice(0, dot);
  const param = name.slice(dot + 1);
  const node = graph.nodes.find((n) => n.name === layerName);
  if (!node) return { ok: false, problem: `Cannot sweep "${name}": there is no layer "${layerName}". The layers are: ${graph.nodes.map((n) => n.name).join(', ')}.` };
  if (!isSweepLayer(node)) return { ok: false, problem: `Cannot sweep "${name}": ${layerName} is a ${getSpec(node.kind).label} layer; a sweep varies a Dense layer's units, a Conv2D layer's filters or a Dropout layer's rate.` };
  const own = SWEEP_LAYER_PARAMS[node.kind];
  if (param !== own) return { ok: false, problem: `Cannot sweep "${name}": ${layerName} is a ${getSpec(node.kind).label} layer; sweep its ${own} (${layerName}.${own}).` };
  return { ok: true, target: { kind: 'layer', layer: layerName, param: own } };
}

/** Reads a list of values typed as "0.001, 0.01, 0.1" (commas or spaces between them). */
export function parseSweepValues(text: string): { ok: true; values: number[] } | { ok: false; problem: string } {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  if (parts.length === 0) return { ok: false, problem: 'Enter the values to try, e.g. 0.001, 0.01, 0.1.' };
  if (parts.length > MAX_SWEEP_VALUES) return { ok: false, problem: `A sweep tries at most ${MAX_SWEEP_VALUES} values; got ${parts.length}.` };
  const values: number[] = [];
  for (const part of parts) {
    const n = Number(part);
    if (!Number.isFinite(n)) return { ok: false, problem: `“${part}” is not a number.` };
    if (values.includes(n)) return { ok: false, problem: `${part} is listed twice.` };
    values.push(n);
  }
  return { ok: true, values };
}

/** One planned run: the value, and the network and options it trains with. */
export interface SweepRun {
  value: number;
  graph: Graph;
  options: TrainOptions;
}

type Applied = { ok: true; run: SweepRun } | { ok: false; problem: string };

function checked<T>(schema: z.ZodType<T>, value: number): { ok: true; value: T } | { ok: false; problem: string } {
  const r = schema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, problem: describeIssue(r.error.issues[0]) };
}

function applyOption(option: SweepOption, value: number, options: TrainOptions): { ok: true; options: TrainOptions } | { ok: false; problem: string } {
  const shape = TrainOptionsSchema.shape;
  const ds = options.dataset;
  const set = <T>(schema: z.ZodType<T>, patch: (v: T) => TrainOptions) => {
    const c = checked(schema, value);
    return c.ok ? { ok: true as const, options: patch(c.value) } : c;
  };
  switch (option) {
    case 'lr':
      return set(shape.learningRate, (learningRate) => ({ ...options, learningRate }));
    case 'epochs':
      return set(shape.epochs, (epochs) => ({ ...options, epochs }));
    case 'batch-size':
      return set(shape.batchSize, (batchSize) => ({ ...options, batchSize }));
    case 'samples':
      return ds.kind === 'toy'
        ? set(ToyDatasetSchema.shape.samples, (samples) => ({ ...options, dataset: { ...ds, samples } }))
        : set(shape.trainLimit.unwrap().unwrap(), (trainLimit) => ({ ...options, trainLimit }));
  }
}

/** Classes known before the data loads (toy data, MNIST), for the output check; null otherwise. */
function knownClasses(options: TrainOptions): number | null {
  const ds = options.dataset;
  return ds.kind === 'toy' ? ds.classes : (DATASET_CLASSES[ds.kind] ?? null);
}

/** The network and options one value trains with, or why that value cannot be used. */
export function applySweepValue(target: SweepTarget, value: number, graph: Graph, options: TrainOptions): Applied {
  let runGraph = graph;
  let runOptions = options;
  if (target.kind === 'option') {
    const applied = applyOption(target.option, value, options);
    if (!applied.ok) return applied;
    runOptions = applied.options;
  } else {
    const node = graph.nodes.find((n) => n.name === target.layer);
    if (!node) return { ok: false, problem: `there is no layer "${target.layer}".` };
    const params = { ...node.params, [target.param]: value };
    const problem = paramErrors(getSpec(node.kind) as AnyLayerSpec, params)[0];
    if (problem) return { ok: false, problem };
    runGraph = { ...graph, nodes: graph.nodes.map((n) => (n === node ? ({ ...n, params } as LayerNode) : n)) };
  }
  const net = inferNetwork(runGraph);
  if (!net.ok) return { ok: false, problem: `the network would not work: ${net.error}` };
  const output = net.value.info.outputId ? net.value.info.nodes[net.value.info.outputId]?.outputShape : null;
  const outputProblem = output && runOptions.loss !== 'meanSquaredError' && runOptions.loss !== 'meanAbsoluteError' && runOptions.loss !== 'huber' ? classifierOutputProblem(output, knownClasses(runOptions)) : null;
  const problem = outputProblem ?? memoryProblem(net.value.info, runOptions.batchSize);
  if (problem) return { ok: false, problem };
  return { ok: true, run: { value, graph: runGraph, options: runOptions } };
}

/** Every value checked before any run starts: the runs, or one message per refused value naming it. */
export function planSweep(target: SweepTarget, values: number[], graph: Graph, options: TrainOptions): { ok: true; runs: SweepRun[] } | { ok: false; problems: string[] } {
  if (values.length === 0) return { ok: false, problems: ['Enter the values to try.'] };
  const name = sweepParamName(target);
  const runs: SweepRun[] = [];
  const problems: string[] = [];
  for (const value of values) {
    const applied = applySweepValue(target, value, graph, options);
    if (applied.ok) runs.push(applied.run);
    else problems.push(`${name} = ${value}: ${applied.problem}`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, runs };
}

/** What one run of a sweep ended with: the final weights' metrics on the training, validation and test data. */
export interface SweepResult {
  value: number;
  reason: TrainFinished['reason'];
  /** The run in the run history. */
  runId: string;
  epochs: number;
  loss: number | null;
  accuracy: number | null;
  mse: number | null;
  mae: number | null;
  valLoss: number | null;
  valAccuracy: number | null;
  valMse: number | null;
  valMae: number | null;
  testLoss: number | null;
  testAccuracy: number | null;
  testMse: number | null;
  testMae: number | null;
  seconds: number;
}

type EpochValues = Pick<EpochMetrics, 'epoch' | 'loss' | 'accuracy' | 'valLoss' | 'valAccuracy' | 'mse' | 'mae' | 'valMse' | 'valMae'>;

/**
 * The row of one run. Training and validation numbers come from the epoch whose weights the run
 * ended with: the last one, or the best one when early stopping restored its weights.
 */
export function sweepResult(value: number, finished: TrainFinished, epochs: readonly EpochValues[]): SweepResult {
  const epochOfWeights = finished.restoredWeightsFromEpoch ?? epochs[epochs.length - 1]?.epoch;
  const e = epochs.find((m) => m.epoch === epochOfWeights) ?? null;
  return {
    value,
    reason: finished.reason,
    runId: finished.runId,
    epochs: finished.epochsCompleted,
    loss: e?.loss ?? null,
    accuracy: e?.accuracy ?? null,
    mse: e?.mse ?? null,
    mae: e?.mae ?? null,
    valLoss: e?.valLoss ?? null,
    valAccuracy: e?.valAccuracy ?? null,
    valMse: e?.valMse ?? null,
    valMae: e?.valMae ?? null,
    testLoss: finished.testLoss,
    testAccuracy: finished.testAccuracy,
    testMse: finished.testMse,
    testMae: finished.testMae,
    seconds: finished.durationMs / 1000,
  };
}

/** Whether a sweep's results are a regression's (MSE and MAE) rather than a classifier's (accuracy). */
export const isRegressionResult = (r: SweepResult): boolean => r.testMae !== null || r.mae !== null;

/** The CLI's JSON line: Keras' metric names, accuracy for a classifier, mse and mae for a regression. */
export function sweepResultLine(param: string, r: SweepResult): Record<string, unknown> {
  const metrics = isRegressionResult(r)
    ? { loss: r.loss, mse: r.mse, mae: r.mae, val_loss: r.valLoss, val_mse: r.valMse, val_mae: r.valMae, test_loss: r.testLoss, test_mse: r.testMse, test_mae: r.testMae }
    : { loss: r.loss, accuracy: r.accuracy, val_loss: r.valLoss, val_accuracy: r.valAccuracy, test_loss: r.testLoss, test_accuracy: r.testAccuracy };
  return { type: 'sweep-result', param, value: r.value, ...metrics, reason: r.reason, epochs: r.epochs, seconds: r.seconds };
}
