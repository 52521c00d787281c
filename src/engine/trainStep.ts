// A training step with few kernels: the same update as LayersModel.trainOnBatch, computed directly.
//
// Where the time goes (tf.profile of one trainOnBatch of the seed CNN, batch 32, native TensorFlow):
// 248 kernels, ~50 us of dispatch each, most of them bookkeeping: the layers API's casts and
// reshapes, relu gradients from 7 kernels, softmax cross-entropy from ~30, and Adam's ~12 per
// variable. This step runs each layer's ops on its variables directly (convolution and dense
// blocks with one-kernel bias and relu gradients), the loss from the logits in one kernel, and one
// optimizer update over all parameters as a single flat vector. Loss and accuracy are read back from
// the loss and the logits (a copy of a few numbers; no extra kernels). On native TensorFlow a Dense
// block is MatMul + BiasAdd (tfjs' fused matMul adds three reshapes), biases skip the reshapes of
// the flat update, and dropout draws its noise in one kernel instead of tfjs' JavaScript generator.
// Networks it does not cover (a Dense on a non-flat input, a separate softmax layer, dilated
// convolutions) return null and train with trainOnBatch.
import * as tf from '@tensorflow/tfjs';
import type { TrainOptions } from '@shared/training/options';
import { accuracyOf, lossOf, type FlatGradient } from './gradients';
import { biasAdd, biasGrad, denseForward, matMul2d, maxPool, reluGrad, softmaxCrossEntropy, uniformNoise } from './rawOps';
import { argmaxRow } from '@shared/data/argmax';
import { AUGMENTATION_CLASSES } from './augmentLayers';
import { regularizationLoss } from './regularization';
import type { FlatStepRecorder } from './optimizerTrace';
import { flatten, unflatten } from './weights';

/** The gradient of a batch, by the engine's own forward and backward pass (no optimizer). */
export type GradientFn = (x: tf.Tensor, y: tf.Tensor) => FlatGradient;

export interface TrainStep {
  /**
   * One optimizer step on (x, y); returns the batch's mean loss (with the regularizers' penalty,
   * as Keras reports it), its accuracy, and the penalty alone (0 without regularizers).
   */
  run(x: tf.Tensor, y: tf.Tensor): { loss: number; accuracy: number; regLoss: number };
  /** The gradient alone (run = gradients, then apply). */
  gradients: GradientFn;
  /** One optimizer step with a flat gradient (e.g. the size-weighted mean of two threads' halves). */
  apply(flat: tf.Tensor1D): void;
  dispose(): void;
}

type Forward = (h: tf.Tensor) => tf.Tensor;
interface LayerLike extends tf.layers.Layer {
  activation?: { apply(t: tf.Tensor): tf.Tensor };
}

/** Cross-entropy bounds of tfjs-layers (and Keras): probabilities clipped to [1e-7, 1 - 1e-7]. */
const CLIP_HIGH = -Math.log(1e-7);
const CLIP_LOW = -Math.log(Math.fround(1 - 1e-7));

/** Activations a block takes its gradient of itself; others run as tfjs ops after the block. */
const INLINE = new Set(['relu', 'linear']);

/** The convolution alone, with its two gradient kernels (no input gradient for a layer on data). */
function convolution(kernel: tf.Variable, conv: { strides: [number, number]; pad: 'valid' | 'same' }, firstLayer: boolean): Forward {
  const attrs = { ...conv, dataFormat: 'NHWC' };
  return (input) => {
    // The first layer's input is data: no gradient for it (saves a Conv2DBackpropInput per step).
    const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const save = args[args.length - 1] as tf.GradSaveFunc;
      const [x, w] = (firstLayer ? [input, args[0]] : args.slice(0, 2)) as tf.Tensor4D[];
      save([x, w]);
      return {
        value: tf.conv2d(x, w, conv.strides, conv.pad),
        gradFunc: (dy: tf.Tensor, [xs, ws]: tf.Tensor[]) => {
          const dw = tf.engine().runKernel('Conv2DBackpropFilter', { x: xs, dy }, { ...attrs, filterShape: ws.shape }) as tf.Tensor;
          if (firstLayer) return [dw];
          return [tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: ws }, { ...attrs, inputShape: xs.shape }) as tf.Tensor, dw];
        },
      };
    });
    return firstLayer ? f(kernel) : f(input, kernel);
  };
}

