import { describe, expect, it } from 'vitest';
import { sequentialGraph } from '@shared/graph/ops';
import type { Graph } from '@shared/graph/model';
import type { TrainFinished } from '@shared/ipc/training';
import { getExample } from '@shared/examples';
import { TrainOptionsSchema } from '@shared/training/options';
import {
  applySweepValue,
  parseSweepParam,
  parseSweepValues,
  planSweep,
  sweepLogScale,
  sweepParamName,
  sweepResult,
  sweepResultLine,
  sweepTargets,
  type SweepTarget,
} from '@shared/training/sweep';

const spiral = getExample('spiral')!;
const spiralOptions = TrainOptionsSchema.parse(spiral.training);
const cnn = getExample('mnist-cnn')!.graph;
const mnist = TrainOptionsSchema.parse({});
const target = (name: string, graph: Graph): SweepTarget => {
  const p = parseSweepParam(name, graph);
  if (!p.ok) throw new Error(p.problem);
  return p.target;
};

/** Input(2) -> dense(8) -> dense_1(8) -> add(dense, dense_1) -> dense_2(3): dense_1's units must stay 8. */
function residual(): Graph {
  const g = sequentialGraph([['input', { shape: [2] }], ['dense', { units: 8, activation: 'relu' }], ['dense', { units: 8, activation: 'relu' }], ['add'], ['dense', { units: 3, activation: 'softmax' }]]);
  return { ...g, edges: [...g.edges, { id: 'skip', source: 'n2', target: 'n4' }] };
}

describe('what a sweep can vary', () => {
  it('lists the training settings and each Dense, Conv2D and Dropout layer of the network', () => {
    expect(sweepTargets(cnn).map(sweepParamName)).toEqual(['lr', 'samples', 'epochs', 'batch-size', 'conv2d.filters', 'conv2d_1.filters', 'dropout.rate', 'dense.units']);
  });

  it('reads --param by setting name or LAYER.PARAM, and says what is wrong with anything else', () => {
    expect(parseSweepParam('lr', cnn)).toEqual({ ok: true, target: { kind: 'option', option: 'lr' } });
    expect(parseSweepParam('dropout.rate', cnn)).toEqual({ ok: true, target: { kind: 'layer', layer: 'dropout', param: 'rate' } });
    const problem = (name: string) => (parseSweepParam(name, cnn) as { problem: string }).problem;
    expect(problem('momentum')).toContain('Cannot sweep "momentum": choose lr, samples, epochs, batch-size');
    expect(problem('dense_7.units')).toBe('Cannot sweep "dense_7.units": there is no layer "dense_7". The layers are: input_layer, conv2d, max_pooling2d, conv2d_1, max_pooling2d_1, flatten, dropout, dense.');
    expect(problem('dense.filters')).toBe('Cannot sweep "dense.filters": dense is a Dense layer; sweep its units (dense.units).');
    expect(problem('flatten.units')).toContain('flatten is a Flatten layer; a sweep varies');
  });

  it('plots learning rates on a log axis, the rest on a linear one', () => {
    expect(sweepLogScale(target('lr', cnn))).toBe(true);
    expect(sweepLogScale(target('epochs', cnn))).toBe(false);
    expect(sweepLogScale(target('dense.units', cnn))).toBe(false);
  });
});

describe('typed values', () => {
  it('reads commas or spaces, refuses words, repeats and empty lists', () => {
    expect(parseSweepValues('0.001, 0.01,0.1')).toEqual({ ok: true, values: [0.001, 0.01, 0.1] });
    expect(parseSweepValues('1e-3 3e-3')).toEqual({ ok: true, values: [0.001, 0.003] });
    expect(parseSweepValues('0.01, abc')).toEqual({ ok: false, problem: '“abc” is not a number.' });
    expect(parseSweepValues('0.01, 0.010')).toEqual({ ok: false, problem: '0.010 is listed twice.' });
    expect(parseSweepValues(' ')).toMatchObject({ ok: false });
    expect(parseSweepValues(Array.from({ length: 21 }, (_, i) => i + 1).join(','))).toEqual({ ok: false, problem: 'A sweep tries at most 20 values; got 21.' });
  });
});

describe('applying a value', () => {
  it('sets the option the run trains with and leaves the rest as they are', () => {
    const lr = applySweepValue(target('lr', spiral.graph), 0.1, spiral.graph, spiralOptions);
    expect(lr.ok && lr.run.options).toEqual({ ...spiralOptions, learningRate: 0.1 });
    expect(lr.ok && lr.run.graph).toBe(spiral.graph);
    const batch = applySweepValue(target('batch-size', spiral.graph), 64, spiral.graph, spiralOptions);
    expect(batch.ok && batch.run.options.batchSize).toBe(64);
  });

  it('varies toy data by its points per class, other data by the sample limit', () => {
    const toy = applySweepValue(target('samples', spiral.graph), 100, spiral.graph, spiralOptions);
    expect(toy.ok && toy.run.options.dataset).toMatchObject({ kind: 'toy', samples: 100, classes: 3 });
    expect(toy.ok && toy.run.options.trainLimit).toBe(null);
    const digits = applySweepValue(target('samples', cnn), 1000, cnn, mnist);
    expect(digits.ok && digits.run.options.trainLimit).toBe(1000);
  });

  it('changes a copy of the network: the open one keeps its value', () => {
    const before = JSON.stringify(cnn);
    const r = applySweepValue(target('conv2d_1.filters', cnn), 16, cnn, mnist);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.run.graph.nodes.find((n) => n.name === 'conv2d_1')!.params).toMatchObject({ filters: 16 });
    expect(JSON.stringify(cnn)).toBe(before);
    const rate = applySweepValue(target('dropout.rate', cnn), 0.25, cnn, mnist);
    expect(rate.ok && rate.run.graph.nodes.find((n) => n.name === 'dropout')!.params).toEqual({ rate: 0.25 });
  });
});

