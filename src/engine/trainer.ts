// The training loop: batches from real data, progress per batch and per epoch, early stopping,
// divergence detection, and a final test evaluation with a confusion matrix.
import * as tf from '@tensorflow/tfjs';
import type { BatchProgress, BoundaryGrid, EpochMetrics, TrainFinished, TrainStarted, TrueClassHistogram } from '@shared/ipc/training';
import type { TrainOptions } from '@shared/training/options';
import { rng } from '@shared/random';
import type { Network } from '@shared/shape/network';
import { initialState, onEpochEnd } from '@shared/training/earlyStopping';
import { splitSizes, stepsPerEpoch } from '@shared/training/metrics';
import { evaluationChunk, memoryProblem } from '@shared/training/memory';
import { classifierOutputProblem, taskProblem } from '@shared/training/output';
import { featureStats, standardize } from '@shared/data/csv';
import { planeOf } from '@shared/data/plane';
import { fitLinear, linearErrors } from '@shared/data/linearRegression';
import { buildModel } from './buildModel';
import { checkInputShape, loadDataset, type Dataset } from './data/datasets';
import { initBackend } from './backend';
import { batchGradients, lossFunction } from './gradients';
import { GradientHelper, HelperStopped } from './parallel';
import { boundaryGrid } from './boundary';
import { createTrainStep, type TrainStep } from './trainStep';

export interface TrainHooks {
  /** Start from these weights (continuing a trained network) instead of a fresh initialisation. */
  initialWeights?: tf.Tensor[];
  started?(info: TrainStarted): void;
  batch?(p: BatchProgress): void;
  epoch?(m: EpochMetrics): void;
  /** The network's outputs over the plane (two-feature data), a few times a second at most. */
  boundary?(b: BoundaryGrid): void;
  /** The model being trained, as soon as it exists (feature maps can watch it learn). */
  modelReady?(model: tf.LayersModel): void;
  /** Where the built gradient worker is, when not beside this code (tests run from sources). */
  gradWorkerScript?: string;
  /** Polled between batches. */
  shouldStop?(): boolean;
}

export interface TrainResult {
  finished: TrainFinished;
  model: tf.LayersModel;
  dataset: Dataset;
}

const BATCH_EVENT_INTERVAL_MS = 100;
const BOUNDARY_INTERVAL_MS = 250;

/**
 * Frees an optimizer's state (Adam's m and v...): a model given an optimizer object does not own
 * it and leaves it alive when disposed. tfjs' MomentumOptimizer.dispose also forgets the
 * learning-rate scalar its SGD parent keeps.
 */
function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  if (optimizer.getClassName() === 'Momentum') tf.SGDOptimizer.prototype.dispose.call(optimizer);
}

