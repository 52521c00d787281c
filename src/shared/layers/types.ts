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
  /** Validation of params alone (e.g. dropout rate in [0, 1)); messages say what to change. */
  validate(params: LayerParamsByKind[K]): string[];
}
