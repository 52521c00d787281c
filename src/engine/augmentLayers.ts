// Keras' image augmentation layers, which tfjs-layers does not have: RandomRotation,
// RandomTranslation, RandomZoom and RandomFlip. As in Keras they are the identity unless called
// with training=true; then each image gets its own random transform, built as the same
// output-to-input pixel matrix Keras builds (keras/src/layers/preprocessing/image_preprocessing)
// and applied with tf.image.transform (TensorFlow's ImageProjectiveTransformV3 on native).
// Registered with tfjs' serialization under their Keras class names, so saved models load.
import * as tf from '@tensorflow/tfjs';

type FillMode = 'reflect' | 'wrap' | 'constant' | 'nearest';
type Interpolation = 'bilinear' | 'nearest';

interface RandomArgs {
  name?: string;
  seed?: number | null;
}

interface AffineArgs extends RandomArgs {
  fillMode?: FillMode;
  interpolation?: Interpolation;
  fillValue?: number;
}

/** Layers whose transform is random while training and the identity otherwise. */
abstract class RandomImageLayer extends tf.layers.Layer {
  readonly seed: number | null;
  /** How many random draws the layer made: with a seed, draw k uses seed "seed:k", so runs repeat but steps differ. */
  private draws = 0;
  /** Another stream of draws from the same seed (the second training thread's half of each batch). */
  stream = '';

  constructor(args: RandomArgs) {
    super({ name: args.name });
    this.seed = args.seed ?? null;
  }

  /** n numbers uniform in [-f, f]. */
  protected uniform(n: number, f: number): tf.Tensor1D {
    const seed = this.seed === null ? undefined : `${this.seed}:${this.stream}${this.draws++}`;
    return tf.randomUniform([n], -f, f, 'float32', seed);
  }

  /** The random transform of a batch (batch, height, width, channels). */
  abstract augment(x: tf.Tensor4D): tf.Tensor4D;

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs['training']) return x;
    return tf.tidy(() => this.augment(x as tf.Tensor4D));
  }

  override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), seed: this.seed };
  }
}

/** Rotation, translation and zoom: an affine matrix per image, applied by tf.image.transform. */
abstract class RandomAffineLayer extends RandomImageLayer {
  readonly fillMode: FillMode;
  readonly interpolation: Interpolation;
  readonly fillValue: number;

  constructor(args: AffineArgs) {
    super(args);
    this.fillMode = args.fillMode ?? 'reflect';
    this.interpolation = args.interpolation ?? 'bilinear';
    this.fillValue = args.fillValue ?? 0;
  }

  /** Per image [a0, a1, a2, b0, b1, b2, 0, 0]: input pixel (a0 x + a1 y + a2, b0 x + b1 y + b2) for output pixel (x, y). */
  abstract matrices(n: number, h: number, w: number): tf.Tensor2D;

  augment(x: tf.Tensor4D): tf.Tensor4D {
    const [n, h, w] = x.shape;
    return tf.image.transform(x, this.matrices(n, h, w), this.interpolation, this.fillMode, this.fillValue);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), fillMode: this.fillMode, interpolation: this.interpolation, fillValue: this.fillValue };
  }
}

/** Rows of 8 numbers from columns of n values each. */
function rows(columns: tf.Tensor1D[]): tf.Tensor2D {
  const n = columns[0].shape[0];
  return tf.concat([tf.stack(columns, 1), tf.zeros([n, 2])], 1) as tf.Tensor2D;
}

export class RandomRotation extends RandomAffineLayer {
  static className = 'RandomRotation';
  readonly factor: number;

  constructor(args: AffineArgs & { factor: number }) {
    super(args);
    this.factor = args.factor;
  }

  matrices(n: number, h: number, w: number): tf.Tensor2D {
    // Keras: an angle uniform in [-factor, factor] of a full turn, about the centre ((w - 1) / 2, (h - 1) / 2).
    const angle = this.uniform(n, this.factor * 2 * Math.PI);
    const [cos, sin] = [tf.cos(angle), tf.sin(angle)];
    const [cx, cy] = [(w - 1) / 2, (h - 1) / 2];
    return rows([cos, tf.neg(sin), tf.add(tf.sub(cx, tf.mul(cx, cos)), tf.mul(cy, sin)), sin, cos, tf.sub(tf.sub(cy, tf.mul(cx, sin)), tf.mul(cy, cos))]);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), factor: this.factor };
  }
}

export class RandomTranslation extends RandomAffineLayer {
  static className = 'RandomTranslation';
  readonly heightFactor: number;
  readonly widthFactor: number;

  constructor(args: AffineArgs & { heightFactor: number; widthFactor: number }) {
    super(args);
    this.heightFactor = args.heightFactor;
    this.widthFactor = args.widthFactor;
  }

