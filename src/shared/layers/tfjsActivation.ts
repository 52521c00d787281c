import type { Activation } from '../graph/model';
import type { TfjsLayerCall } from './types';

/**
 * The slope of NetBuilder's "leaky relu" activation: Keras' leaky_relu function (Keras 3's
 * default negative_slope), so a Conv2D(activation="leaky_relu") means the same in both.
 */
export const LEAKY_RELU_ACTIVATION_SLOPE = 0.2;

export type TfjsActivation = 'linear' | 'relu' | 'sigmoid' | 'softmax' | 'tanh';

/**
 * TF.js has no "leaky relu" activation string: a layer using it is built linear and followed by a
 * LeakyReLU layer with the same slope. Used by every kind with an activation.
 */
export function tfjsActivation(activation: Activation): { activation: TfjsActivation; extra: TfjsLayerCall[] } {
  return activation === 'leakyRelu'
    ? { activation: 'linear', extra: [{ fn: 'leakyReLU', args: { alpha: LEAKY_RELU_ACTIVATION_SLOPE }, suffix: 'leaky_relu' }] }
    : { activation, extra: [] };
}
