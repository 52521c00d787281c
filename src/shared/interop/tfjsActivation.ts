import type { Activation } from '../graph/model';

/** Keras' LeakyReLU layer default slope, which NetBuilder's "leaky relu" uses everywhere. */
export const LEAKY_RELU_ALPHA = 0.3;

export type TfjsActivation = 'linear' | 'relu' | 'sigmoid' | 'softmax' | 'tanh';

/**
 * TF.js has no "leaky relu" activation string: a layer using it is built linear and followed by a
 * LeakyReLU layer. Shared by the engine (building models) and the TF.js code export.
 */
export function splitActivation(activation: Activation): { activation: TfjsActivation; leaky: boolean } {
  return activation === 'leakyRelu' ? { activation: 'linear', leaky: true } : { activation, leaky: false };
}
