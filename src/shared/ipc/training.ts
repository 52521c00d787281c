import { z } from 'zod';
import { command, event } from './define';
import { GraphSchema } from '../serialization/schema';
import { TrainOptionsSchema } from '../training/options';
import { SavedWeightsSchema, type SavedWeights } from '../training/weights';

// Training: the UI starts a run on the current graph; the engine streams progress events.

// Requests carry the whole graph, validated by the file format's schema before any handler runs;
// shape inference then checks that it makes sense as a network.
export const RequestGraphSchema = GraphSchema;

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface EngineInfo {
  backend: BackendName;
  /** Why this backend, e.g. "@tensorflow/tfjs-node is not installed; using WebAssembly (SIMD)". */
  reason: string;
  /** Set when native TensorFlow is not running: the one command that sets it up. */
  nativeHint?: string;
}

/** Two-feature data: the plane's bounds and the points drawn on it (x0, y0, x1, y1, ...). */
export interface PlaneData {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  train: Float32Array;
  trainLabels: Uint8Array;
  test: Float32Array;
  testLabels: Uint8Array;
}

/** The network's outputs over the plane's grid (src/shared/data/plane.ts gridInputs), while it trains. */
export interface BoundaryGrid {
  runId: string;
  epoch: number;
  resolution: number;
  /** Outputs per cell (the classes). */
  outputs: number;
  /** resolution * resolution * outputs values, row by row from the top. */
  values: Float32Array;
}

export interface TrainStarted {
  runId: string;
  /** Set when the data has two features: the decision boundary can be drawn. */
  plane: PlaneData | null;
  task: 'classification' | 'regression';
  /** Tables: features standardised with the training split's mean and standard deviation only. */
  standardization: { features: string[]; mean: number[]; std: number[]; rows: number } | null;
  backend: BackendName;
  /** 2 when a second thread computes half of each batch. */
  threads: number;
  /** Why a run that would share its batches with a second thread takes them whole on one (BatchNormalization). */
  oneThreadReason?: string;
  trainSamples: number;
  validationSamples: number;
  testSamples: number;
  /** ceil(trainSamples / batchSize). */
  stepsPerEpoch: number;
}

export interface BatchProgress {
  runId: string;
  epoch: number; // 1-based
  epochs: number;
  step: number; // 1-based, within the epoch
  steps: number;
  loss: number;
  /**
   * With kernel or bias regularizers (else null): `loss` is Keras' loss, the data loss plus the
   * regularization loss (l1 * sum|w| + l2 * sum w² over the regularized weights, at each step's weights).
   */
  dataLoss: number | null;
  regLoss: number | null;
  /** Classification; null for regression. */
  accuracy: number | null;
  /** Regression: mean absolute error (running epoch average); null for classification. */
  mae: number | null;
  samplesPerSecond: number;
  etaSeconds: number;
}

export interface EpochMetrics {
  runId: string;
  epoch: number; // 1-based
  /** With regularizers, Keras' loss: dataLoss + regLoss (both null without regularizers). */
  loss: number;
  dataLoss: number | null;
  /** The epoch's mean of each step's penalty. */
  regLoss: number | null;
  accuracy: number | null;
  /** With regularizers, Keras' val_loss: valDataLoss + the penalty at the epoch's final weights. */
  valLoss: number | null;
  valDataLoss: number | null;
  valAccuracy: number | null;
  /** Regression metrics (null for classification). */
  mse: number | null;
  mae: number | null;
  valMse: number | null;
  valMae: number | null;
  durationMs: number;
  /** How sure the network is of the true class on the validation set, in 10 bins of 0.1. */
  confidence: TrueClassHistogram | null;
}

/** Probability given to the true class, binned [0, 0.1), ... [0.9, 1], for right and wrong predictions. */
export interface TrueClassHistogram {
  right: number[];
  wrong: number[];
  /** Sum of -log(p_true) over the right and over the wrong predictions (their shares of the loss). */
  rightLoss: number;
  wrongLoss: number;
}

export type TrainEndReason = 'completed' | 'stopped' | 'early-stopped' | 'diverged' | 'failed';

export interface TrainFinished {
  runId: string;
  reason: TrainEndReason;
  /** For learners: why it ended, e.g. "Loss became NaN at epoch 1, step 37: the learning rate 10 is likely too high." */
  message: string;
  epochsCompleted: number;
  bestEpoch: number | null;
  /** Set when early stopping restored the best weights. */
  restoredWeightsFromEpoch: number | null;
  testLoss: number | null;
  testAccuracy: number | null;
  /** Regression: mean squared and absolute error on the test set. */
  testMse: number | null;
  testMae: number | null;
  /**
   * Regression: linear regression on the same (standardised) inputs, fitted by least squares on
   * the training split, measured on the same splits as the network.
   */
  baseline: { trainMse: number; trainMae: number; valMse: number | null; valMae: number | null; testMse: number | null; testMae: number | null } | null;
  /** confusion[trueClass][predictedClass] on the test set. */
  confusion: number[][] | null;
  classNames: string[];
  durationMs: number;
  /** Set when the engine itself died during the run: no trained weights are left in it, of this run or earlier ones. */
  engineStopped?: true;
}

/** A TF.js LayersModel: model.json text and the bytes of weights.bin. */
export interface TfjsExport {
  modelJson: string;
  weights: Uint8Array;
}

export const trainingCommands = {
  'engine:info': command<EngineInfo>()(z.object({}).strict()),
  /**
   * Trains the graph. `weights: 'continue'` starts from this network's trained weights (its last run,
   * or those opened with it); the optimizer's state (Adam's moments, momentum) always starts fresh.
   */
  'train:start': command<TrainStarted>()(
    z.object({ graph: RequestGraphSchema, options: TrainOptionsSchema, weights: z.enum(['fresh', 'continue']).default('fresh') }).strict(),
  ),
  'train:stop': command<{ stopped: boolean }>()(z.object({ runId: z.string() }).strict()),
  /** This network as TF.js files: with its trained weights, or Keras' initial ones when it has not been trained. */
  'model:exportTfjs': command<TfjsExport>()(z.object({ graph: RequestGraphSchema }).strict()),
  /** Its trained weights, to be saved inside the network file; null when it has not been trained. */
  'model:getWeights': command<SavedWeights | null>()(z.object({ graph: RequestGraphSchema }).strict()),
  /** Loads weights saved with a network, so it opens trained. */
  'model:setWeights': command<{ loaded: boolean }>()(z.object({ graph: RequestGraphSchema, weights: SavedWeightsSchema }).strict()),
};

export const trainingEvents = {
  'train:batch': event<BatchProgress>(),
  'train:epoch': event<EpochMetrics>(),
  'train:finished': event<TrainFinished>(),
  'train:boundary': event<BoundaryGrid>(),
};
