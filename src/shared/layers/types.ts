import type { LayerKind, LayerParamsByKind, Shape } from '../graph/model';

/** One editable parameter of a layer, as the inspector shows it. */
export interface ParamField {
  key: string;
  label: string;
  type: 'int' | 'float' | 'pair' | 'enum' | 'bool' | 'shape';
  min?: number;
  max?: number;
  /** For 'enum'. */
  options?: readonly string[];
  /** May the value be null (e.g. pooling strides: null = same as pool size)? */
  nullable?: boolean;
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
}

/** One layer in PyTorch (NCHW), exactly equivalent to the Keras layer. */
export interface TorchCode {
  /** The submodule __init__ creates, e.g. "nn.Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1))"; none for layers without weights. */
  init?: string;
  /** The forward step: a Python expression of the input. */
  forward: string;
  /** How each Keras weight becomes a PyTorch parameter or buffer: numpy conversion of `w`, and why. */
  weights?: { torch: string; keras: string; convert?: string; why?: string }[];
}

/** Everything the app knows about one kind of layer. One file per kind under src/shared/layers. */
export interface LayerSpec<K extends LayerKind = LayerKind> {
  kind: K;
  /** As the palette and node cards show it, e.g. "Conv2D". */
  label: string;
  /** Keras class_name, e.g. "MaxPooling2D". */
  kerasClass: string;
  category: 'Input' | 'Convolution' | 'Pooling' | 'Core' | 'Normalization' | 'Regularization';
  description: string;
  defaults: LayerParamsByKind[K];
  fields: readonly ParamField[];
  /** Key params in a few characters for node cards, e.g. "32 @ 3x3, relu". */
  describe(params: LayerParamsByKind[K]): string;
  /** Output shape for one input shape (batch axis first, null). Input layers ignore `input`. */
  outputShape(input: Shape, params: LayerParamsByKind[K]): ShapeResult;
  weightShapes(input: Shape, params: LayerParamsByKind[K]): WeightShape[];
  /** For learners: how the parameter count is made, e.g. "(3*3*32 + 1) * 64 = 18,496". */
  countFormula?(input: Shape, params: LayerParamsByKind[K]): string;
  /**
   * The same layer in PyTorch, or why PyTorch has no exact equivalent of these settings. A kind
   * without it is refused by the PyTorch export with a message, and exports everywhere else.
   */
  torch?(ctx: TorchContext, params: LayerParamsByKind[K]): TorchCode | { error: string };
  /** Validation of params alone (e.g. dropout rate in [0, 1)); messages say what to change. */
  validate(params: LayerParamsByKind[K]): string[];
}
