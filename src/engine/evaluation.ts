// What a run reports about sets it does not train on: loss and metrics over the validation and
// test sets, the confidence histogram, the confusion matrix, and the linear baseline of a regression.
import * as tf from '@tensorflow/tfjs';
import type { TrainFinished, TrueClassHistogram } from '@shared/ipc/training';
import { argmaxRow } from '@shared/data/argmax';
import { fitLinear, linearErrors } from '@shared/data/linearRegression';
import { batchTensors, range, type BatchShape, type Split } from './trainData';
import { hasRegularization, regularizationLoss } from './regularization';

/** The compiled metrics' values by name: accuracy for classes, mse and mae for real values. */
export interface Measured {
  /** With regularizers, Keras' loss: the data loss plus regLoss. */
  loss: number;
  regLoss: number | null;
  accuracy: number | null;
  mse: number | null;
  mae: number | null;
}

export function measured(values: number[], regression: boolean, regLoss: number | null = null): Measured {
  return regression ? { loss: values[0], regLoss, accuracy: null, mse: values[1], mae: values[2] } : { loss: values[0], regLoss, accuracy: values[1], mse: null, mae: null };
}

/**
 * Loss and metrics over a set, in chunks, weighted by chunk size (as Keras averages). As Keras'
 * evaluate, the loss includes the regularizers' penalty at the current weights (tfjs' does not).
 */
export async function evaluate(model: tf.LayersModel, split: Split, indices: Int32Array, shape: BatchShape, size: number): Promise<Measured> {
  const sums: number[] = [];
  for (let i = 0; i < indices.length; i += size) {
    const chunk = indices.subarray(i, i + size);
    const { x, y } = batchTensors(split, chunk, shape);
    const out = model.evaluate(x, y, { batchSize: size }) as tf.Scalar[];
    const values = await Promise.all(out.map((t) => t.data()));
    values.forEach((v, k) => (sums[k] = (sums[k] ?? 0) + v[0] * chunk.length));
    tf.dispose([x, y, ...out]);
  }
  const regLoss = hasRegularization(model) ? tf.tidy(() => regularizationLoss(model)!.dataSync()[0]) : null;
  const values = sums.map((v) => v / indices.length);
  if (regLoss !== null) values[0] += regLoss;
  return measured(values, !!split.targets, regLoss);
}

/** The network's outputs for the given samples, chunk by chunk, with each chunk's indices. */
async function* predictions(model: tf.LayersModel, split: Split, indices: Int32Array, shape: BatchShape, size: number): AsyncGenerator<{ chunk: Int32Array; p: Float32Array }> {
  for (let i = 0; i < indices.length; i += size) {
    const chunk = indices.subarray(i, i + size);
    const { x, y } = batchTensors(split, chunk, { ...shape, sparse: true });
    const probs = tf.tidy(() => model.predict(x) as tf.Tensor);
    const p = (await probs.data()) as Float32Array;
    tf.dispose([x, y, probs]);
    yield { chunk, p };
  }
}

/** The validation set's confidence in the true class, split into right and wrong predictions. */
export async function trueClassHistogram(model: tf.LayersModel, split: Split, indices: Int32Array, shape: BatchShape, size: number): Promise<TrueClassHistogram> {
  const { labels } = split;
  const { classes } = shape;
  const h: TrueClassHistogram = { right: new Array<number>(10).fill(0), wrong: new Array<number>(10).fill(0), rightLoss: 0, wrongLoss: 0 };
  for await (const { chunk, p } of predictions(model, split, indices, shape, size)) {
    chunk.forEach((j, k) => {
      const pTrue = p[k * classes + labels[j]];
      const bin = Math.min(9, Math.floor(pTrue * 10));
      const loss = -Math.log(Math.min(Math.max(pTrue, 1e-7), 1 - 1e-7));
      if (argmaxRow(p, k, classes) === labels[j]) {
        h.right[bin]++;
        h.rightLoss += loss;
      } else {
        h.wrong[bin]++;
        h.wrongLoss += loss;
      }
    });
  }
  return h;
}

export type TestReport = Pick<TrainFinished, 'testLoss' | 'testAccuracy' | 'testMse' | 'testMae' | 'confusion'>;

export const NO_TEST_REPORT: TestReport = { testLoss: null, testAccuracy: null, testMse: null, testMae: null, confusion: null };

/** Test set: loss, accuracy and the confusion matrix (or MSE and MAE). */
export async function testReport(model: tf.LayersModel, split: Split, shape: BatchShape, size: number): Promise<TestReport> {
  const testIdx = range(0, split.targets?.length ?? split.labels.length);
  const r = await evaluate(model, split, testIdx, shape, size);
  if (split.targets) return { ...NO_TEST_REPORT, testLoss: r.loss, testMse: r.mse, testMae: r.mae };
  const { classes } = shape;
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for await (const { chunk, p } of predictions(model, split, testIdx, shape, size)) {
    chunk.forEach((j, k) => confusion[split.labels[j]][argmaxRow(p, k, classes)]++);
  }
  return { ...NO_TEST_REPORT, testLoss: r.loss, testAccuracy: r.accuracy, confusion };
}

/** A least-squares line through the training rows, measured on every split: what the network should beat. */
export function linearBaseline(train: Split, test: Split, features: number, trainCount: number, total: number, testCount: number): NonNullable<TrainFinished['baseline']> {
  const x = train.x as Float32Array;
  const y = train.targets!;
  const fit = fitLinear(x, y, trainCount, features);
  const trainE = linearErrors(fit, x, y, 0, trainCount);
  const valE = total > trainCount ? linearErrors(fit, x, y, trainCount, total) : null;
  const testE = testCount > 0 ? linearErrors(fit, test.x as Float32Array, test.targets!, 0, testCount) : null;
  return { trainMse: trainE.mse, trainMae: trainE.mae, valMse: valE?.mse ?? null, valMae: valE?.mae ?? null, testMse: testE?.mse ?? null, testMae: testE?.mae ?? null };
}
