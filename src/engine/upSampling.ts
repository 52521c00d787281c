// Bilinear UpSampling2D as Keras computes it. tfjs-layers' UpSampling2D resizes without
// half-pixel centres (TensorFlow 1's sampling), so its bilinear output differs from Keras' by
// ~1e-3, and tfjs' ResizeBilinearGrad ignores halfPixelCenters on every backend. Resizing by an
// integer factor is linear and separable: one interpolation matrix per axis, applied with matMul,
// gives TensorFlow's half-pixel sampling forward and its exact transpose as the gradient.
import * as tf from '@tensorflow/tfjs';

/**
 * The (out x n) matrix of TensorFlow's half-pixel bilinear resize of n samples to out: sample o
 * reads source position (o + 0.5) * n / out - 0.5, clamped to the edges, between its two neighbours.
 */
export function bilinearMatrix(n: number, out: number): Float32Array {
  const m = new Float32Array(out * n);
  const scale = n / out;
  for (let o = 0; o < out; o++) {
    const at = (o + 0.5) * scale - 0.5;
    const lower = Math.max(Math.floor(at), 0);
    const upper = Math.min(Math.ceil(at), n - 1);
    const lerp = at - Math.floor(at);
    m[o * n + lower] += 1 - lerp;
    m[o * n + upper] += lerp;
  }
  return m;
}

interface Args {
  name?: string;
  size: [number, number];
}

export class BilinearUpSampling2D extends tf.layers.Layer {
  // Saved under tfjs' own class name with its config, so an exported model.json loads anywhere.
  static className = 'UpSampling2D';
  readonly size: [number, number];

  constructor(args: Args) {
    super({ name: args.name });
    this.size = args.size;
  }

  override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    const [b, h, w, c] = (Array.isArray(shape[0]) ? shape[0] : shape) as tf.Shape;
    return [b, h === null ? null : h * this.size[0], w === null ? null : w * this.size[1], c];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const [b, h, w, c] = x.shape;
      const [H, W] = [h * this.size[0], w * this.size[1]];
      // Heights: (b, w, c, h) x (h, H) -> (b, w, c, H); then widths: (b, H, c, w) x (w, W) -> (b, H, c, W).
      const rows = tf.tensor2d(bilinearMatrix(h, H), [H, h]);
      const cols = tf.tensor2d(bilinearMatrix(w, W), [W, w]);
      const tall = tf.matMul(tf.reshape(tf.transpose(x, [0, 2, 3, 1]), [b * w * c, h]), rows, false, true);
      const wide = tf.matMul(tf.reshape(tf.transpose(tf.reshape(tall, [b, w, c, H]), [0, 3, 2, 1]), [b * H * c, w]), cols, false, true);
      return tf.transpose(tf.reshape(wide, [b, H, c, W]), [0, 1, 3, 2]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), size: this.size, dataFormat: 'channelsLast', interpolation: 'bilinear' };
  }
}
