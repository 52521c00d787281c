// The training loop: batches from real data, progress per batch and per epoch, early stopping,
// divergence detection, and a final test evaluation with a confusion matrix.
// train() reads top to bottom: prepare the run (checks, splits), choose the step, run epochs
// (each: its batches, then its report, then early stopping), then the test report and baseline.
import * as tf from '@tensorflow/tfjs';
import type { BatchProgress, BoundaryGrid, EpochMetrics, TrainFinished, TrainStarted } from '@shared/ipc/training';
import type { TrainOptions } from '@shared/training/options';
import { rng } from '@shared/random';
import type { Network } from '@shared/shape/network';
import { initialState, onEpochEnd, type EarlyStoppingState } from '@shared/training/earlyStopping';
import { splitSizes, stepsPerEpoch } from '@shared/training/metrics';
import { evaluationChunk, memoryProblem } from '@shared/training/memory';
import { classifierOutputProblem, taskProblem } from '@shared/training/output';
import { untrainableProblem } from '@shared/training/untrainable';
import { planeOf } from '@shared/data/plane';
import { buildModel } from './buildModel';
import { checkInputShape, loadDataset, type Dataset } from './data/datasets';
import { initBackend } from './backend';
import { augmentationProblem } from './augmentLayers';
import { lossFunction } from './gradients';
import { GradientHelper, HelperStopped } from './parallel';
import { boundaryGrid } from './boundary';
import { epochOrder, range, splitsOf, type BatchShape, type Split, type Standardization } from './trainData';
import { chooseStep, batchSplitProblem, type BatchStep } from './trainSteps';
import { evaluate, linearBaseline, measured, NO_TEST_REPORT, testReport, trueClassHistogram, type TestReport } from './evaluation';
import { hasRegularization } from './regularization';

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

/** Everything about a run that is fixed once its data and network have been checked. */
interface Run {
  runId: string;
  options: TrainOptions;
  hooks: TrainHooks;
  model: tf.LayersModel;
  regression: boolean;
  shape: BatchShape;
  train: Split;
  test: Split;
  standardization: Standardization;
  /** Two features and classes: the decision boundary can be drawn over the plane. */
  plane: ReturnType<typeof planeOf> | null;
  /** Training samples come first, validation samples after them (up to `total`). */
  trainCount: number;
  valCount: number;
  total: number;
  testCount: number;
  steps: number;
  evalChunk: number;
  /** The network has kernel or bias regularizers: losses are reported as data loss + penalty. */
  regularized: boolean;
}

/** Checks that the data set fits the network and the loss, and cuts it into training, validation and test samples. */
function prepareRun(runId: string, network: Network, options: TrainOptions, hooks: TrainHooks, dataset: Dataset, model: tf.LayersModel, inputShape: number[]): Run {
  const { info } = network;
  checkInputShape(dataset, inputShape);
  const augmentation = augmentationProblem(model);
  if (augmentation) throw new Error(augmentation);
  const outputShape = info.nodes[info.outputId!].outputShape!;
  const regression = !!dataset.targets;
  const task = regression ? 'regression' : 'classification';
  const classes = regression ? 1 : dataset.classNames.length;
  const outputNode = network.graph.nodes.find((n) => n.id === info.outputId);
  const lastActivation = (outputNode?.params as { activation?: string } | undefined)?.activation ?? (outputNode?.kind === 'activation' ? 'activation layer' : null);
  const outputProblem = taskProblem(task, outputShape, lastActivation, options.loss, dataset.name) ?? (regression ? null : classifierOutputProblem(outputShape, classes, dataset.name));
  if (outputProblem) throw new Error(outputProblem);
  const sparse = !regression && options.loss === 'sparseCategoricalCrossentropy';

  const available = regression ? dataset.targets!.train.length : dataset.trainLabels.length;
  const testCount = regression ? dataset.targets!.test.length : dataset.testLabels.length;
  const total = Math.min(options.trainLimit ?? available, available);
  const { train: trainCount, validation: valCount } = splitSizes(total, options.validationSplit);
  const splits = splitsOf(dataset, trainCount);
  const plane = dataset.features?.shape.join() === '2' && !regression ? planeOf(splits.train.x as Float32Array, splits.train.labels, splits.test.x as Float32Array, splits.test.labels) : null;
  const es = options.earlyStopping;
  if (es.enabled && es.monitor.startsWith('val_') && valCount === 0) {
    throw new Error(`Early stopping watches ${es.monitor}, which needs validation data: set a validation split above 0 (with ${total} samples, ${options.validationSplit} gives none), or watch ${es.monitor.slice(4)}.`);
  }
  return {
    runId,
    options,
    hooks,
    model,
    regression,
    shape: { inputShape, classes, sparse },
    ...splits,
    plane,
    trainCount,
    valCount,
    total,
    testCount,
    steps: stepsPerEpoch(trainCount, options.batchSize),
    evalChunk: evaluationChunk(info, options.batchSize),
    regularized: hasRegularization(model),
  };
}

