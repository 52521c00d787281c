"""Builds the test networks in real Keras and writes what Keras says about them.

Writes tests/fixtures/keras/cases.json: for each case, the model's to_json() and, per layer,
the output shape, parameter counts and the summary's "Connected to" column, as Keras computes
them. The unit tests (tests/unit/interop/keras-cases.test.ts) import the JSON and compare, so
they need no Python. Regenerate after adding a case:

    python3 -m venv .venv && .venv/bin/pip install tensorflow-cpu==2.21.0 keras
    .venv/bin/python tests/keras/expected.py
"""

import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
from keras import layers, regularizers  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "keras", "cases.json")


def seq(shape, *ls, name=None):
    return keras.Sequential([keras.Input(shape), *ls], name=name)


def count(weights):
    return int(sum(int(w.numpy().size) for w in weights))


def connected_to(layer, model):
    """Keras' summary column for Functional models (keras/src/utils/summary_utils.py)."""
    relevant = {id(n) for v in model._nodes_by_depth.values() for n in v}
    parts = []
    for node in layer._inbound_nodes:
        if id(node) not in relevant:
            continue
        for kt in node.input_tensors:
            h = kt._keras_history
            parts.append(f"{h.operation.name}[{h.node_index}][{h.tensor_index}]")
    return ", ".join(parts) or "-"


def describe(model):
    functional = not isinstance(model, keras.Sequential)
    rows = []
    for layer in model.layers:
        rows.append({
            "name": layer.name,
            "class": layer.__class__.__name__,
            "shape": list(layer.output.shape),
            "params": count(layer.weights),
            "trainable": count(layer.trainable_weights),
            "nonTrainable": count(layer.non_trainable_weights),
            "connectedTo": connected_to(layer, model) if functional else None,
        })
    return {
        "functional": functional,
        "layers": rows,
        "totalParams": model.count_params(),
        "trainableParams": count(model.trainable_weights),
        "nonTrainableParams": count(model.non_trainable_weights),
        "json": json.loads(model.to_json()),
    }


def residual():
    i = keras.Input((16, 16, 8), name="image")
    x = layers.Conv2D(8, 3, padding="same", activation="relu")(i)
    x = layers.BatchNormalization()(x)
    x = layers.Conv2D(8, 3, padding="same")(x)
    x = layers.Add()([i, x])
    x = layers.ReLU()(x)
    # A projection shortcut: 1x1 Conv2D with stride 2 to match the downsampled branch.
    y = layers.Conv2D(16, 3, strides=2, padding="same", activation="relu")(x)
    s = layers.Conv2D(16, 1, strides=2)(x)
    x = layers.Add()([y, s])
    x = layers.GlobalAveragePooling2D()(x)
    o = layers.Dense(10, activation="softmax")(x)
    return keras.Model(i, o, name="residual")


def inception_block(stem):
    """1x1, 3x3, 5x5 and pooling branches, joined by Concatenate in this order."""
    a = layers.Conv2D(8, 1, activation="relu")(stem)
    b = layers.Conv2D(8, 1, activation="relu")(stem)
    b = layers.Conv2D(12, 3, padding="same", activation="relu")(b)
    c = layers.Conv2D(4, 1, activation="relu")(stem)
    c = layers.Conv2D(6, 5, padding="same", activation="relu")(c)
    d = layers.MaxPooling2D(3, strides=1, padding="same")(stem)
    d = layers.Conv2D(6, 1, activation="relu")(d)
    return layers.Concatenate()([a, b, c, d])


def inception(pooled_stem=False, name="inception"):
    i = keras.Input((28, 28, 1))
    stem = layers.Conv2D(16, 3, padding="same", activation="relu")(i)
    if pooled_stem:
        stem = layers.MaxPooling2D()(stem)
    x = inception_block(stem)
    x = layers.MaxPooling2D()(x)
    x = layers.Flatten()(x)
    o = layers.Dense(10, activation="softmax")(x)
    return keras.Model(i, o, name=name)


