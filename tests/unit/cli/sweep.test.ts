import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withoutTensorFlowLog } from '../helpers/tensorflowLog';
import { buildCliOnce, jsonLines, root, runCli as run } from '../helpers/cli';

const spiral = join(root, 'tests/fixtures/graphs/spiral.nnb.json');
const housing = join(root, 'tests/fixtures/graphs/housing.nnb.json');

beforeAll(buildCliOnce, 120_000);

describe('netbuilder sweep', () => {
  it('trains once per learning rate and prints one sweep-result line per value, in order', () => {
    const r = run('sweep', spiral, '--dataset', 'spiral', '--samples', '200', '--epochs', '4', '--seed', '1', '--param', 'lr', '--values', '0.001,0.01,0.1', '--json');
    expect(withoutTensorFlowLog(r.stderr)).toBe('');
    expect(r.status).toBe(0);
    const results = jsonLines(r.stdout).filter((l) => l.type === 'sweep-result');
    expect(results.map((l) => [l.param, l.value, l.epochs, l.reason])).toEqual([
      ['lr', 0.001, 4, 'completed'],
      ['lr', 0.01, 4, 'completed'],
      ['lr', 0.1, 4, 'completed'],
    ]);
    for (const l of results) {
      for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy', 'test_loss', 'test_accuracy']) expect(l[key], key).toEqual(expect.any(Number));
      expect(l.test_accuracy).toBeGreaterThanOrEqual(0);
      expect(l.test_accuracy).toBeLessThanOrEqual(1);
    }
    // The runs really differ: each learning rate ends somewhere else.
    expect(new Set(results.map((l) => l.loss)).size).toBe(3);
  }, 120_000);

  it('sweeps a layer of a regression and reports MSE and MAE', () => {
    const r = run('sweep', housing, '--dataset', 'csv', '--path', join(root, 'examples/tables/housing.csv'), '--target', 'MEDV', '--task', 'regression', '--epochs', '3', '--param', 'dense.units', '--values', '8 32', '--json');
    expect(withoutTensorFlowLog(r.stderr)).toBe('');
    expect(r.status).toBe(0);
    const results = jsonLines(r.stdout).filter((l) => l.type === 'sweep-result');
    expect(results.map((l) => l.value)).toEqual([8, 32]);
    for (const l of results) {
      expect(l).not.toHaveProperty('accuracy');
      expect(l.test_mse).toBeCloseTo(l.test_loss as number, 4);
      expect(l.test_mae).toBeGreaterThan(0);
      expect(l.val_mae).toBeGreaterThan(0);
    }
  }, 120_000);

  it('checks every value before training anything, naming each refused value', () => {
    const r = run('sweep', spiral, '--dataset', 'spiral', '--param', 'dense_1.units', '--values', '3,0,2', '--json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Nothing was trained; these values cannot be used:');
    expect(r.stderr).toContain('dense_1.units = 0: Units must be a whole number of at least 1 (got 0).');
    expect(r.stderr).toContain('dense_1.units = 2: The data set has 3 classes, so the last layer must output (None, 3)');
    const rate = run('sweep', spiral, '--dataset', 'spiral', '--param', 'lr', '--values', '0.01,12');
    expect(rate.status).toBe(2);
    expect(rate.stderr).toContain('lr = 12: At most 10.');
    const layer = run('sweep', spiral, '--dataset', 'spiral', '--param', 'dense_4.units', '--values', '3');
    expect(layer.status).toBe(2);
    expect(layer.stderr).toContain('there is no layer "dense_4". The layers are: input_layer, dense, dense_1.');
    const missing = run('sweep', spiral, '--dataset', 'spiral', '--param', 'lr');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Usage: netbuilder sweep <file> --param NAME --values A,B,C');
  }, 60_000);
});