describe('every value is checked before any run starts', () => {
  it('refuses each bad value with a message naming it', () => {
    expect(planSweep(target('dense.units', spiral.graph), [32, 0, 64], spiral.graph, spiralOptions)).toEqual({
      ok: false,
      problems: ['dense.units = 0: Units must be a whole number of at least 1 (got 0).'],
    });
    const rate = planSweep(target('dropout.rate', cnn), [0.2, 1.5, 1], cnn, mnist);
    expect(rate.ok).toBe(false);
    expect(!rate.ok && rate.problems).toEqual([
      'dropout.rate = 1.5: Dropout rate must be at least 0 and below 1 (got 1.5); 0.5 is usual after Dense layers, 0.25 after convolutions.',
      'dropout.rate = 1: Dropout rate must be at least 0 and below 1 (got 1); 0.5 is usual after Dense layers, 0.25 after convolutions.',
    ]);
    expect(planSweep(target('lr', cnn), [0.01, 0, 20], cnn, mnist)).toEqual({ ok: false, problems: ['lr = 0: More than 0.', 'lr = 20: At most 10.'] });
    expect(planSweep(target('epochs', cnn), [2.5], cnn, mnist)).toEqual({ ok: false, problems: ['epochs = 2.5: Enter a whole number.'] });
    expect(planSweep(target('dense.units', cnn), [10.5], cnn, mnist)).toMatchObject({ ok: false, problems: ['dense.units = 10.5: Units must be a whole number of at least 1 (got 10.5).'] });
  });

  it('refuses a units value that breaks the network’s shapes, or its output for the data set', () => {
    const g = residual();
    const ok = planSweep(target('dense_1.units', g), [8], g, spiralOptions);
    expect(ok.ok).toBe(true);
    const broken = planSweep(target('dense_1.units', g), [8, 4], g, spiralOptions);
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.problems).toHaveLength(1);
    expect(!broken.ok && broken.problems[0]).toBe('dense_1.units = 4: the network would not work: add: Add needs equal shapes: (None, 4) and (None, 8); add a Dense with 4 units on the branch giving (None, 8).');
    // The spiral has 3 classes: its last layer cannot have 2 units.
    const out = planSweep(target('dense_1.units', spiral.graph), [3, 2], spiral.graph, spiralOptions);
    expect(!out.ok && out.problems).toEqual(['dense_1.units = 2: The data set has 3 classes, so the last layer must output (None, 3); it outputs (None, 2). Set the last Dense to 3 units.']);
  });

  it('plans one run per value, in the order typed', () => {
    const plan = planSweep(target('lr', spiral.graph), [0.1, 0.001, 0.01], spiral.graph, spiralOptions);
    expect(plan.ok && plan.runs.map((r) => [r.value, r.options.learningRate])).toEqual([[0.1, 0.1], [0.001, 0.001], [0.01, 0.01]]);
  });
});

describe('result rows', () => {
  const finished = (over: Partial<TrainFinished>): TrainFinished => ({
    runId: 'r1', reason: 'completed', message: '', epochsCompleted: 3, bestEpoch: 2, restoredWeightsFromEpoch: null, testLoss: 0.5, testAccuracy: 0.8,
    testMse: null, testMae: null, baseline: null, confusion: null, classNames: [], durationMs: 1500, ...over,
  });
  const epoch = (n: number, loss: number) => ({ epoch: n, loss, accuracy: 1 - loss, valLoss: loss + 0.1, valAccuracy: 0.9 - loss, mse: null, mae: null, valMse: null, valMae: null });
  const epochs = [epoch(1, 0.9), epoch(2, 0.4), epoch(3, 0.6)];

  it('take the last epoch’s training and validation numbers and the test numbers', () => {
    const r = sweepResult(0.01, finished({}), epochs);
    expect(sweepResultLine('lr', r)).toEqual({ type: 'sweep-result', param: 'lr', value: 0.01, loss: 0.6, accuracy: 0.4, val_loss: 0.7, val_accuracy: 0.30000000000000004, test_loss: 0.5, test_accuracy: 0.8, reason: 'completed', epochs: 3, seconds: 1.5 });
  });

  it('take the restored epoch’s numbers when early stopping went back to its weights', () => {
    const r = sweepResult(0.01, finished({ reason: 'early-stopped', restoredWeightsFromEpoch: 2 }), epochs);
    expect([r.loss, r.valLoss]).toEqual([0.4, 0.5]);
  });

  it('name MSE and MAE for a regression', () => {
    const reg = [{ epoch: 1, loss: 2, accuracy: null, valLoss: 3, valAccuracy: null, mse: 2, mae: 1, valMse: 3, valMae: 1.5 }];
    const line = sweepResultLine('dense.units', sweepResult(32, finished({ testAccuracy: null, testLoss: 4, testMse: 4, testMae: 1.7 }), reg));
    expect(line).toMatchObject({ loss: 2, mse: 2, mae: 1, val_loss: 3, val_mse: 3, val_mae: 1.5, test_loss: 4, test_mse: 4, test_mae: 1.7 });
    expect(line).not.toHaveProperty('accuracy');
  });
});