function optimizerFor(o: TrainOptions): tf.Optimizer {
  switch (o.optimizer) {
    case 'adam':
      return tf.train.adam(o.learningRate);
    case 'sgd':
      return o.momentum > 0 ? tf.train.momentum(o.learningRate, o.momentum) : tf.train.sgd(o.learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(o.learningRate);
  }
}

/** One split's samples: image bytes (scaled to [0, 1]) or float features (as they are), and class labels or real targets. */
interface Split {
  x: Uint8Array | Float32Array;
  scale: number;
  labels: Uint8Array;
  /** Regression targets. */
  targets?: Float32Array;
}

type Standardization = TrainStarted['standardization'];

/**
 * The samples as the network gets them. Tables are standardised with the mean and standard
 * deviation of the first `trainRows` rows only (the training split, not validation or test), so
 * nothing about the held-out rows leaks into training.
 */
function splitsOf(ds: Dataset, trainRows: number): { train: Split; test: Split; standardization: Standardization } {
  const f = ds.features;
  if (!f) {
    return {
      train: { x: ds.trainImages, scale: 1 / 255, labels: ds.trainLabels },
      test: { x: ds.testImages, scale: 1 / 255, labels: ds.testLabels },
      standardization: null,
    };
  }
  let train = f.train;
  let test = f.test;
  let standardization: Standardization = null;
  if (f.standardize) {
    const stats = featureStats(f.train, f.shape[0], trainRows);
    train = standardize(f.train, stats);
    test = standardize(f.test, stats);
    standardization = { features: f.names ?? [], ...stats, rows: trainRows };
  }
  return {
    train: { x: train, scale: 1, labels: ds.trainLabels, targets: ds.targets?.train },
    test: { x: test, scale: 1, labels: ds.testLabels, targets: ds.targets?.test },
    standardization,
  };
}

/** x and y for the given sample indices, as arrays with their shapes. */
function batchArrays(split: Split, indices: ArrayLike<number>, inputShape: number[], classes: number, sparse: boolean) {
  const size = inputShape.reduce((a, b) => a * b, 1);
  const n = indices.length;
  const x = new Float32Array(n * size);
  const t = split.targets;
  const y = new Float32Array(sparse || t ? n : n * classes);
  for (let i = 0; i < n; i++) {
    const j = indices[i];
    const src = split.x.subarray(j * size, (j + 1) * size);
    for (let k = 0; k < size; k++) x[i * size + k] = src[k] * split.scale;
    if (t) y[i] = t[j];
    else if (sparse) y[i] = split.labels[j];
    else y[i * classes + split.labels[j]] = 1;
  }
  return { x, xShape: [n, ...inputShape], y, yShape: t ? [n, 1] : sparse ? [n] : [n, classes] };
}

function batchTensors(split: Split, indices: ArrayLike<number>, inputShape: number[], classes: number, sparse: boolean): { x: tf.Tensor; y: tf.Tensor } {
  const b = batchArrays(split, indices, inputShape, classes, sparse);
  return { x: tf.tensor(b.x, b.xShape), y: tf.tensor(b.y, b.yShape) };
}

/**
 * One optimizer step with the batch split over two threads: this one takes the first half, the
 * helper the second; the gradients are averaged by size (what the whole batch would give).
 */
async function parallelStep(model: tf.LayersModel, helper: GradientHelper, loss: TrainOptions['loss'], split: Split, indices: Int32Array, inputShape: number[], classes: number, sparse: boolean): Promise<[number, number]> {
  const half = Math.ceil(indices.length / 2);
  const theirs = batchArrays(split, indices.subarray(half), inputShape, classes, sparse);
  const pending = helper.step(model.getWeights().map((w) => Float32Array.from(w.dataSync() as Float32Array)), theirs.x, theirs.xShape, theirs.y, theirs.yShape);
  const { x, y } = batchTensors(split, indices.subarray(0, half), inputShape, classes, sparse);
  const mine = batchGradients(model, loss, x, y);
  tf.dispose([x, y]);
  const other = await pending.catch((err: unknown) => {
    tf.dispose(mine.grads);
    throw err;
  });
  const wMine = half / indices.length;
  const wOther = 1 - wMine;
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  tf.tidy(() => {
    const averaged = Object.fromEntries(vars.map((v, i) => [v.name, mine.grads[i].mul(wMine).add(tf.tensor(other.grads[i], v.shape).mul(wOther))]));
    model.optimizer.applyGradients(averaged);
  });
  tf.dispose(mine.grads);
  return [mine.loss * wMine + other.loss * wOther, mine.accuracy * wMine + other.accuracy * wOther];
}

function range(from: number, to: number): Int32Array {
  return Int32Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** The compiled metrics' values by name: accuracy for classes, mse and mae for real values. */
interface Measured {
  loss: number;
  accuracy: number | null;
  mse: number | null;
  mae: number | null;
}

function measured(values: number[], regression: boolean): Measured {
  return regression ? { loss: values[0], accuracy: null, mse: values[1], mae: values[2] } : { loss: values[0], accuracy: values[1], mse: null, mae: null };
}

/** Loss and metrics over a set, in chunks, weighted by chunk size (as Keras averages). */
async function evaluate(model: tf.LayersModel, split: Split, indices: Int32Array, inputShape: number[], classes: number, sparse: boolean, size: number): Promise<Measured> {
  const sums: number[] = [];
  for (let i = 0; i < indices.length; i += size) {
    const chunk = indices.subarray(i, i + size);
    const { x, y } = batchTensors(split, chunk, inputShape, classes, sparse);
    const out = model.evaluate(x, y, { batchSize: size }) as tf.Scalar[];
    const values = await Promise.all(out.map((t) => t.data()));
    values.forEach((v, k) => (sums[k] = (sums[k] ?? 0) + v[0] * chunk.length));
    tf.dispose([x, y, ...out]);
  }
  return measured(sums.map((v) => v / indices.length), !!split.targets);
}

/** The validation set's confidence in the true class, split into right and wrong predictions. */
async function trueClassHistogram(model: tf.LayersModel, split: Split, indices: Int32Array, inputShape: number[], classes: number, size: number): Promise<TrueClassHistogram> {
  const labels = split.labels;
  const h: TrueClassHistogram = { right: new Array<number>(10).fill(0), wrong: new Array<number>(10).fill(0), rightLoss: 0, wrongLoss: 0 };
  for (let i = 0; i < indices.length; i += size) {
    const chunk = indices.subarray(i, i + size);
    const { x, y } = batchTensors(split, chunk, inputShape, classes, true);
    const probs = tf.tidy(() => model.predict(x) as tf.Tensor);
    const p = (await probs.data()) as Float32Array;
    tf.dispose([x, y, probs]);
    chunk.forEach((j, k) => {
      const row = p.subarray(k * classes, (k + 1) * classes);
      let best = 0;
      for (let c = 1; c < classes; c++) if (row[c] > row[best]) best = c;
      const pTrue = row[labels[j]];
      const bin = Math.min(9, Math.floor(pTrue * 10));
      const loss = -Math.log(Math.min(Math.max(pTrue, 1e-7), 1 - 1e-7));
      if (best === labels[j]) {
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

type TestReport = Pick<TrainFinished, 'testLoss' | 'testAccuracy' | 'testMse' | 'testMae' | 'confusion'>;

async function testReport(model: tf.LayersModel, split: Split, inputShape: number[], classes: number, sparse: boolean, size: number): Promise<TestReport> {
  const testIdx = range(0, split.targets?.length ?? split.labels.length);
  const r = await evaluate(model, split, testIdx, inputShape, classes, sparse, size);
  if (split.targets) return { testLoss: r.loss, testAccuracy: null, testMse: r.mse, testMae: r.mae, confusion: null };
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < testIdx.length; i += size) {
    const chunk = testIdx.subarray(i, i + size);
    const { x, y } = batchTensors(split, chunk, inputShape, classes, true);
    const predicted = tf.tidy(() => (model.predict(x) as tf.Tensor).argMax(-1));
    const p = await predicted.data();
    chunk.forEach((j, k) => confusion[split.labels[j]][p[k]]++);
    tf.dispose([x, y, predicted]);
  }
  return { testLoss: r.loss, testAccuracy: r.accuracy, testMse: null, testMae: null, confusion };
}

export async function train(runId: string, network: Network, options: TrainOptions, hooks: TrainHooks = {}): Promise<TrainResult> {
  const t0 = Date.now();
  const { info } = network;
  const tooBig = memoryProblem(info, options.batchSize);
  if (tooBig) throw new Error(tooBig);
  const evalChunk = evaluationChunk(info, options.batchSize);
  const engine = await initBackend();
  const dataset = loadDataset(options.dataset);
  const built = buildModel(network);
  const { model, inputShape } = built;
  if (hooks.initialWeights) model.setWeights(hooks.initialWeights);
  let helper: GradientHelper | null = null;
  let fast: TrainStep | null = null;
  try {
    checkInputShape(dataset, inputShape);
    const outputShape = info.nodes[info.outputId!].outputShape!;
    const regression = !!dataset.targets;
    const task = regression ? 'regression' : 'classification';
    const classes = regression ? 1 : dataset.classNames.length;
    const outputNode = network.graph.nodes.find((n) => n.id === info.outputId);
    const lastActivation = (outputNode?.params as { activation?: string } | undefined)?.activation ?? (outputNode?.kind === 'activation' ? 'activation layer' : null);
    const outputProblem = taskProblem(task, outputShape, lastActivation, options.loss, dataset.name) ?? (regression ? null : classifierOutputProblem(outputShape, classes, dataset.name));
    if (outputProblem) throw new Error(outputProblem);
    const sparse = !regression && options.loss === 'sparseCategoricalCrossentropy';
    model.compile({ optimizer: optimizerFor(options), loss: lossFunction(options.loss), metrics: regression ? ['mse', 'mae'] : ['accuracy'] });

    const available = regression ? dataset.targets!.train.length : dataset.trainLabels.length;
    const testCount = regression ? dataset.targets!.test.length : dataset.testLabels.length;
    const total = Math.min(options.trainLimit ?? available, available);
    const { train: trainCount, validation: valCount } = splitSizes(total, options.validationSplit);
    const splits = splitsOf(dataset, trainCount);
    // Two features and classes: the decision boundary can be drawn over the plane.
    const plane = dataset.features?.shape.join() === '2' && !regression ? planeOf(splits.train.x as Float32Array, splits.train.labels, splits.test.x as Float32Array, splits.test.labels) : null;
    const trainIdx = range(0, trainCount);
    const valIdx = range(trainCount, total);
    const steps = stepsPerEpoch(trainCount, options.batchSize);
    const es = options.earlyStopping;
    if (es.enabled && es.monitor.startsWith('val_') && valCount === 0) {
      throw new Error(`Early stopping watches ${es.monitor}, which needs validation data: set a validation split above 0 (with ${total} samples, ${options.validationSplit} gives none), or watch ${es.monitor.slice(4)}.`);
    }
    const random = rng(options.seed ?? Date.now());
    // A second thread where the backend is single-threaded wasm (tfjs-node uses all cores itself).
    // Not for feature data: its networks are small enough that a second thread only adds overhead.
    helper = options.parallel && engine.backend === 'wasm' && !dataset.features ? await GradientHelper.start(network, options.loss, hooks.gradWorkerScript) : null;
    hooks.modelReady?.(model);
    // One thread: the step with few kernels (src/engine/trainStep.ts), unless the network has a layer
    // it does not cover or something watches the optimizer's own applyGradients (the optimizer view), or the target is real-valued (it reports accuracy only).
    const watched = Object.prototype.hasOwnProperty.call(model.optimizer, 'applyGradients');
    fast = helper || watched || regression ? null : createTrainStep(model, options);
    hooks.started?.({ runId, plane, task, standardization: splits.standardization, backend: engine.backend, threads: helper ? 2 : 1, trainSamples: trainCount, validationSamples: valCount, testSamples: testCount, stepsPerEpoch: steps });


    let esState = initialState(es);
    let bestWeights: tf.Tensor[] | null = null;
    let reason: TrainFinished['reason'] = 'completed';
    let message = '';
    let epochsCompleted = 0;
    let restoredFrom: number | null = null;
    let lastBoundary = 0;

    outer: for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const epochStart = Date.now();
      const order = Int32Array.from(trainIdx);
      if (options.shuffle) {
        for (let i = order.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [order[i], order[j]] = [order[j], order[i]];
        }
      }
      // Running sums of [loss, metrics...] weighted by batch size.
      let sums: number[] = [];
      let seen = 0;
      let lastEvent = 0;
      for (let step = 1; step <= steps; step++) {
        if (hooks.shouldStop?.()) {
          reason = 'stopped';
          message = `Stopped by you during epoch ${epoch} (step ${step - 1} of ${steps}); the weights are the ones reached so far.`;
          break outer;
        }
        const indices = order.subarray((step - 1) * options.batchSize, step * options.batchSize);
        let values: number[];
        if (helper && indices.length > 1) {
          try {
            values = await parallelStep(model, helper, options.loss, splits.train, indices, inputShape, classes, sparse);
          } catch (err) {
            if (!(err instanceof HelperStopped)) throw err;
            reason = 'failed';
            message = `${err.message} Training ended during epoch ${epoch} (step ${step - 1} of ${steps}); the weights are the ones reached so far.`;
            break outer;
          }
        } else {
          const { x, y } = batchTensors(splits.train, indices, inputShape, classes, sparse);
          if (fast) {
            const r = fast.run(x, y);
            values = [r.loss, r.accuracy];
          } else values = (await model.trainOnBatch(x, y)) as number[];
          tf.dispose([x, y]);
        }
        const loss = values[0];
        if (!Number.isFinite(loss)) {
          reason = 'diverged';
          message = `The loss became ${loss} at epoch ${epoch}, step ${step}: training diverged. The learning rate (${options.learningRate}) is likely too high; try ${options.learningRate / 10}.`;
          break outer;
        }
        sums = values.map((v, k) => (sums[k] ?? 0) + v * indices.length);
        seen += indices.length;
        const now = Date.now();
        if (now - lastEvent >= BATCH_EVENT_INTERVAL_MS || step === steps) {
          lastEvent = now;
          const elapsed = (now - epochStart) / 1000;
          const rate = seen / Math.max(elapsed, 1e-3);
          const remaining = (steps - step) * options.batchSize + (options.epochs - epoch) * trainCount;
          const m = measured(sums.map((v) => v / seen), regression);
          hooks.batch?.({ runId, epoch, epochs: options.epochs, step, steps, loss: m.loss, accuracy: m.accuracy, mae: m.mae, samplesPerSecond: rate, etaSeconds: remaining / rate });
          // Let stop requests and other messages in.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      const val = valCount > 0 ? await evaluate(model, splits.train, valIdx, inputShape, classes, sparse, evalChunk) : null;
      const softmaxOutput = !regression && (options.loss === 'categoricalCrossentropy' || options.loss === 'sparseCategoricalCrossentropy');
      const confidence = valCount > 0 && softmaxOutput ? await trueClassHistogram(model, splits.train, valIdx, inputShape, classes, evalChunk) : null;
      const trainMeasured = measured(sums.map((v) => v / seen), regression);
      const metrics: EpochMetrics = {
        runId,
        epoch,
        loss: trainMeasured.loss,
        accuracy: trainMeasured.accuracy,
        valLoss: val?.loss ?? null,
        valAccuracy: val?.accuracy ?? null,
        mse: trainMeasured.mse,
        mae: trainMeasured.mae,
        valMse: val?.mse ?? null,
        valMae: val?.mae ?? null,
        durationMs: Date.now() - epochStart,
        confidence,
      };
      epochsCompleted = epoch;
      hooks.epoch?.(metrics);
      if (plane && hooks.boundary && epoch < options.epochs && Date.now() - lastBoundary >= BOUNDARY_INTERVAL_MS) {
        lastBoundary = Date.now();
        hooks.boundary({ runId, epoch, ...(await boundaryGrid(model, plane)) });
      }

      if (es.enabled) {
        const monitored = { val_loss: metrics.valLoss, val_accuracy: metrics.valAccuracy, loss: metrics.loss, accuracy: metrics.accuracy }[es.monitor];
        if (monitored === null) throw new Error(regression && es.monitor.endsWith('accuracy') ? `Early stopping watches ${es.monitor}, which a regression does not have: watch val_loss or loss.` : `Early stopping watches ${es.monitor}, which needs a validation split above 0.`);
        const previousBest = esState.bestEpoch;
        esState = onEpochEnd(es, esState, epoch, monitored);
        if (es.restoreBestWeights && esState.bestEpoch !== previousBest) {
          tf.dispose(bestWeights ?? []);
          bestWeights = model.getWeights().map((w) => w.clone());
        }
        if (esState.stoppedEpoch !== null) {
          reason = 'early-stopped';
          message = `Early stopping: ${es.monitor} did not improve by more than ${es.minDelta} for ${es.patience} epoch${es.patience === 1 ? '' : 's'} after epoch ${esState.bestEpoch}.`;
          if (es.restoreBestWeights && bestWeights) {
            model.setWeights(bestWeights);
            restoredFrom = esState.bestEpoch;
            message += ` Restored the weights from epoch ${restoredFrom}.`;
          }
          break;
        }
      }
    }
    tf.dispose(bestWeights ?? []);
    // The boundary of the weights the run ends with (restored ones after early stopping).
    if (plane && hooks.boundary && reason !== 'diverged' && epochsCompleted > 0) hooks.boundary({ runId, epoch: epochsCompleted, ...(await boundaryGrid(model, plane)) });

    disposeOptimizer(model.optimizer);

    if (reason === 'completed') message = `Trained ${epochsCompleted} epoch${epochsCompleted === 1 ? '' : 's'}.`;
    // Test set: loss, accuracy and the confusion matrix (or MSE and MAE). A failure here keeps the trained model.
    let test: TestReport = { testLoss: null, testAccuracy: null, testMse: null, testMae: null, confusion: null };
    if (testCount > 0 && reason !== 'diverged') {
      try {
        test = await testReport(model, splits.test, inputShape, classes, sparse, evalChunk);
      } catch (err) {
        message += ` The test set could not be evaluated (${(err as Error).message}); the trained weights are kept.`;
      }
    }
    let baseline: TrainFinished['baseline'] = null;
    if (regression && trainCount > 0) {
      const x = splits.train.x as Float32Array;
      const y = splits.train.targets!;
      const fit = fitLinear(x, y, trainCount, inputShape[0]);
      const trainE = linearErrors(fit, x, y, 0, trainCount);
      const valE = valCount > 0 ? linearErrors(fit, x, y, trainCount, total) : null;
      const testE = testCount > 0 ? linearErrors(fit, splits.test.x as Float32Array, splits.test.targets!, 0, testCount) : null;
      baseline = { trainMse: trainE.mse, trainMae: trainE.mae, valMse: valE?.mse ?? null, valMae: valE?.mae ?? null, testMse: testE?.mse ?? null, testMae: testE?.mae ?? null };
    }
    return {
      model,
      dataset,
      finished: {
        runId,
        reason,
        message,
        epochsCompleted,
        bestEpoch: esState.bestEpoch,
        restoredWeightsFromEpoch: restoredFrom,
        ...test,
        baseline,
        classNames: dataset.classNames,
        durationMs: Date.now() - t0,
      },
    };
  } catch (err) {
    if (model.optimizer) disposeOptimizer(model.optimizer);
    model.dispose();
    throw err;
  } finally {
    fast?.dispose();
    await helper?.close();
  }
}
