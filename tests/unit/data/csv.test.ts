import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { featureStats, parseTable, standardize } from '@shared/data/csv';
import { fitLinear, linearErrors } from '@shared/data/linearRegression';
import { taskProblem } from '@shared/training/output';

const housing = readFileSync(join(__dirname, '../../../examples/tables/housing.csv'), 'utf8');

describe('CSV tables', () => {
  it('reads the header, numeric features and a real-valued target', () => {
    const t = parseTable(housing, 'MEDV', 'regression');
    expect(t.featureNames).toEqual(['CRIM', 'ZN', 'INDUS', 'CHAS', 'NOX', 'RM', 'AGE', 'DIS', 'RAD', 'TAX', 'PTRATIO', 'B', 'LSTAT']);
    expect(t.rows).toBe(506);
    expect(t.features).toHaveLength(506 * 13);
    expect(Array.from(t.features.subarray(0, 3))).toEqual([6.51592, 0, 8.85].map(Math.fround));
    expect(t.values![0]).toBeCloseTo(5.6, 5);
  });

  it('class names sort alphabetically, class numbers numerically; the target may sit in any column', () => {
    const names = parseTable('species,a,b\nsetosa,1,2\nvirginica,3,4\nsetosa,5,6\n', 'species', 'classification');
    expect(names.classNames).toEqual(['setosa', 'virginica']);
    expect(Array.from(names.labels!)).toEqual([0, 1, 0]);
    expect(Array.from(names.features)).toEqual([1, 2, 3, 4, 5, 6]);
    const numbers = parseTable('x,y\n1,10\n2,2\n3,10\n', 'y', 'classification');
    expect(numbers.classNames).toEqual(['2', '10']);
    expect(Array.from(numbers.labels!)).toEqual([1, 0, 1]);
  });

  it.each([
    ['a,b\n1,2\n', 'c', 'regression', 'There is no target column "c". The columns are: a, b.'],
    ['a,b,y\n1,2,3\n1,abc,4\n', 'y', 'regression', 'Row 3, column "b": "abc" is not a number. Feature columns must be numeric.'],
    ['a,b,y\n1,,3\n', 'y', 'regression', 'Row 2, column "b": the value is missing.'],
    ['a,b,y\n1,2,3\n1,2\n', 'y', 'regression', 'Row 3 has 2 values; the header has 3 columns.'],
    ['a,b,y\n1,2,3\n,,\n4,5,6\n', 'y', 'regression', 'Row 3 is empty.'],
    ['a,b,y\n1,2,3\n\n4,5,6\n', 'y', 'regression', 'Row 3 is empty.'],
    ['a,y\n1,cat\n2,cat\n', 'y', 'classification', 'The target column "y" has one class (cat): there is nothing to tell apart.'],
    ['a,y\n1,cat\n', 'y', 'regression', 'Row 2, column "y": "cat" is not a number, and a regression target must be a real value'],
    ['', 'y', 'regression', 'The CSV file is empty'],
    ['a,y\n', 'y', 'regression', 'has a header but no rows'],
  ])('refuses %j with a message naming the row and column', (text, target, task, message) => {
    expect(() => parseTable(text, target, task as 'regression')).toThrow(message);
  });

  it('standardises with the statistics of the training rows only', () => {
    // Two features; the first 2 rows are the training split, the third (an outlier) is held out.
    const x = Float32Array.from([1, 10, 3, 30, 100, 1000]);
    const stats = featureStats(x, 2, 2);
    expect(stats).toEqual({ mean: [2, 20], std: [1, 10] });
    expect(Array.from(standardize(x, stats))).toEqual([-1, -1, 1, 1, 98, 98]);
    // A constant feature becomes 0 instead of dividing by zero.
    expect(Array.from(standardize(Float32Array.from([5, 5]), featureStats(Float32Array.from([5, 5]), 1, 2)))).toEqual([0, 0]);
  });
});

describe('linear regression baseline', () => {
  it('matches numpy.linalg.lstsq on the standardised housing table (MSE 10.5237, MAE 2.4737)', () => {
    const t = parseTable(housing, 'MEDV', 'regression');
    const x = standardize(t.features, featureStats(t.features, 13, t.rows));
    const fit = fitLinear(x, t.values!, t.rows, 13);
    const e = linearErrors(fit, x, t.values!, 0, t.rows);
    // numpy: lstsq on [(X - mean) / std, 1] gives MSE 10.523694152466879, MAE 2.473690870450597, bias 16.5504.
    expect(e.mse).toBeCloseTo(10.523694, 3);
    expect(e.mae).toBeCloseTo(2.473691, 3);
    expect(fit.bias).toBeCloseTo(16.550395, 3);
  });
});

describe('output layer against the task', () => {
  it('catches softmax or many units on a real-valued target, and regression losses on classes', () => {
    expect(taskProblem('regression', [null, 1], 'softmax', 'meanSquaredError', 'housing.csv')).toContain('uses softmax');
    expect(taskProblem('regression', [null, 10], 'softmax', 'meanSquaredError', 'housing.csv')).toContain('must output one value, (None, 1); it outputs (None, 10)');
    expect(taskProblem('regression', [null, 1], 'linear', 'categoricalCrossentropy', 'housing.csv')).toContain('is a classification loss');
    expect(taskProblem('regression', [null, 1], 'linear', 'huber', 'housing.csv')).toBeNull();
    expect(taskProblem('classification', [null, 3], 'softmax', 'meanAbsoluteError', 'iris.csv')).toContain('is a regression loss');
  });
});