/** relu(h + bias) (either part optional) with one-kernel gradients: ReluGrad and BiasAddGrad. */
function biasRelu(bias: tf.Variable | undefined, relu: boolean): Forward {
  if (!bias && !relu) return (h) => h;
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const [h, b] = args.slice(0, -1) as tf.Tensor[];
    let out = b ? biasAdd(h, b) : h;
    if (relu) out = tf.relu(out);
    // Only relu's gradient needs the output (a saved tensor is a copy on wasm).
    save(relu ? [out] : []);
    return {
      value: out,
      gradFunc: (dy: tf.Tensor, [y]: tf.Tensor[]) => {
        const dz = relu ? reluGrad(dy, y) : dy;
        return b ? [dz, biasGrad(dz)] : [dz];
      },
    };
  });
  return (h) => (bias ? f(h, bias) : f(h));
}

/**
 * A Conv2D with a relu or linear activation, and the MaxPooling2D after it when there is one. The
 * bias and the relu then run after the pooling, on a quarter of the values: max pooling commutes
 * with adding a per-channel constant and with relu (both keep the order of a window's values), so
 * the outputs are the same, and so are the gradients (the window's maximum gets the gradient in
 * both orders; where it is not positive, relu gives none in both).
 */
function convBlock(layer: LayerLike, firstLayer: boolean, pool?: LayerLike): Forward {
  const cfg = layer.getConfig() as { strides: [number, number]; padding: 'valid' | 'same'; activation: string };
  const [kernel, bias] = layer.weights.map((w) => w.read() as tf.Variable);
  const conv = convolution(kernel, { strides: cfg.strides, pad: cfg.padding }, firstLayer);
  const pooling = pool ? maxPoolBlock(pool) : (h: tf.Tensor) => h;
  const after = biasRelu(bias, cfg.activation === 'relu');
  return (input) => after(pooling(conv(input)));
}

/** MaxPooling2D as the layer computes it, through rawOps' maxPool (oneDNN's workspace gradient on native TensorFlow). */
function maxPoolBlock(layer: LayerLike): Forward {
  const cfg = layer.getConfig() as { poolSize: [number, number]; strides: [number, number]; padding: 'valid' | 'same' };
  const args = { filterSize: cfg.poolSize, strides: cfg.strides, pad: cfg.padding };
  return (h) => maxPool(h as tf.Tensor4D, args);
}

function denseBlock(layer: LayerLike): Forward {
  const cfg = layer.getConfig() as { activation: string };
  const [kernel, bias] = layer.weights.map((w) => w.read() as tf.Variable);
  const relu = cfg.activation === 'relu';
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const [x, w, b] = args.slice(0, -1) as tf.Tensor2D[];
    const out = denseForward(x, w, b as unknown as tf.Tensor1D | undefined, relu);
    save([x, w, out]);
    return {
      value: out,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws, y] = saved as tf.Tensor2D[];
        const dz = (relu ? reluGrad(dy, y) : dy) as tf.Tensor2D;
        const grads = [matMul2d(dz, ws, false, true), matMul2d(xs, dz, true, false)];
        return b ? [...grads, biasGrad(dz)] : grads;
      },
    };
  });
  return (h) => (bias ? f(h, kernel, bias) : f(h, kernel));
}

/**
 * Dropout as tfjs computes it (x * floor(keep + u) / keep, u uniform in [0, 1)), with the noise
 * from uniformNoise and a one-kernel gradient (dy times the same mask).
 */
