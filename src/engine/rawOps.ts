// Gradient building blocks as single kernels. On native TensorFlow each tfjs kernel costs ~50 us of
// dispatch whatever its size, and tfjs composes some gradients from many kernels (relu's from 7,
// softmax cross-entropy's from ~30); TensorFlow has each as one op, run here through tfjs-node's
// binding. Other backends compose them from tfjs ops (cheap there: no per-kernel dispatch cost).
import * as tf from '@tensorflow/tfjs';

interface NativeBinding {
  TF_ATTR_TYPE: number;
  TF_ATTR_BOOL: number;
  TF_ATTR_STRING: number;
  TF_ATTR_INT: number;
  TF_FLOAT: number;
  TF_INT32: number;
}
interface NativeBackend {
  binding: NativeBinding;
  executeSingleOutput(name: string, attrs: unknown[], inputs: tf.TensorInfo[]): tf.TensorInfo;
  executeMultipleOutputs(name: string, attrs: unknown[], inputs: tf.TensorInfo[], n: number): tf.TensorInfo[];
}

let registered = false;

/** Attributes of oneDNN's max pooling ops (found only by the `_kernel` label its kernels register under). */
function poolAttrs(b: NativeBackend, a: tf.NamedAttrMap): unknown[] {
  const { TF_ATTR_TYPE, TF_ATTR_INT, TF_ATTR_STRING, TF_ATTR_BOOL, TF_FLOAT } = b.binding;
  const [fh, fw] = a.filterSize as [number, number];
  const [sh, sw] = a.strides as [number, number];
  return [
    { name: 'T', type: TF_ATTR_TYPE, value: TF_FLOAT },
    { name: 'ksize', type: TF_ATTR_INT, value: [1, fh, fw, 1] },
    { name: 'strides', type: TF_ATTR_INT, value: [1, sh, sw, 1] },
    { name: 'padding', type: TF_ATTR_STRING, value: (a.pad as string).toUpperCase() },
    { name: 'data_format', type: TF_ATTR_STRING, value: 'NHWC' },
    { name: 'workspace_enabled', type: TF_ATTR_BOOL, value: true },
    { name: '_kernel', type: TF_ATTR_STRING, value: 'MklNameChangeOp' },
  ];
}

/** Registers the native kernels once tfjs-node is loaded (the tensorflow backend exists). */
function registerNativeKernels(): void {
  if (registered) return;
  registered = true;
  const float = (b: NativeBackend, name = 'T') => ({ name, type: b.binding.TF_ATTR_TYPE, value: b.binding.TF_FLOAT });
  type Inputs = Record<string, tf.TensorInfo>;
  const kernels: Record<string, (inputs: Inputs, b: NativeBackend, attrs: tf.NamedAttrMap) => tf.TensorInfo | tf.TensorInfo[]> = {
    NbReluGrad: (i, b) => b.executeSingleOutput('ReluGrad', [float(b)], [i.dy, i.y]),
    NbBiasAdd: (i, b) => b.executeSingleOutput('BiasAdd', [float(b), { name: 'data_format', type: b.binding.TF_ATTR_STRING, value: 'NHWC' }], [i.x, i.bias]),
    NbRandomUniform: (_, b, a) => {
      // Seeds 0 and 0: TensorFlow draws fresh random numbers on every call.
      const shape = tf.tensor1d(a.shape as number[], 'int32');
      const int = (name: string) => ({ name, type: b.binding.TF_ATTR_INT, value: 0 });
      const out = b.executeSingleOutput('RandomUniform', [int('seed'), int('seed2'), float(b, 'dtype'), { name: 'T', type: b.binding.TF_ATTR_TYPE, value: b.binding.TF_INT32 }], [shape]);
      shape.dispose();
      return out;
    },
    NbBiasAddGrad: (i, b) => b.executeSingleOutput('BiasAddGrad', [float(b), { name: 'data_format', type: b.binding.TF_ATTR_STRING, value: 'NHWC' }], [i.dy]),
    NbMatMul: (i, b, a) =>
      b.executeSingleOutput('MatMul', [float(b), { name: 'transpose_a', type: b.binding.TF_ATTR_BOOL, value: a.transposeA }, { name: 'transpose_b', type: b.binding.TF_ATTR_BOOL, value: a.transposeB }], [i.a, i.b]),
    NbSoftmaxXent: (i, b) => b.executeMultipleOutputs('SoftmaxCrossEntropyWithLogits', [float(b)], [i.logits, i.labels], 2),
    // oneDNN's max pooling keeps a workspace (where each maximum was) for its gradient, which then
    // scatters instead of searching every window again: 0.28 ms against MaxPoolGrad's 1.7 ms for the
    // seed CNN's first pooling layer, the same values (the first largest input of a window).
    NbMaxPoolWs: (i, b, a) => b.executeMultipleOutputs('_MklNativeMaxPool', poolAttrs(b, a), [i.x], 2),
    NbMaxPoolGradWs: (i, b, a) => b.executeSingleOutput('_MklNativeMaxPoolGrad', poolAttrs(b, a), [i.x, i.y, i.dy, i.workspace]),
  };
  for (const [kernelName, fn] of Object.entries(kernels)) {
    tf.registerKernel({ kernelName, backendName: 'tensorflow', kernelFunc: ({ inputs, backend, attrs }) => fn(inputs as Inputs, backend as unknown as NativeBackend, attrs ?? {}) });
  }
}

