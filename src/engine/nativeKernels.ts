// Kernels tfjs-node 4.22 does not register although TensorFlow has them: Transform (used by
// tf.image.transform, and so by the augmentation layers) runs TensorFlow's own
// ImageProjectiveTransformV3, the op Keras' RandomRotation, RandomTranslation and RandomZoom use.
import * as tf from '@tensorflow/tfjs';

interface NodeBackend {
  binding: { TF_ATTR_STRING: number; TF_ATTR_TYPE: number; TF_FLOAT: number };
  executeSingleOutput(name: string, attrs: { name: string; type: number; value: unknown }[], inputs: tf.Tensor[]): tf.Tensor;
}

let registered = false;

export function registerNativeKernels(): void {
  if (registered) return;
  registered = true;
  tf.registerKernel({
    kernelName: tf.Transform,
    backendName: 'tensorflow',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { image, transforms } = inputs as { image: tf.Tensor4D; transforms: tf.Tensor2D };
      const { interpolation, fillMode, fillValue, outputShape } = attrs as unknown as { interpolation: string; fillMode: string; fillValue: number; outputShape?: [number, number] };
      const b = backend as unknown as NodeBackend;
      const [, height, width] = image.shape;
      const shape = tf.tensor1d(outputShape ?? [height, width], 'int32');
      const fill = tf.scalar(fillValue, 'float32');
      const out = b.executeSingleOutput(
        'ImageProjectiveTransformV3',
        [
          { name: 'dtype', type: b.binding.TF_ATTR_TYPE, value: b.binding.TF_FLOAT },
          { name: 'interpolation', type: b.binding.TF_ATTR_STRING, value: interpolation.toUpperCase() },
          { name: 'fill_mode', type: b.binding.TF_ATTR_STRING, value: fillMode.toUpperCase() },
        ],
        [image, transforms, shape, fill],
      );
      tf.dispose([shape, fill]);
      return out as unknown as tf.TensorInfo;
    },
  });
}