function dropoutBlock(layer: LayerLike): Forward | null {
  const cfg = layer.getConfig() as { rate: number; noiseShape?: unknown };
  if (cfg.noiseShape != null) return null;
  const { rate } = cfg;
  if (!(rate > 0 && rate < 1)) return (h) => h; // tfjs-layers' Dropout passes its input through
  const keep = 1 - rate;
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
    const mask = tf.div(tf.floor(tf.add(uniformNoise(x.shape), keep)), keep);
    save([mask]);
    return { value: tf.mul(x, mask), gradFunc: (dy: tf.Tensor, [m]: tf.Tensor[]) => tf.mul(dy, m) };
  });
  return (h) => f(h);
}

/** gamma, beta, moving mean and variance of a trainable channels-last BatchNormalization; null for others (they keep the layer's own computation). */
function batchNormWeights(layer: LayerLike): tf.Variable[] | null {
  const { axis } = layer.getConfig() as { axis: number };
  const weight = (name: string): tf.Variable | undefined => layer.weights.find((w) => w.originalName.endsWith(`/${name}`))?.read() as tf.Variable | undefined;
  const found = ['gamma', 'beta', 'moving_mean', 'moving_variance'].map(weight);
  const channelsLast = axis === -1 || axis === (layer.input as tf.SymbolicTensor).shape.length - 1;
  return layer.trainable && channelsLast && found.every((w) => w) ? (found as tf.Variable[]) : null;
}

/**
 * BatchNormalization in training as tfjs-layers computes it (the batch's mean and variance over all
 * but the channel axis, as tf.moments; the moving averages moved by 1 - momentum), with its
 * gradient in closed form per channel: dbeta = sum dy, dgamma = sum dy * xhat,
 * dx = gamma * rstd / M * (M dy - dbeta - xhat dgamma), M values per channel. tfjs differentiates
 * through tf.moments and tf.batchNorm instead, tiling per-channel vectors to the input's whole
 * shape (the VGG-like example on wasm, batch 16: 28 of 81 ms per step in Tile).
 */
function batchNormBlock(layer: LayerLike, [gamma, beta, movingMean, movingVariance]: tf.Variable[]): Forward {
  const cfg = layer.getConfig() as { momentum: number; epsilon: number };
  const movingAverage = (variable: tf.Variable, value: tf.Tensor): void => {
    // As tfjs-layers' doMovingAverage: v - (v - value) * (1 - momentum).
    variable.assign(tf.sub(variable, tf.mul(tf.sub(variable, value), 1 - cfg.momentum)));
  };
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, g, b, save] = args as [tf.Tensor, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const channels = x.shape[x.rank - 1];
    const rows = tf.reshape(x, [-1, channels]);
    const mean = tf.mean(rows, 0);
    const centered = tf.sub(rows, mean);
    const variance = tf.mean(tf.square(centered), 0);
    const rstd = tf.rsqrt(tf.add(variance, cfg.epsilon));
    const xhat = tf.mul(centered, rstd);
    movingAverage(movingMean, mean);
    movingAverage(movingVariance, variance);
    save([xhat, tf.mul(g, rstd)]);
    return {
      value: tf.reshape(tf.add(tf.mul(xhat, g), b), x.shape),
      gradFunc: (dy: tf.Tensor, [xh, scale]: tf.Tensor[]) => {
        const dyRows = tf.reshape(dy, [-1, channels]);
        const dbeta = tf.sum(dyRows, 0);
        const dgamma = tf.sum(tf.mul(dyRows, xh), 0);
        const m = xh.shape[0];
        const dx = tf.mul(tf.sub(tf.sub(tf.mul(dyRows, m), dbeta), tf.mul(xh, dgamma)), tf.div(scale, m));
        return [tf.reshape(dx, dy.shape), dgamma, dbeta];
      },
    };
  });
  return (h) => f(h, gamma, beta);
}