function native(): boolean {
  if (tf.getBackend() !== 'tensorflow') return false;
  registerNativeKernels();
  return true;
}

function run<T extends tf.Tensor | tf.Tensor[]>(name: string, inputs: tf.NamedTensorMap, attrs: tf.NamedAttrMap = {}): T {
  return tf.engine().runKernel(name, inputs, attrs) as unknown as T;
}

/** x + bias over the last axis: one BiasAdd on native TensorFlow (tfjs' add broadcasts in a slower kernel). */
export function biasAdd(x: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  return native() ? run('NbBiasAdd', { x, bias }) : tf.add(x, bias);
}

export interface PoolArgs {
  filterSize: [number, number];
  strides: [number, number];
  pad: 'valid' | 'same';
}

let workspacePool: boolean | null = null;

/** Whether this TensorFlow has oneDNN's max pooling (x86 builds do; others fall back to MaxPool). */
function hasWorkspacePool(): boolean {
  if (workspacePool === null) {
    try {
      const x = tf.zeros([1, 2, 2, 1]);
      tf.dispose([x, ...run<tf.Tensor[]>('NbMaxPoolWs', { x }, { filterSize: [2, 2], strides: [2, 2], pad: 'valid' })]);
      workspacePool = true;
    } catch {
      workspacePool = false;
    }
  }
  return workspacePool;
}

/** Max pooling as tf.maxPool computes it, with its gradient from oneDNN's workspace where native TensorFlow has it. */
export function maxPool(x: tf.Tensor4D, args: PoolArgs): tf.Tensor4D {
  if (!native() || !hasWorkspacePool()) return tf.maxPool(x, args.filterSize, args.strides, args.pad);
  const attrs = { ...args } as unknown as tf.NamedAttrMap;
  const f = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, save] = inputs as [tf.Tensor4D, tf.GradSaveFunc];
    const [y, workspace] = run<tf.Tensor[]>('NbMaxPoolWs', { x: input }, attrs);
    save([input, y, workspace]);
    return { value: y, gradFunc: (dy: tf.Tensor, [xs, ys, ws]: tf.Tensor[]) => run<tf.Tensor>('NbMaxPoolGradWs', { x: xs, y: ys, dy, workspace: ws }, attrs) };
  });
  return f(x) as tf.Tensor4D;
}

/** dy where the relu output y is positive, else 0. */
export function reluGrad(dy: tf.Tensor, y: tf.Tensor): tf.Tensor {
  return native() ? run('NbReluGrad', { dy, y }) : tf.mul(dy, tf.step(y));
}