def example_residual():
    """The gallery's residual network (src/shared/examples): an identity shortcut around two convolutions."""
    i = keras.Input((28, 28, 1))
    x = layers.Conv2D(16, 3, padding="same", activation="relu")(i)
    x = layers.MaxPooling2D()(x)
    y = layers.Conv2D(16, 3, padding="same", activation="relu")(x)
    y = layers.Conv2D(16, 3, padding="same")(y)
    x = layers.Add()([x, y])
    x = layers.ReLU()(x)
    x = layers.MaxPooling2D()(x)
    x = layers.Flatten()(x)
    o = layers.Dense(10, activation="softmax")(x)
    return keras.Model(i, o)


def example_inception():
    """The gallery's Inception-style block: the stem pooled to 14x14 before the branches."""
    return inception(pooled_stem=True, name="functional")


def merges():
    i = keras.Input((8, 8, 4))
    a = layers.Conv2D(4, 1)(i)
    b = layers.Conv2D(4, 3, padding="same")(i)
    m = layers.Multiply()([a, b])
    v = layers.Average()([i, a, b])
    c = layers.Concatenate(axis=1)([m, v])
    c2 = layers.Concatenate(axis=-1)([c, c])
    x = layers.ZeroPadding2D(((1, 2), (0, 3)))(c2)
    x = layers.UpSampling2D((2, 1))(x)
    x = layers.GlobalMaxPooling2D(keepdims=True)(x)
    x = layers.Reshape((-1,))(x)
    o = layers.Dense(3)(x)
    return keras.Model(i, o, name="merges")


def frozen():
    i = keras.Input((12, 12, 3))
    x = layers.Conv2D(6, 3, trainable=False)(i)
    x = layers.BatchNormalization(trainable=False)(x)
    x = layers.LeakyReLU(negative_slope=0.1)(x)
    x = layers.Conv2D(6, 3, dilation_rate=2, padding="same")(x)
    x = layers.Flatten()(x)
    x = layers.Dense(4, trainable=False)(x)
    return keras.Model(i, x, name="frozen")