/** The flat optimizer update: tfjs' own formulas (tf.train.*), on all parameters at once. */
interface FlatOptimizer {
  apply(g: tf.Tensor1D): tf.Tensor1D;
  /** The state the optimizer view shows: Adam's m and v, momentum's accumulation (none for plain SGD and RMSprop). */
  shown: tf.Variable[];
  dispose(): void;
}

function flatOptimizer(options: TrainOptions, size: number): FlatOptimizer {
  const lr = options.learningRate;
  const eps = tf.backend().epsilon();
  // tidy: the zeros behind each variable would otherwise outlive the run.
  const state = (n: number): tf.Variable[] => Array.from({ length: n }, () => tf.tidy(() => tf.variable(tf.zeros([size]), false)));
  switch (options.optimizer) {
    case 'adam': {
      const [m, v] = state(2);
      let beta1Power = 1;
      let beta2Power = 1;
      return {
        apply: (g) => {
          beta1Power *= 0.9;
          beta2Power *= 0.999;
          const mNew = tf.add(tf.mul(m, 0.9), tf.mul(g, 0.1));
          const vNew = tf.add(tf.mul(v, 0.999), tf.mul(tf.square(g), 0.001));
          m.assign(mNew);
          v.assign(vNew);
          return tf.div(tf.mul(mNew, lr / (1 - beta1Power)), tf.add(tf.sqrt(tf.mul(vNew, 1 / (1 - beta2Power))), eps)) as tf.Tensor1D;
        },
        shown: [m, v],
        dispose: () => tf.dispose([m, v]),
      };
    }
    case 'rmsprop': {
      const [ms] = state(1);
      return {
        apply: (g) => {
          const msNew = tf.add(tf.mul(ms, 0.9), tf.mul(tf.square(g), 0.1));
          ms.assign(msNew);
          return tf.div(tf.mul(g, lr), tf.sqrt(tf.add(msNew, eps))) as tf.Tensor1D;
        },
        shown: [],
        dispose: () => tf.dispose(ms),
      };
    }
    case 'sgd': {
      if (options.momentum <= 0) return { apply: (g) => tf.mul(g, lr), shown: [], dispose: () => undefined };
      const [accum] = state(1);
      return {
        apply: (g) => {
          const next = tf.add(tf.mul(accum, options.momentum), g);
          accum.assign(next);
          return tf.mul(next, lr);
        },
        shown: [accum],
        dispose: () => tf.dispose(accum),
      };
    }
  }
}

/**
 * The engine's gradient of a batch for this model and loss, or null when the network has a layer it
 * does not cover. Both threads of a two-thread run use it on their half of each batch.
 */
