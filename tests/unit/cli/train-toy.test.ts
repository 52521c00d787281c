import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withoutTensorFlowLog } from '../helpers/tensorflowLog';
import { buildCliOnce, jsonLines, root, runCli as run } from '../helpers/cli';

const spiral = join(root, 'tests/fixtures/graphs/spiral.nnb.json');

beforeAll(buildCliOnce, 120_000);

describe('netbuilder train on toy 2-D data', () => {
  it('trains the spiral network on generated points, with the test metrics in the finished line', () => {
    const r = run('train', spiral, '--dataset', 'spiral', '--samples', '300', '--classes', '3', '--noise', '0.2', '--epochs', '3', '--lr', '0.01', '--seed', '1', '--json');
    expect(withoutTensorFlowLog(r.stderr)).toBe('');
    expect(r.status).toBe(0);
    const lines = jsonLines(r.stdout);
    // 900 points, 10% held out for validation; 100 test points per class drawn with another seed.
    expect(lines.find((l) => l.type === 'started')).toMatchObject({ trainSamples: 810, validationSamples: 90, testSamples: 300, stepsPerEpoch: 26 });
    expect(lines.find((l) => l.type === 'started')).not.toHaveProperty('plane');
    expect(lines.filter((l) => l.type === 'epoch')).toHaveLength(3);
    const finished = lines.find((l) => l.type === 'finished')!;
    expect(finished.test_accuracy).toBeGreaterThan(0.34);
    expect(finished.test_loss).toBeLessThan(Math.log(3));
  }, 60_000);

  it('each shape takes its own default classes, and a wrong count is refused with the reason', () => {
    const ok = run('train', join(root, 'tests/fixtures/graphs/spiral.nnb.json'), '--dataset', 'moons', '--samples', '50', '--json');
    // The spiral network has 3 outputs; moons has 2 classes.
    expect(ok.status).toBe(1);
    expect(ok.stderr).toContain('has 2 classes, so the last layer must output (None, 2)');
    const bad = run('train', spiral, '--dataset', 'xor', '--classes', '3');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('XOR has 2 classes; got 3.');
  }, 60_000);
});

describe('netbuilder train on a CSV table', () => {
  const housing = join(root, 'tests/fixtures/graphs/housing.nnb.json');
  const csv = join(root, 'examples/tables/housing.csv');

  it('trains a regression and prints test MSE and MAE beside linear regression', () => {
    const r = run('train', housing, '--dataset', 'csv', '--path', csv, '--target', 'MEDV', '--task', 'regression', '--test-split', '0.2', '--epochs', '30', '--seed', '1', '--json');
    expect(withoutTensorFlowLog(r.stderr)).toBe('');
    expect(r.status).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.find((l) => l.type === 'started')).toMatchObject({ task: 'regression', trainSamples: 365, validationSamples: 40, testSamples: 101 });
    expect(lines.find((l) => l.type === 'epoch')).toHaveProperty('val_mae');
    const f = lines.find((l) => l.type === 'finished')!;
    expect(f).not.toHaveProperty('test_accuracy');
    expect(f.test_mse).toBeCloseTo(f.test_loss as number, 4);
    expect(f.test_mae).toBeGreaterThan(0);
    expect(f.baseline_test_mse).toBeGreaterThan(0);
  }, 60_000);

  it('names the missing target column and the mismatched output layer', () => {
    const missing = run('train', housing, '--dataset', 'csv', '--path', csv, '--target', 'PRICE', '--task', 'regression');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('housing.csv: There is no target column "PRICE". The columns are: CRIM, ZN, INDUS');
    const classes = run('train', housing, '--dataset', 'csv', '--path', csv, '--target', 'CHAS', '--task', 'classification');
    expect(classes.status).toBe(1);
    expect(classes.stderr).toContain('housing.csv has 2 classes, so the last layer must output (None, 2)');
  }, 60_000);
});
