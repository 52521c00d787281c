// The network as one runnable Keras 3 script: build_model() returns it compiled with the app's
// optimizer, learning rate, loss and metrics; running the file trains and evaluates it as the app did.
import type { ParseResult } from '../../serialization/document';
import type { TrainOptions } from '../../training/options';
import { kerasModelCode } from '../code';
import { orderedLayers } from '../keras';
import { argsBlock, isRegression, settingsBlock, type ScriptInput } from './common';
import { dataBlock, dataUsage } from './data';

export interface KerasScriptInput extends ScriptInput {
  /** Build under tf.distribute: every GPU of this machine, or several machines with TF_CONFIG. */
  distribute: boolean;
}

function kerasOptimizer(o: TrainOptions): string {
  if (o.optimizer === 'sgd') return 'keras.optimizers.SGD(learning_rate=TRAINING["learning_rate"], momentum=TRAINING["momentum"])';
  if (o.optimizer === 'rmsprop') return 'keras.optimizers.RMSprop(learning_rate=TRAINING["learning_rate"])';
  return 'keras.optimizers.Adam(learning_rate=TRAINING["learning_rate"])';
}

const KERAS_DOWNLOAD = `def download_dataset(kind):
    """MNIST or Fashion-MNIST through keras.datasets (downloads once, into ~/.keras/datasets)."""
    return (keras.datasets.mnist if kind == "mnist" else keras.datasets.fashion_mnist).load_data()`;

const DISTRIBUTE = `
# Training on several GPUs or machines. MirroredStrategy uses every GPU of this machine (or the CPU).
# For several machines, run this same file on each with TF_CONFIG set: the same list of workers
# ("host:port") everywhere, and this machine's index in it, e.g. on the first of two machines
#   TF_CONFIG='{"cluster": {"worker": ["10.0.0.1:12345", "10.0.0.2:12345"]}, "task": {"type": "worker", "index": 0}}' python this_file.py
# and index 1 on the second. MultiWorkerMirroredStrategy then splits each batch between them and
# keeps one copy of the weights in step. batch_size is the global batch, over all machines.
def distribution_strategy():
    if "TF_CONFIG" in os.environ:
        return tf.distribute.MultiWorkerMirroredStrategy()
    return tf.distribute.MirroredStrategy()

`;

export function toKerasScript(input: KerasScriptInput): ParseResult<string> {
  const layers = orderedLayers(input.graph);
  if (!layers.ok) return layers;
  const [first] = layers.value;
  if (first.kind !== 'input') return { ok: false, error: 'The network must start with an Input layer.' };
  const o = input.options;
  const model = kerasModelCode(input.graph, layers.value, input.name.replace(/[^\w.-]/g, '_')).map((line) => `    ${line}`);
  const build = input.distribute ? '    with distribution_strategy().scope():\n        model = build_model()' : '    model = build_model()';
  const earlyStopping = `keras.callbacks.EarlyStopping(**TRAINING["early_stopping"])`;
  const script = `"""${input.name}: a network designed in NetBuilder, as a Keras 3 script.

Run it to train as NetBuilder did (same data set, optimizer, loss, epochs, batch size, validation
split, shuffling and early stopping) and evaluate on the test set:
${dataUsage(o.dataset.kind, input.fileName, 'keras.datasets')}
Importing it builds nothing: use build_model() and load_trained_weights(model).
Needs: pip install tensorflow keras numpy
"""
import argparse
import csv
import gzip
import io
import math
import os
import struct
import sys

import numpy as np
${input.distribute ? 'import tensorflow as tf\n' : ''}import keras
from keras import layers

${settingsBlock(input, first.params.shape)}


def build_model():
    """The network, compiled as NetBuilder trains it."""
${model.join('\n')}
    model.compile(optimizer=${kerasOptimizer(o)}, loss=TRAINING["loss"], metrics=${isRegression(o) ? '["mse", "mae"]' : '["accuracy"]'})
    return model


def load_trained_weights(model, path=WEIGHTS):
    """Sets the weights exported from NetBuilder, layer by layer (kernel, bias, gamma, ...)."""
    if not path or not os.path.exists(path):
        sys.exit("No weights from NetBuilder beside this script: train it in the app and export again.")
    with np.load(path) as weights:
        for layer in model.layers:
            if layer.weights:
                layer.set_weights([weights[f"{layer.name}/{w.name}"] for w in layer.weights])


${dataBlock(o.dataset.kind, KERAS_DOWNLOAD)}


${argsBlock(o.dataset.kind)}

${input.distribute ? DISTRIBUTE : ''}
def main(argv=None):
    args = parse_args(argv)
    (x_train, y_train), (x_test, y_test) = load_data(args.data_dir, args.limit)
    if TASK == "classification" and TRAINING["loss"] != "sparse_categorical_crossentropy":
        y_train, y_test = keras.utils.to_categorical(y_train, CLASSES), keras.utils.to_categorical(y_test, CLASSES)
${build}
    if args.resume or args.evaluate:
        load_trained_weights(model)
    model.summary()
    if not args.evaluate:
        callbacks = [${earlyStopping}] if TRAINING["early_stopping"] else []
        model.fit(
            x_train,
            y_train,
            epochs=args.epochs,
            batch_size=TRAINING["batch_size"],
            validation_split=TRAINING["validation_split"],
            shuffle=TRAINING["shuffle"],
            callbacks=callbacks,
            verbose=2,
        )
    if len(x_test):
        results = model.evaluate(x_test, y_test, batch_size=TRAINING["batch_size"], verbose=0, return_dict=True)
        print(", ".join(f"test {k} {results[k]:.4f}" for k in ["loss"] + sorted(k for k in results if k != "loss")))


if __name__ == "__main__":
    main()
`;
  return { ok: true, value: script };
}