export function createGradients(model: tf.LayersModel, lossName: TrainOptions['loss']): GradientFn | null {
  // Only a chain (each layer fed by the one before): branches and merges keep the reference path.
  const all = model.layers as LayerLike[];
  const layers = all.filter((l) => l.getClassName() !== 'InputLayer');
  const chain = layers.every((l, i) => {
    const from = (l as unknown as tf.layers.Layer).inboundNodes.flatMap((n) => n.inboundLayers);
    return from.length === 1 && from[0] === (i === 0 ? all.find((x) => x.getClassName() === 'InputLayer') ?? from[0] : layers[i - 1]);
  });
  if (!chain) return null;
  const logitsLoss = lossName === 'categoricalCrossentropy' || lossName === 'sparseCategoricalCrossentropy';
  const forwards: Forward[] = [];
  /** MaxPooling2D layers run inside the convolution block before them. */
  const pooled = new Set<number>();
  for (const [i, layer] of layers.entries()) {
    const name = layer.getClassName();
    if (pooled.has(i)) continue;
    // Only augmentation before it: its input is still data, with no gradient to take.
    const onData = layers.slice(0, i).every((l) => AUGMENTATION_CLASSES.includes(l.getClassName()));
    const activation = (layer.getConfig() as { activation?: string }).activation;
    const last = i === layers.length - 1;
    const norm = name === 'BatchNormalization' && !(last && logitsLoss) ? batchNormWeights(layer) : null;
    if (name === 'Conv2D' || name === 'Dense') {
      const dilation = (layer.getConfig() as { dilationRate?: number | number[] }).dilationRate;
      if (dilation !== undefined && [dilation].flat().some((d) => d !== 1)) return null;
      if (name === 'Dense' && (layer.inputSpec?.[0]?.ndim ?? (layer.input as tf.SymbolicTensor).shape.length) !== 2) return null;
      const next = layers[i + 1];
      const poolAfter = name === 'Conv2D' && INLINE.has(activation ?? 'linear') && next?.getClassName() === 'MaxPooling2D' && !(i + 1 === layers.length - 1 && logitsLoss);
      if (poolAfter) pooled.add(i + 1);
      forwards.push(name === 'Conv2D' ? convBlock(layer, onData, poolAfter ? next : undefined) : denseBlock(layer));
      const softmaxLogits = last && logitsLoss && activation === 'softmax';
      if (activation && !INLINE.has(activation) && !softmaxLogits) forwards.push((h) => layer.activation!.apply(h));
    } else if (AUGMENTATION_CLASSES.includes(name)) {
      // A random transform of the batch (identity outside training), as trainOnBatch runs it.
      forwards.push((h) => layer.call(h, { training: true }) as tf.Tensor);
    } else if (name === 'Dropout') {
      const dropout = dropoutBlock(layer);
      if (!dropout || (last && logitsLoss)) return null;
      forwards.push(dropout);
    } else if (name === 'MaxPooling2D' && !(last && logitsLoss)) {
      forwards.push(maxPoolBlock(layer));
    } else if (norm) {
      forwards.push(batchNormBlock(layer, norm));
    } else if (['AveragePooling2D', 'GlobalAveragePooling2D', 'Flatten', 'Activation', 'LeakyReLU', 'BatchNormalization'].includes(name)) {
      // The layer's own computation (BatchNormalization also updates its moving statistics there).
      if (last && logitsLoss) return null; // a separate softmax layer: keep the reference path
      forwards.push((h) => layer.call(h, { training: true }) as tf.Tensor);
    } else {
      return null;
    }
  }
  const lastActivation = (layers[layers.length - 1].getConfig() as { activation?: string }).activation;
  const fromLogits = logitsLoss && lastActivation === 'softmax';
  if (logitsLoss && !fromLogits) return null;

  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const sparse = lossName === 'sparseCategoricalCrossentropy';

  return (x, y) => {
    let out: tf.Tensor | null = null;
    let lossValue: tf.Tensor | null = null;
    let accuracyTensor: tf.Tensor | null = null;
    let regValue: tf.Tensor | null = null;
    let flat: tf.Tensor1D | null = null;
    tf.tidy(() => {
      const dataLoss = (): tf.Scalar => {
        const top = forwards.reduce((h, f) => f(h), x);
        if (fromLogits) {
          const [n, classes] = top.shape as [number, number];
          const labels = sparse ? oneHotRows(y.dataSync(), classes) : (y as tf.Tensor2D);
          const meanXent = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
            const [logits, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
            const { loss, backprop } = softmaxCrossEntropy(logits, labels);
            // As Keras and tfjs-layers: the true class's probability clipped to [1e-7, 1 - 1e-7],
            // so a sample beyond the clip adds -log(1e-7) and no gradient. A batch's n losses are
            // clipped and averaged here, and the gradient scaled by one uploaded column: kernels
            // cost more than reading n numbers (eleven kernels before, on native TensorFlow).
            const { mean, inside } = clippedMean(loss.dataSync() as Float32Array);
            save([backprop]);
            return {
              value: tf.scalar(mean),
              gradFunc: (dy: tf.Tensor, [bp]: tf.Tensor[]) => {
                const scale = dy.dataSync()[0] / n;
                return tf.mul(bp, tf.tensor2d(inside.map((k) => k * scale), [n, 1]));
              },
            };
          });
          out = tf.keep(top);
          return meanXent(top) as tf.Scalar;
        }
        accuracyTensor = tf.keep(tf.mean(accuracyOf(lossName, y, top)));
        return tf.mean(lossOf(lossName, y, top)) as tf.Scalar;
      };
      const { value, grads } = tf.variableGrads(() => {
        const data = dataLoss();
        const reg = regularizationLoss(model);
        if (!reg) return data;
        regValue = tf.keep(reg);
        return tf.add(data, reg) as tf.Scalar;
      }, vars);
      lossValue = tf.keep(value);
      flat = tf.keep(flatten(vars.map((v) => grads[v.name])));
    });
    const loss = (lossValue! as tf.Tensor).dataSync()[0];
    let accuracy: number;
    if (out) {
      accuracy = logitAccuracy((out as tf.Tensor).dataSync() as Float32Array, y.dataSync() as Float32Array, x.shape[0]!, sparse);
    } else {
      accuracy = (accuracyTensor! as tf.Tensor).dataSync()[0];
    }
    const regLoss = regValue ? (regValue as tf.Tensor).dataSync()[0] : 0;
    tf.dispose([lossValue!, out ?? [], accuracyTensor ?? [], regValue ?? []] as tf.Tensor[]);
    return { flat: flat!, loss, accuracy, regLoss };
  };
}

