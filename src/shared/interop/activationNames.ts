// The one table between NetBuilder's activation names and Keras' (Python and to_json() alike).
import type { Activation } from '../graph/model';

/** Keras' name for each of NetBuilder's activations. */
export const KERAS_ACTIVATION: Record<Activation, string> = {
  linear: 'linear',
  relu: 'relu',
  sigmoid: 'sigmoid',
  softmax: 'softmax',
  tanh: 'tanh',
  leakyRelu: 'leaky_relu',
};

/** NetBuilder's activation for each name Keras writes (TF.js model.json spells one "leakyrelu"). */
export const ACTIVATION_FROM_KERAS: Record<string, Activation> = {
  ...Object.fromEntries(Object.entries(KERAS_ACTIVATION).map(([ours, keras]) => [keras, ours as Activation])),
  leakyrelu: 'leakyRelu',
};