/** x @ w + bias for a batch of rows: two kernels on native TensorFlow (tfjs' fused matMul takes five there: reshapes to a batch of one). */
export function denseForward(x: tf.Tensor2D, w: tf.Tensor2D, bias: tf.Tensor1D | undefined, relu: boolean): tf.Tensor2D {
  if (!native()) return tf.fused.matMul({ a: x, b: w, bias, activation: relu ? 'relu' : 'linear' }) as tf.Tensor2D;
  let out = run<tf.Tensor2D>('NbMatMul', { a: x, b: w }, { transposeA: false, transposeB: false });
  if (bias) out = run<tf.Tensor2D>('NbBiasAdd', { x: out, bias });
  return relu ? (tf.relu(out) as tf.Tensor2D) : out;
}

/**
 * Uniform noise in [0, 1) of this shape. Native TensorFlow draws it in one kernel; elsewhere
 * Math.random fills it (tfjs' own randomUniform runs a seeded generator in JavaScript, ~1 ms for
 * a dropout mask of the seed CNN's 32 x 1600 values).
 */
export function uniformNoise(shape: number[]): tf.Tensor {
  if (native()) return run('NbRandomUniform', {}, { shape });
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = Math.random();
  return tf.tensor(values, shape);
}

/**
 * The bias gradient: dy summed over every axis but the last. Elsewhere as dy seen as [rows,
 * channels] summed over its rows: wasm's Sum reduces innermost axes, so it transposes first, and
 * a two-axis transpose is far cheaper there than a four-axis one (0.9 ms against 2.6 ms for the
 * seed CNN's first convolution at batch 32; a matMul by a row of ones is slower still, 2.6 ms,
 * as XNNPACK repacks dy as a weight matrix on every call).
 */
export function biasGrad(dy: tf.Tensor): tf.Tensor1D {
  if (native()) return run('NbBiasAddGrad', { dy });
  const channels = dy.shape[dy.rank - 1];
  return tf.sum(dy.rank === 2 ? dy : tf.reshape(dy, [-1, channels]), 0);
}

/** a @ b of two matrices, either transposed, without tfjs' reshapes to a batch of one. */
export function matMul2d(a: tf.Tensor2D, b: tf.Tensor2D, transposeA: boolean, transposeB: boolean): tf.Tensor2D {
  if (native()) return run('NbMatMul', { a, b }, { transposeA, transposeB });
  if (tf.getBackend() === 'wasm' && (transposeA || transposeB)) return wasmMatMul(a, b, transposeA, transposeB);
  return tf.matMul(a, b, transposeA, transposeB);
}

/**
 * The wasm backend multiplies through XNNPACK only without transposes (else in a scalar loop), and
 * XNNPACK repacks the right operand of every new tensor, so: transpose explicitly, and compute
 * (a' @ b') or its transpose (b'^T @ a'^T), whichever repacks the smaller matrix. The Dense
 * gradients of the seed CNN at batch 32: dW 0.35 -> 0.09 ms, dx 0.48 -> 0.06 ms.
 */
function wasmMatMul(a: tf.Tensor2D, b: tf.Tensor2D, transposeA: boolean, transposeB: boolean): tf.Tensor2D {
  const m = transposeA ? a.shape[1] : a.shape[0];
  const n = transposeB ? b.shape[0] : b.shape[1];
  return tf.tidy((): tf.Tensor2D => {
    // Repacked: k x n directly, k x m for the transpose.
    if (n <= m) return tf.matMul(transposeA ? tf.transpose(a) : a, transposeB ? tf.transpose(b) : b);
    return tf.transpose(tf.matMul(transposeB ? b : tf.transpose(b), transposeA ? a : tf.transpose(a))) as tf.Tensor2D;
  });
}

/** Per-example softmax cross-entropy of logits against one-hot labels, and its gradient softmax - labels. */
export function softmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor2D): { loss: tf.Tensor1D; backprop: tf.Tensor2D } {
  if (native()) {
    const [loss, backprop] = run<tf.Tensor[]>('NbSoftmaxXent', { logits, labels });
    return { loss: loss as tf.Tensor1D, backprop: backprop as tf.Tensor2D };
  }
  return tf.tidy(() => {
    const logp = tf.logSoftmax(logits);
    return { loss: tf.neg(tf.sum(tf.mul(labels, logp), -1)) as tf.Tensor1D, backprop: tf.sub(tf.exp(logp), labels) as tf.Tensor2D };
  });
}