/**
 * The fast step for this model and options, or null when the network has a layer it does not cover.
 * `record` sees every update (the optimizer view's recorder).
 */
export function createTrainStep(model: tf.LayersModel, options: TrainOptions, record?: FlatStepRecorder): TrainStep | null {
  const gradients = createGradients(model, options.loss);
  if (!gradients) return null;
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = flatOptimizer(options, vars.reduce((total, v) => total + v.size, 0));
  const apply = (flatGrad: tf.Tensor1D): void =>
    tf.tidy(() => {
      const flatUpdate = optimizer.apply(flatGrad);
      record?.(flatGrad, flatUpdate, optimizer.shown as tf.Tensor1D[]);
      unflatten(flatUpdate, vars).forEach((update, i) => vars[i].assign(tf.sub(vars[i], update)));
    });
  return {
    run(x, y) {
      const { flat, ...result } = gradients(x, y);
      apply(flat);
      flat.dispose();
      return result;
    },
    gradients,
    apply,
    dispose: () => optimizer.dispose(),
  };
}

/** The mean of per-example cross-entropies clipped as Keras clips them (in float32), and which were inside the clip (1) or not (0). */
function clippedMean(losses: Float32Array): { mean: number; inside: Float32Array } {
  const low = Math.fround(CLIP_LOW);
  const high = Math.fround(CLIP_HIGH);
  const inside = new Float32Array(losses.length);
  let sum = 0;
  losses.forEach((l, i) => {
    const clipped = Math.min(Math.max(l, low), high);
    inside[i] = clipped === l ? 1 : 0;
    sum += clipped;
  });
  return { mean: Math.fround(sum / losses.length), inside };
}

/** One-hot rows of class indices (a tensor built from JavaScript: one upload instead of three kernels). */
function oneHotRows(classIndices: ArrayLike<number>, classes: number): tf.Tensor2D {
  const rows = new Float32Array(classIndices.length * classes);
  for (let r = 0; r < classIndices.length; r++) rows[r * classes + classIndices[r]] = 1;
  return tf.tensor2d(rows, [classIndices.length, classes]);
}

/** Share of rows whose largest logit is the label's class (the first largest on ties, as argMax). */
function logitAccuracy(logits: Float32Array, y: Float32Array, rows: number, sparse: boolean): number {
  const width = logits.length / rows;
  const argMax = (a: Float32Array, r: number): number => argmaxRow(a, r, width);
  let right = 0;
  for (let r = 0; r < rows; r++) if (argMax(logits, r) === (sparse ? y[r] : argMax(y, r))) right++;
  return right / rows;
}
