// Gradient building blocks as single kernels. On native TensorFlow each tfjs kernel costs ~50 us of
// dispatch whatever its size, and tfjs composes some gradients from many kernels (relu's from 7,
// softmax cross-entropy's from ~30); TensorFlow has each as one op, run here through tfjs-node's
// binding. Other backends compose them from tfjs ops (cheap there: no per-kernel dispatch cost).
import * as tf from '@tensorflow/tfjs';

interface NativeBinding {
  TF_ATTR_TYPE: number;
  TF_ATTR_BOOL: number;
  TF_ATTR_STRING: number;
  TF_FLOAT: number;
}
interface NativeBackend {
  binding: NativeBinding;
  executeSingleOutput(name: string, attrs: unknown[], inputs: tf.TensorInfo[]): tf.TensorInfo;
  executeMultipleOutputs(name: string, attrs: unknown[], inputs: tf.TensorInfo[], n: number): tf.TensorInfo[];
}

let registered = false;

/** Registers the native kernels once tfjs-node is loaded (the tensorflow backend exists). */
function registerNativeKernels(): void {
  if (registered) return;
  registered = true;
  const float = (b: NativeBackend, name = 'T') => ({ name, type: b.binding.TF_ATTR_TYPE, value: b.binding.TF_FLOAT });
  type Inputs = Record<string, tf.TensorInfo>;
  const kernels: Record<string, (inputs: Inputs, b: NativeBackend, attrs: tf.NamedAttrMap) => tf.TensorInfo | tf.TensorInfo[]> = {
    NbReluGrad: (i, b) => b.executeSingleOutput('ReluGrad', [float(b)], [i.dy, i.y]),
    NbBiasAddGrad: (i, b) => b.executeSingleOutput('BiasAddGrad', [float(b), { name: 'data_format', type: b.binding.TF_ATTR_STRING, value: 'NHWC' }], [i.dy]),
    NbMatMul: (i, b, a) =>
      b.executeSingleOutput('MatMul', [float(b), { name: 'transpose_a', type: b.binding.TF_ATTR_BOOL, value: a.transposeA }, { name: 'transpose_b', type: b.binding.TF_ATTR_BOOL, value: a.transposeB }], [i.a, i.b]),
    NbSoftmaxXent: (i, b) => b.executeMultipleOutputs('SoftmaxCrossEntropyWithLogits', [float(b)], [i.logits, i.labels], 2),
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

/** dy where the relu output y is positive, else 0. */
export function reluGrad(dy: tf.Tensor, y: tf.Tensor): tf.Tensor {
  return native() ? run('NbReluGrad', { dy, y }) : tf.mul(dy, tf.step(y));
}

/** The bias gradient: dy summed over every axis but the last. */
export function biasGrad(dy: tf.Tensor): tf.Tensor1D {
  if (native()) return run('NbBiasAddGrad', { dy });
  return tf.sum(dy, [...Array(dy.rank - 1).keys()]) as tf.Tensor1D;
}

/** a @ b of two matrices, either transposed, without tfjs' reshapes to a batch of one. */
export function matMul2d(a: tf.Tensor2D, b: tf.Tensor2D, transposeA: boolean, transposeB: boolean): tf.Tensor2D {
  return native() ? run('NbMatMul', { a, b }, { transposeA, transposeB }) : tf.matMul(a, b, transposeA, transposeB);
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
