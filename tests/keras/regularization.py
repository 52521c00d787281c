"""One SGD step of small regularized networks in real Keras, for the engine's tests.

Writes tests/fixtures/keras/regularization.json: per case, the layers' settings, the weights
before the step, a batch (x, one-hot y), and what Keras computes on it: the data loss, the
regularization loss (sum(model.losses)), the loss train_on_batch reports (their sum), the loss
evaluate reports, and the weights after one plain SGD step. tests/unit/engine/regularization.test.ts
compares the engine with it. Regenerate with:

    python3 -m venv .venv && .venv/bin/pip install tensorflow-cpu==2.21.0 keras
    .venv/bin/python tests/keras/regularization.py
"""

import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers, regularizers  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "keras", "regularization.json")
LEARNING_RATE = 0.1


def mlp():
    return keras.Sequential([
        keras.Input((4,)),
        layers.Dense(5, activation="relu", kernel_regularizer=regularizers.L1L2(l1=0.01, l2=0.02), bias_regularizer=regularizers.L1(0.05)),
        layers.Dense(3, activation="softmax", kernel_regularizer=regularizers.L2(0.1)),
    ])


def cnn():
    return keras.Sequential([
        keras.Input((6, 6, 1)),
        layers.Conv2D(2, 3, activation="relu", kernel_regularizer=regularizers.L2(0.05), bias_regularizer=regularizers.L1L2(l1=0.02, l2=0.03)),
        layers.Flatten(),
        layers.Dense(3, activation="softmax", kernel_regularizer=regularizers.L1(0.01), bias_regularizer=regularizers.L1(0.1)),
    ])


def regularizer(r):
    if r is None:
        return None
    c = r.get_config()
    return {"l1": float(c.get("l1", 0.0)), "l2": float(c.get("l2", 0.0))}


def case(build, rng, zero_bias):
    keras.backend.clear_session()
    model = build()
    # Weights from a seed; one bias left at 0 as Keras initialises it, where |b| has no gradient.
    weights = [rng.uniform(-0.5, 0.5, w.shape).astype("float32") for w in model.get_weights()]
    weights[zero_bias] = np.zeros_like(weights[zero_bias])
    model.set_weights(weights)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=LEARNING_RATE), loss="categorical_crossentropy")
    x = rng.uniform(-1, 1, (6, *model.input_shape[1:])).astype("float32")
    y = np.eye(3, dtype="float32")[rng.integers(0, 3, 6)]
    data_loss = float(keras.losses.CategoricalCrossentropy()(y, model(x, training=True)))
    reg_loss = float(sum(float(l) for l in model.losses))
    evaluated = float(model.evaluate(x, y, verbose=0))
    trained = float(model.train_on_batch(x, y, return_dict=True)["loss"])
    return {
        "layers": [
            {"class": l.__class__.__name__, "config": {k: l.get_config()[k] for k in ("units", "filters", "kernel_size", "activation") if k in l.get_config()},
             "kernelRegularizer": regularizer(getattr(l, "kernel_regularizer", None)), "biasRegularizer": regularizer(getattr(l, "bias_regularizer", None))}
            for l in model.layers
        ],
        "inputShape": list(model.input_shape[1:]),
        "learningRate": LEARNING_RATE,
        "weights": [{"shape": list(w.shape), "values": w.ravel().tolist()} for w in weights],
        "x": x.ravel().tolist(),
        "y": y.ravel().tolist(),
        "dataLoss": data_loss,
        "regLoss": reg_loss,
        "evaluateLoss": evaluated,
        "trainLoss": trained,
        "weightsAfter": [w.ravel().tolist() for w in model.get_weights()],
    }


def main():
    rng = np.random.default_rng(16)
    out = {
        "_comment": "Written by tests/keras/regularization.py with Keras " + keras.__version__ + ". Do not edit by hand.",
        # Dense kernel L1L2 and bias L1 (bias at 0), then Dense kernel L2 with no bias penalty.
        "mlp": case(mlp, rng, zero_bias=1),
        # Conv2D kernel L2 and bias L1L2, Dense kernel L1 and bias L1 (at 0).
        "cnn": case(cnn, rng, zero_bias=3),
    }
    with open(OUT, "w") as f:
        json.dump(out, f)
        f.write("\n")


if __name__ == "__main__":
    main()
