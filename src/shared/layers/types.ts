import type { Shape } from '../graph/model';
import type { ConfigReader, Json } from './kerasConfig';
import type { ParamsDef } from './params';

/** One editable parameter of a layer, as the inspector shows it; bounds come from its schema. */
export interface ParamField {
  key: string;
  label: string;
  /** 'regularizer': an {l1, l2} penalty or null, edited as two numbers (src/shared/layers/regularizer.ts). */
  type: 'int' | 'float' | 'pair' | 'enum' | 'bool' | 'ints' | 'regularizer';
  min?: number;
  max?: number;
  /** For 'enum'. */
  options?: readonly string[];
  /** May the value be null (e.g. pooling strides: null = same as pool size)? */
  nullable?: boolean;
  /** Shown in an empty entry, e.g. what null means. */
  placeholder?: string;
  /** For 'ints': how many numbers, and whether -1 ("whatever is left") is allowed. */
  minLength?: number;
  maxLength?: number;
  allowUnknown?: boolean;
  /** Names of a list's items in messages, e.g. "Input axis 2". */
  itemLabels?: readonly string[];
  lengthMessage?: string;
  /** One message for any problem with this value, when the generic wording would not help. */
  message?: (value: unknown) => string;
  /** Kept in the file and the Keras config, but not shown in the inspector. */
  hidden?: boolean;
  /** For learners: what the parameter does, in one or two sentences. */
  help: string;
  unit?: string;
}

/** A weight tensor the layer creates, as Keras' build() would: params = product of shape. */
export interface WeightShape {
  name: string;
  shape: number[];
  trainable: boolean;
}

/** The result of a shape rule: the output shape with how it was computed, or why it cannot be. */
export type ShapeResult = { shape: Shape; formula: string } | { error: string };

/** Where a layer sits in an exported PyTorch module. */
export interface TorchContext {
  /** The layer's input shape as Keras sees it (channels last); rank-4 tensors are NCHW in PyTorch. */
  input: Shape;
  /** The layer's submodule as the forward pass names it, e.g. "self.conv2d". */
  module: string;
  /** The Python expression of the layer's input, e.g. "x". */
  x: string;
  /** Every input's expression and shape in connection order (merge layers use these; x is the first). */
  xs: string[];
  inputs: Shape[];
}

/** One layer in PyTorch (NCHW), exactly equivalent to the Keras layer. */
export interface TorchCode {
  /** The submodule __init__ creates, e.g. "nn.Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1))"; none for layers without weights. */
  init?: string;
  /** The forward step: a Python expression of the input. */
  forward: string;
  /** How each Keras weight becomes a PyTorch parameter or buffer: numpy conversion of `w`, and why. */
  weights?: { torch: string; keras: string; convert?: string; why?: string }[];
  /** Terms the training loop adds to the loss: Keras' kernel/bias regularizers (PyTorch layers have none). */
  penalty?: string[];
  /** Python definitions the code needs (e.g. a module class), written once per script however many layers use them. */
  helpers?: string[];
}

/** A tf.layers factory call: tf.layers[fn](args). A kind may need more than one (e.g. leaky relu). */
export interface TfjsLayerCall {
  fn: string;
  args: Record<string, unknown>;
  /** Extra layers after the first are named "<layer>_<suffix>". */
  suffix?: string;
  /** A layer tfjs-layers lacks, which the engine defines itself (registered under its class name). */
  custom?: boolean;
}

export type LayerCategory = 'Input' | 'Convolution' | 'Pooling' | 'Core' | 'Merge' | 'Reshaping' | 'Activation' | 'Normalization' | 'Regularization' | 'Augmentation';

/**
 * Everything the app knows about one kind of layer. One file per kind under src/shared/layers;
 * the file format, inspector, shape inference, Keras import/export, code export and the engine
 * all loop over the registry of these.
 */
export interface LayerSpec<K extends string = string, P = Record<string, unknown>> {
  kind: K;
  /** As the palette and node cards show it, e.g. "Conv2D". */
  label: string;
  category: LayerCategory;
  description: string;
  params: ParamsDef<P>;
  /** How many inputs it takes: 0 for Input, 1 for most, 2 or more for merges. */
  inputs: { min: number; max: number };
  /** Key params in a few characters for node cards, e.g. "32 @ 3x3, relu". */
  describe(params: P): string;
  /** Cross-parameter checks the schema cannot express; messages say what to change. */
  check?(params: P): string[];
  /**
   * Output shape (batch axis first, null). `input` is the first input's shape, `inputs` all of
   * them in order (merge layers use those). Input layers ignore both.
   */
  outputShape(input: Shape, params: P, inputs?: Shape[]): ShapeResult;
  weightShapes(input: Shape, params: P, inputs?: Shape[]): WeightShape[];
  /** For learners: how the parameter count is made, e.g. "(3*3*32 + 1) * 64 = 18,496". */
  countFormula?(input: Shape, params: P): string;
  keras: {
    /** Keras class_name written on export, e.g. "MaxPooling2D". */
    className: string;
    /** Other class names this kind reads (e.g. Softmax as an Activation). */
    reads?: readonly string[];
    /** The kind-specific config fields (name, trainable and dtype are handled for every kind). */
    toConfig(params: P): Json;
    /** Reads the fields it models, checks the rest hold Keras' defaults. */
    fromConfig(config: ConfigReader, className: string): P;
  };
  /** The same layer in PyTorch, or why PyTorch has no exact equivalent of these settings (absent: not written yet). */
  torch?(ctx: TorchContext, params: P): TorchCode | { error: string };
  /** Why TensorFlow.js cannot train these settings, though it counts, runs and exports them (absent: it can). */
  trainProblem?(params: P): string | null;
  /** tf.layers calls that build it (input shapes given for kinds that need them). */
  tfjs(params: P, inputs: Shape[]): TfjsLayerCall[];
  /** Python Keras: the constructor and its arguments before name=, e.g. ["layers.Conv2D", "32", "kernel_size=(3, 3)"]. */
  python(params: P): { call: string; args: string[] };
}

/** A spec of any kind, for code that loops over the registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyLayerSpec = LayerSpec<string, any>;

/** Everything wrong with a layer's parameters: the schema's checks, then the kind's own. */
export function paramErrors<P>(spec: LayerSpec<string, P>, params: P): string[] {
  const errors = spec.params.validate(params);
  return errors.length > 0 || !spec.check ? errors : spec.check(params);
}

export function defineLayer<K extends string, P>(spec: LayerSpec<K, P>): LayerSpec<K, P> {
  return spec;
}
