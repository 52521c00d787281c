// The explanations of one layer of the learner's network, from what the feature maps computed:
// each layer's output for the image, and the weights of Conv2D and Dense layers.
import type { LayerNode } from '../graph/model';
import type { LayerActivation } from '../ipc/maps';
import { convUnit, type ConvUnit, type Kernel4 } from './conv';
import { denseActivate, denseLogits, denseUnit, type DenseUnit, type Kernel2 } from './dense';
import { poolUnit, type PoolUnit } from './pooling';
import { sampleLosses, softmax, type SampleLosses, type SoftmaxSteps } from './softmax';
import type { Tensor3 } from './window';

export interface Values {
  shape: number[];
  data: ArrayLike<number>;
}

/** The layer's input: the previous layer's output, or the image for the first layer. */
export function inputOf(layers: readonly LayerActivation[], image: Values, index: number): Values {
  return index === 0 ? image : layers[index - 1];
}

export type UnitExplanation =
  | { kind: 'conv2d'; unit: ConvUnit }
  | { kind: 'pooling'; unit: PoolUnit }
  | { kind: 'dense'; unit: DenseUnit; output: number };

export type UnitPosition = { row: number; col: number; channel: number };

const as3 = (v: Values): Tensor3 => {
  if (v.shape.length !== 3) throw new Error(`Expected an image-shaped input [h, w, c]; this one is [${v.shape.join(', ')}].`);
  return v as Tensor3;
};

function weightsOf<T extends Values>(node: LayerNode, values: LayerActivation, rank: number): { kernel: T; bias: ArrayLike<number> | null } {
  if (!values.kernel || values.kernel.shape.length !== rank) throw new Error(`${node.name} has no ${rank}-D kernel in these values.`);
  return { kernel: values.kernel as unknown as T, bias: values.bias?.data ?? null };
}

/** One output unit of a Conv2D or pooling layer (row, col, channel), or of a Dense layer (channel = unit). */
export function explainUnit(node: LayerNode, values: LayerActivation, input: Values, at: UnitPosition): UnitExplanation {
  switch (node.kind) {
    case 'conv2d': {
      const { kernel, bias } = weightsOf<Kernel4>(node, values, 4);
      return { kind: 'conv2d', unit: convUnit(as3(input), kernel, bias, node.params, at.row, at.col, at.channel) };
    }
    case 'maxPooling2d':
    case 'averagePooling2d':
      return { kind: 'pooling', unit: poolUnit(as3(input), node.params, node.kind === 'maxPooling2d' ? 'max' : 'average', at.row, at.col, at.channel) };
    case 'dense': {
      const { kernel, bias } = weightsOf<Kernel2>(node, values, 2);
      const unit = denseUnit(input.data, kernel, bias, at.channel);
      const logits = denseLogits(input.data, kernel, bias);
      return { kind: 'dense', unit, output: denseActivate(node.params.activation, logits)[at.channel] };
    }
    default:
      throw new Error(`${node.name} is a ${node.kind} layer: step-by-step explanations cover Conv2D, pooling and Dense layers.`);
  }
}

export interface DenseExplanation {
  logits: number[];
  /** After the layer's activation. */
  outputs: number[];
  /** When the activation is softmax. */
  softmax: SoftmaxSteps | null;
  /** This sample's losses when its true label is known and the outputs are probabilities. */
  losses: SampleLosses | null;
}

export function explainDense(node: Extract<LayerNode, { kind: 'dense' }>, values: LayerActivation, input: Values, label: number | null): DenseExplanation {
  const { kernel, bias } = weightsOf<Kernel2>(node, values, 2);
  const logits = denseLogits(input.data, kernel, bias);
  const sm = node.params.activation === 'softmax' ? softmax(logits) : null;
  const outputs = sm ? sm.probabilities : denseActivate(node.params.activation, logits);
  const losses = sm && label !== null && label < outputs.length ? sampleLosses(outputs, label) : null;
  return { logits, outputs, softmax: sm, losses };
}