CASES = {
    # One layer kind each, after an Input (Sequential).
    "conv2d": lambda: seq((28, 28, 1), layers.Conv2D(32, 3, activation="relu")),
    "conv2d-strided-same": lambda: seq((28, 28, 3), layers.Conv2D(16, 5, strides=2, padding="same", use_bias=False)),
    "conv2d-dilated": lambda: seq((32, 32, 3), layers.Conv2D(8, 3, dilation_rate=2)),
    "conv2d-dilated-same": lambda: seq((15, 17, 2), layers.Conv2D(4, (3, 5), dilation_rate=(2, 3), padding="same")),
    "conv2d-grouped": lambda: seq((16, 16, 16), layers.Conv2D(16, 3, groups=4)),
    "conv2d-grouped-nobias": lambda: seq((10, 10, 6), layers.Conv2D(12, 3, groups=3, use_bias=False, padding="same")),
    "maxpool-same": lambda: seq((13, 13, 4), layers.MaxPooling2D(3, strides=2, padding="same")),
    "avgpool": lambda: seq((9, 9, 2), layers.AveragePooling2D(2)),
    "gap": lambda: seq((7, 7, 5), layers.GlobalAveragePooling2D()),
    "gap-keepdims": lambda: seq((7, 7, 5), layers.GlobalAveragePooling2D(keepdims=True)),
    "gmp": lambda: seq((7, 7, 5), layers.GlobalMaxPooling2D()),
    "gmp-keepdims": lambda: seq((7, 7, 5), layers.GlobalMaxPooling2D(keepdims=True)),
    "flatten": lambda: seq((5, 4, 3), layers.Flatten()),
    "dropout": lambda: seq((10,), layers.Dropout(0.3)),
    "dense": lambda: seq((784,), layers.Dense(128, activation="relu")),
    "dense-3d": lambda: seq((6, 5), layers.Dense(7, use_bias=False)),
    "batchnorm": lambda: seq((8, 8, 4), layers.BatchNormalization(center=False, momentum=0.9)),
    "activation": lambda: seq((10,), layers.Activation("tanh")),
    "softmax": lambda: seq((10,), layers.Softmax()),
    "softmax-axis": lambda: seq((4, 5), layers.Softmax(axis=1)),
    "reshape": lambda: seq((16,), layers.Reshape((4, 4, 1))),
    "reshape-unknown": lambda: seq((6, 4), layers.Reshape((-1, 2))),
    "zeropad": lambda: seq((5, 5, 1), layers.ZeroPadding2D(1)),
    "zeropad-asym": lambda: seq((5, 6, 2), layers.ZeroPadding2D(((1, 2), (3, 4)))),
    "upsample": lambda: seq((4, 4, 3), layers.UpSampling2D(2)),
    "upsample-bilinear": lambda: seq((4, 5, 3), layers.UpSampling2D((2, 3), interpolation="bilinear")),
    "leakyrelu": lambda: seq((10,), layers.LeakyReLU()),
    "leakyrelu-slope": lambda: seq((10,), layers.LeakyReLU(negative_slope=0.1)),
    "relu": lambda: seq((10,), layers.ReLU()),
    "relu6": lambda: seq((10,), layers.ReLU(max_value=6.0)),
    "relu-leaky-threshold": lambda: seq((10,), layers.ReLU(negative_slope=0.1, threshold=0.5)),
    "frozen-dense": lambda: seq((20,), layers.Dense(8, trainable=False), layers.Dense(2)),
    "frozen-batchnorm": lambda: seq((4, 4, 3), layers.BatchNormalization(trainable=False)),
    "dense-l2": lambda: seq((20,), layers.Dense(8, activation="relu", kernel_regularizer=regularizers.L2(0.01), bias_regularizer=regularizers.L1(0.001))),
    "conv2d-l1l2": lambda: seq((8, 8, 2), layers.Conv2D(4, 3, kernel_regularizer=regularizers.L1L2(l1=0.001, l2=0.01), bias_regularizer=regularizers.L2(0.5))),
    "random-rotation": lambda: seq((28, 28, 1), layers.RandomRotation(0.1)),
    "random-rotation-constant": lambda: seq((28, 28, 3), layers.RandomRotation(-0.25, fill_mode="constant", interpolation="nearest", fill_value=0.5, seed=7)),
    "random-translation": lambda: seq((28, 28, 1), layers.RandomTranslation(0.1, 0.2)),
    "random-translation-wrap": lambda: seq((20, 24, 2), layers.RandomTranslation((-0.3, 0.3), 0.05, fill_mode="wrap", seed=11)),
    "random-zoom": lambda: seq((32, 32, 3), layers.RandomZoom(0.2)),
    "random-zoom-width": lambda: seq((16, 16, 1), layers.RandomZoom(0.3, 0.1, fill_mode="nearest", interpolation="nearest", seed=3)),
    "random-flip": lambda: seq((28, 28, 1), layers.RandomFlip()),
    "random-flip-horizontal": lambda: seq((8, 8, 3), layers.RandomFlip("horizontal", seed=5)),
    # Whole networks.
    "mnist-cnn": lambda: seq((28, 28, 1), layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(), layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(), layers.Flatten(), layers.Dropout(0.5), layers.Dense(10, activation="softmax")),
    "augmented-cnn": lambda: seq((28, 28, 1), layers.RandomRotation(0.05), layers.RandomTranslation(0.1, 0.1), layers.RandomZoom(0.1), layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(), layers.Flatten(), layers.Dense(10, activation="softmax")),
    "residual": residual,
    "inception": inception,
    "merges": merges,
    "frozen": frozen,
    # The examples gallery's branching networks, built with Keras' default names.
    "example-residual": example_residual,
    "example-inception": example_inception,
}


def main():
    out = {"_comment": "Written by tests/keras/expected.py with Keras " + keras.__version__ + ": what real Keras says about each case. Do not edit by hand."}
    for name, build in CASES.items():
        keras.backend.clear_session()
        out[name] = describe(build())
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {len(CASES)} cases to {os.path.relpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