/** Why a run ended before its last epoch, and what to tell the person. */
interface Ending {
  reason: TrainFinished['reason'];
  message: string;
}

/** Running sums of [loss, metrics...] and of the penalty over an epoch's batches, weighted by batch size. */
interface EpochSums {
  sums: number[];
  regSum: number;
  seen: number;
}

/** One epoch's batches in `order`, with progress events; an Ending when it is stopped, fails or diverges. */
async function runEpoch(run: Run, step: BatchStep, epoch: number, order: Int32Array, epochStart: number): Promise<EpochSums | Ending> {
  const { options, hooks, steps, runId } = run;
  let sums: number[] = [];
  let regSum = 0;
  let seen = 0;
  let lastEvent = 0;
  for (let s = 1; s <= steps; s++) {
    const where = `epoch ${epoch} (step ${s - 1} of ${steps}); the weights are the ones reached so far.`;
    if (hooks.shouldStop?.()) return { reason: 'stopped', message: `Stopped by you during ${where}` };
    const indices = order.subarray((s - 1) * options.batchSize, s * options.batchSize);
    let values: number[];
    try {
      const r = await step.run(indices);
      values = r.values;
      regSum += r.regLoss * indices.length;
    } catch (err) {
      if (!(err instanceof HelperStopped)) throw err;
      return { reason: 'failed', message: `${err.message} Training ended during ${where}` };
    }
    const loss = values[0];
    if (!Number.isFinite(loss)) {
      return { reason: 'diverged', message: `The loss became ${loss} at epoch ${epoch}, step ${s}: training diverged. The learning rate (${options.learningRate}) is likely too high; try ${options.learningRate / 10}.` };
    }
    sums = values.map((v, k) => (sums[k] ?? 0) + v * indices.length);
    seen += indices.length;
    const now = Date.now();
    if (now - lastEvent >= BATCH_EVENT_INTERVAL_MS || s === steps) {
      lastEvent = now;
      const elapsed = (now - epochStart) / 1000;
      const rate = seen / Math.max(elapsed, 1e-3);
      const remaining = (steps - s) * options.batchSize + (options.epochs - epoch) * run.trainCount;
      const m = measured(sums.map((v) => v / seen), run.regression);
      const regLoss = run.regularized ? regSum / seen : null;
      const dataLoss = regLoss === null ? null : m.loss - regLoss;
      hooks.batch?.({ runId, epoch, epochs: options.epochs, step: s, steps, loss: m.loss, dataLoss, regLoss, accuracy: m.accuracy, mae: m.mae, samplesPerSecond: rate, etaSeconds: remaining / rate });
      // Let stop requests and other messages in.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return { sums, regSum, seen };
}

/** The epoch's training metrics with the validation set's loss, metrics and confidence histogram. */
async function epochReport(run: Run, epoch: number, { sums, regSum, seen }: EpochSums, epochStart: number): Promise<EpochMetrics> {
  const { model, options, regression, shape, valCount, evalChunk } = run;
  const valIdx = range(run.trainCount, run.total);
  const val = valCount > 0 ? await evaluate(model, run.train, valIdx, shape, evalChunk) : null;
  const softmaxOutput = !regression && (options.loss === 'categoricalCrossentropy' || options.loss === 'sparseCategoricalCrossentropy');
  const confidence = valCount > 0 && softmaxOutput ? await trueClassHistogram(model, run.train, valIdx, shape, evalChunk) : null;
  const trainMeasured = measured(sums.map((v) => v / seen), regression);
  const regLoss = run.regularized ? regSum / seen : null;
  return {
    runId: run.runId,
    epoch,
    loss: trainMeasured.loss,
    dataLoss: regLoss === null ? null : trainMeasured.loss - regLoss,
    regLoss,
    accuracy: trainMeasured.accuracy,
    valLoss: val?.loss ?? null,
    valDataLoss: val && val.regLoss !== null ? val.loss - val.regLoss : null,
    valAccuracy: val?.accuracy ?? null,
    mse: trainMeasured.mse,
    mae: trainMeasured.mae,
    valMse: val?.mse ?? null,
    valMae: val?.mae ?? null,
    durationMs: Date.now() - epochStart,
    confidence,
  };
}

/** Early stopping over a run: the monitored value per epoch, the best weights kept when they are to be restored. */
class EarlyStopper {
  state: EarlyStoppingState;
  restoredFrom: number | null = null;
  private bestWeights: tf.Tensor[] | null = null;

  constructor(private readonly run: Run) {
    this.state = initialState(run.options.earlyStopping);
  }

  /** After an epoch's report: the Ending when training stops here (with the best weights restored if asked). */
  afterEpoch(metrics: EpochMetrics): Ending | null {
    const es = this.run.options.earlyStopping;
    if (!es.enabled) return null;
    const monitored = { val_loss: metrics.valLoss, val_accuracy: metrics.valAccuracy, loss: metrics.loss, accuracy: metrics.accuracy }[es.monitor];
    if (monitored === null) throw new Error(this.run.regression && es.monitor.endsWith('accuracy') ? `Early stopping watches ${es.monitor}, which a regression does not have: watch val_loss or loss.` : `Early stopping watches ${es.monitor}, which needs a validation split above 0.`);
    const previousBest = this.state.bestEpoch;
    this.state = onEpochEnd(es, this.state, metrics.epoch, monitored);
    if (es.restoreBestWeights && this.state.bestEpoch !== previousBest) {
      tf.dispose(this.bestWeights ?? []);
      this.bestWeights = this.run.model.getWeights().map((w) => w.clone());
    }
    if (this.state.stoppedEpoch === null) return null;
    let message = `Early stopping: ${es.monitor} did not improve by more than ${es.minDelta} for ${es.patience} epoch${es.patience === 1 ? '' : 's'} after epoch ${this.state.bestEpoch}.`;
    if (es.restoreBestWeights && this.bestWeights) {
      this.run.model.setWeights(this.bestWeights);
      this.restoredFrom = this.state.bestEpoch;
      message += ` Restored the weights from epoch ${this.restoredFrom}.`;
    }
    return { reason: 'early-stopped', message };
  }

  dispose(): void {
    tf.dispose(this.bestWeights ?? []);
  }
}

/** The run's epochs: batches, report, boundary, early stopping. */
async function runEpochs(run: Run, step: BatchStep, stopper: EarlyStopper): Promise<Ending & { epochsCompleted: number }> {
  const { options, hooks, model, plane } = run;
  const random = rng(options.seed ?? Date.now());
  const trainIdx = range(0, run.trainCount);
  let lastBoundary = 0;
  let epochsCompleted = 0;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const epochStart = Date.now();
    const order = epochOrder(trainIdx, options.shuffle, random);
    const sums = await runEpoch(run, step, epoch, order, epochStart);
    if ('reason' in sums) return { ...sums, epochsCompleted };
    const metrics = await epochReport(run, epoch, sums, epochStart);
    epochsCompleted = epoch;
    hooks.epoch?.(metrics);
    if (plane && hooks.boundary && epoch < options.epochs && Date.now() - lastBoundary >= BOUNDARY_INTERVAL_MS) {
      lastBoundary = Date.now();
      hooks.boundary({ runId: run.runId, epoch, ...(await boundaryGrid(model, plane)) });
    }
    const ending = stopper.afterEpoch(metrics);
    if (ending) return { ...ending, epochsCompleted };
  }
  return { reason: 'completed', message: `Trained ${epochsCompleted} epoch${epochsCompleted === 1 ? '' : 's'}.`, epochsCompleted };
}

/** Test set report and linear baseline after training. A failure in the test evaluation keeps the trained model. */
async function finalReport(run: Run, ending: Ending): Promise<{ test: TestReport; baseline: TrainFinished['baseline']; message: string }> {
  let { message } = ending;
  let test = NO_TEST_REPORT;
  if (run.testCount > 0 && ending.reason !== 'diverged') {
    try {
      test = await testReport(run.model, run.test, run.shape, run.evalChunk);
    } catch (err) {
      message += ` The test set could not be evaluated (${(err as Error).message}); the trained weights are kept.`;
    }
  }
  const baseline = run.regression && run.trainCount > 0 ? linearBaseline(run.train, run.test, run.shape.inputShape[0], run.trainCount, run.total, run.testCount) : null;
  return { test, baseline, message };
}

export async function train(runId: string, network: Network, options: TrainOptions, hooks: TrainHooks = {}): Promise<TrainResult> {
  const t0 = Date.now();
  const tooBig = memoryProblem(network.info, options.batchSize);
  if (tooBig) throw new Error(tooBig);
  // Before the data set loads and the model builds: a setting TensorFlow.js cannot train is refused by name.
  const untrainable = untrainableProblem(network.graph);
  if (untrainable) throw new Error(untrainable);
  const engine = await initBackend();
  const dataset = loadDataset(options.dataset);
  const { model, inputShape } = buildModel(network);
  if (hooks.initialWeights) model.setWeights(hooks.initialWeights);
  let helper: GradientHelper | null = null;
  let step: BatchStep | null = null;
  try {
    const run = prepareRun(runId, network, options, hooks, dataset, model, inputShape);
    model.compile({ optimizer: optimizerFor(options), loss: lossFunction(options.loss), metrics: run.regression ? ['mse', 'mae'] : ['accuracy'] });
    // A second thread where the backend is single-threaded wasm (tfjs-node uses all cores itself).
    // Not for feature data: its networks are small enough that a second thread only adds overhead.
    const twoThreads = options.parallel && engine.backend === 'wasm' && !dataset.features;
    const oneThreadReason = twoThreads ? batchSplitProblem(model) : null;
    helper = twoThreads && !oneThreadReason ? await GradientHelper.start(network, options.loss, hooks.gradWorkerScript) : null;
    hooks.modelReady?.(model);
    step = chooseStep(model, options, helper, run.train, run.shape, run.regression);
    hooks.started?.({ runId, plane: run.plane, task: run.regression ? 'regression' : 'classification', standardization: run.standardization, backend: engine.backend, threads: helper ? 2 : 1, ...(oneThreadReason ? { oneThreadReason } : {}), trainSamples: run.trainCount, validationSamples: run.valCount, testSamples: run.testCount, stepsPerEpoch: run.steps });

    const stopper = new EarlyStopper(run);
    const ending = await runEpochs(run, step, stopper).finally(() => stopper.dispose());
    const { epochsCompleted } = ending;
    // The boundary of the weights the run ends with (restored ones after early stopping).
    if (run.plane && hooks.boundary && ending.reason !== 'diverged' && epochsCompleted > 0) hooks.boundary({ runId, epoch: epochsCompleted, ...(await boundaryGrid(model, run.plane)) });
    disposeOptimizer(model.optimizer);
    const { test, baseline, message } = await finalReport(run, ending);
    return {
      model,
      dataset,
      finished: {
        runId,
        reason: ending.reason,
        message,
        epochsCompleted,
        bestEpoch: stopper.state.bestEpoch,
        restoredWeightsFromEpoch: stopper.restoredFrom,
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
    step?.dispose();
    await helper?.close();
  }
}