  matrices(n: number, h: number, w: number): tf.Tensor2D {
    const dy = tf.mul(this.uniform(n, this.heightFactor), h) as tf.Tensor1D;
    const dx = tf.mul(this.uniform(n, this.widthFactor), w) as tf.Tensor1D;
    const [one, zero] = [tf.ones([n]), tf.zeros([n])] as tf.Tensor1D[];
    return rows([one, zero, tf.neg(dx), zero, one, tf.neg(dy)]);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heightFactor: this.heightFactor, widthFactor: this.widthFactor };
  }
}

export class RandomZoom extends RandomAffineLayer {
  static className = 'RandomZoom';
  readonly heightFactor: number;
  /** null: the width zooms as the height (Keras' width_factor=None). */
  readonly widthFactor: number | null;

  constructor(args: AffineArgs & { heightFactor: number; widthFactor?: number | null }) {
    super(args);
    this.heightFactor = args.heightFactor;
    this.widthFactor = args.widthFactor ?? null;
  }

  matrices(n: number, h: number, w: number): tf.Tensor2D {
    const zy = tf.add(1, this.uniform(n, this.heightFactor));
    const zx = this.widthFactor === null ? zy : tf.add(1, this.uniform(n, this.widthFactor));
    const zero = tf.zeros([n]) as tf.Tensor1D;
    return rows([zx, zero, tf.mul((w - 1) / 2, tf.sub(1, zx)), zero, zy, tf.mul((h - 1) / 2, tf.sub(1, zy))] as tf.Tensor1D[]);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heightFactor: this.heightFactor, widthFactor: this.widthFactor };
  }
}

type FlipMode = 'horizontal' | 'vertical' | 'horizontal_and_vertical';
const FLIP_AXES: Record<FlipMode, number[]> = { horizontal: [2], vertical: [1], horizontal_and_vertical: [1, 2] };

export class RandomFlip extends RandomImageLayer {
  static className = 'RandomFlip';
  readonly mode: FlipMode;

  constructor(args: RandomArgs & { mode?: FlipMode }) {
    super(args);
    this.mode = args.mode ?? 'horizontal_and_vertical';
  }

  augment(x: tf.Tensor4D): tf.Tensor4D {
    // Keras 3: one coin per image (uniform <= 0.5); horizontal_and_vertical flips both axes on it.
    const flip = tf.reshape(tf.cast(tf.lessEqual(this.uniform(x.shape[0], 0.5), 0), 'float32'), [-1, 1, 1, 1]);
    return tf.add(x, tf.mul(flip, tf.sub(tf.reverse(x, FLIP_AXES[this.mode]), x)));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), mode: this.mode };
  }
}

const CLASSES = [RandomRotation, RandomTranslation, RandomZoom, RandomFlip];
for (const cls of CLASSES) tf.serialization.registerClass(cls);

/** Their class names, e.g. for the training step's list of layers it runs as they are. */
export const AUGMENTATION_CLASSES: readonly string[] = CLASSES.map((c) => c.className);

/** The layers by the name the layer files give them (TfjsLayerCall.fn with custom: true). */
export const augmentationLayers: Record<string, (args: Record<string, unknown>) => tf.layers.Layer> = {
  randomRotation: (a) => new RandomRotation(a as unknown as ConstructorParameters<typeof RandomRotation>[0]),
  randomTranslation: (a) => new RandomTranslation(a as unknown as ConstructorParameters<typeof RandomTranslation>[0]),
  randomZoom: (a) => new RandomZoom(a as unknown as ConstructorParameters<typeof RandomZoom>[0]),
  randomFlip: (a) => new RandomFlip(a as unknown as ConstructorParameters<typeof RandomFlip>[0]),
};

/** The model's augmentation layers. */
export function augmentationLayersOf(model: tf.LayersModel): RandomImageLayer[] {
  return model.layers.filter((l): l is RandomImageLayer => l instanceof RandomImageLayer);
}

/**
 * Why the model cannot train, or null: tf.image.transform has no gradient in TensorFlow.js, so a
 * rotation, translation or zoom must come before every layer with weights (where Keras
 * augmentation usually sits, right after the Input).
 */
export function augmentationProblem(model: tf.LayersModel): string | null {
  for (const layer of augmentationLayersOf(model)) {
    if (!(layer instanceof RandomAffineLayer)) continue;
    const seen = new Set<tf.layers.Layer>();
    const before = (l: tf.layers.Layer): tf.layers.Layer | undefined => {
      for (const from of l.inboundNodes.flatMap((n) => n.inboundLayers)) {
        if (seen.has(from)) continue;
        seen.add(from);
        if (from.trainableWeights.length > 0) return from;
        const found = before(from);
        if (found) return found;
      }
      return undefined;
    };
    const weighted = before(layer);
    if (weighted) {
      return `${layer.getClassName()} "${layer.name}" comes after "${weighted.name}", a layer with weights: NetBuilder trains rotations, translations and zooms only before the first layer with weights (TensorFlow.js cannot take their gradient). Move it to just after the Input.`;
    }
  }
  return null;
}
