// The network as one runnable PyTorch script: the equivalent nn.Module (NCHW), build_model(), the
// app's weights converted from Keras' layout, the same training loop options, and a
// DistributedDataParallel path when started with torchrun. Each layer kind writes its own code
// (LayerSpec.torch in src/shared/layers).
import type { Graph, LayerNode } from '../../graph/model';
import type { TrainOptions } from '../../training/options';
import type { ParseResult } from '../../serialization/document';
import { getSpec } from '../../layers/registry';
import type { TorchCode } from '../../layers/types';
import { inferGraph } from '../../shape/infer';
import { inputsOf, isChain } from '../../graph/ops';
import { orderedLayers } from '../keras';
import { argsBlock, isRegression, pythonNames, settingsBlock, type ScriptInput } from './common';
import { dataBlock, dataUsage } from './data';

interface TorchLayer {
  node: LayerNode;
  attr: string;
  /** The Python variable forward() keeps this layer's output in ("x" all along for a chain). */
  output: string;
  code: TorchCode;
}

/**
 * Each layer's PyTorch code, in order. A chain passes one "x" along; a network with branches keeps
 * every layer's output in a variable named after the layer, and merges take theirs in connection order.
 */
function torchLayers(graph: Graph, layers: LayerNode[]): ParseResult<TorchLayer[]> {
  const info = inferGraph(graph);
  const names = pythonNames(layers, ['forward', 'training', 'self', 'x', 'F', 'nn', 'torch']);
  const chain = isChain(graph);
  const inputs = inputsOf(graph);
  const outputOf = new Map<string, string>();
  const out: TorchLayer[] = [];
  for (const node of layers) {
    const attr = names.get(node.id)!;
    const output = chain || node.kind === 'input' ? 'x' : attr;
    outputOf.set(node.id, output);
    const xs = inputs.get(node.id)!.map((id) => outputOf.get(id)!);
    const shapes = node.kind === 'input' ? [] : info.nodes[node.id]!.inputShapes;
    const spec = getSpec(node.kind);
    if (!spec.torch) return { ok: false, error: `${node.name} cannot be exported to PyTorch yet: the PyTorch export has no ${spec.label} layer.` };
    const code = spec.torch({ input: shapes[0] ?? [], inputs: shapes, module: `self.${attr}`, x: xs[0] ?? 'x', xs }, node.params as never);
    if ('error' in code) return { ok: false, error: `${node.name} cannot be exported to PyTorch: ${code.error}` };
    out.push({ node, attr, output, code });
  }
  return { ok: true, value: out };
}

function torchOptimizer(o: TrainOptions): string {
  // Keras' epsilon (1e-7) and RMSprop's rho (0.9), so the steps are the same.
  if (o.optimizer === 'sgd') return 'torch.optim.SGD(parameters, lr=TRAINING["learning_rate"], momentum=TRAINING["momentum"])';
  if (o.optimizer === 'rmsprop') return 'torch.optim.RMSprop(parameters, lr=TRAINING["learning_rate"], alpha=0.9, eps=1e-7)';
  return 'torch.optim.Adam(parameters, lr=TRAINING["learning_rate"], betas=(0.9, 0.999), eps=1e-7)';
}

/** Keras' losses on the model's outputs (probabilities, not logits), clipped as Keras clips them; real-valued targets as they are. */
function torchLoss(o: TrainOptions): string {
  const target = isRegression(o) ? 'labels.view_as(output)' : 'F.one_hot(labels, CLASSES).float()';
  switch (o.loss) {
    case 'categoricalCrossentropy':
    case 'sparseCategoricalCrossentropy':
      return 'F.nll_loss(torch.log(output.clamp(EPSILON, 1 - EPSILON)), labels)';
    case 'binaryCrossentropy':
      return 'F.binary_cross_entropy(output.clamp(EPSILON, 1 - EPSILON), F.one_hot(labels, CLASSES).float())';
    case 'meanSquaredError':
      return `F.mse_loss(output, ${target})`;
    case 'meanAbsoluteError':
      return `F.l1_loss(output, ${target})`;
    case 'huber':
      return `F.huber_loss(output, ${target}, delta=1.0)`;
  }
}

const TORCH_DOWNLOAD = `def download_dataset(kind):
    """MNIST or Fashion-MNIST through torchvision (downloads once, into ./data)."""
    try:
        from torchvision import datasets
    except ImportError:
        sys.exit("Downloading MNIST needs torchvision (pip install torchvision); or give the idx files with --data-dir DIR.")
    cls = datasets.MNIST if kind == "mnist" else datasets.FashionMNIST
    train, test = cls("data", train=True, download=True), cls("data", train=False, download=True)
    return (train.data.numpy(), train.targets.numpy()), (test.data.numpy(), test.targets.numpy())`;

/** Keras' kernel/bias regularizers, which PyTorch layers do not have, as a term of the loss. */
function regularizationMethod(terms: string[]): string {
  return `
    def regularization(self):
        """Keras' kernel_regularizer / bias_regularizer: l1 * sum(|w|) + l2 * sum(w ** 2), added to
        the loss (and to the loss reported for training, validation and test, as Keras reports it).
        Not PyTorch's weight_decay: that changes the optimizer's step instead of the loss, adds
        weight_decay * w rather than 2 * l2 * w, and under Adam is scaled by Adam's statistics."""
        return ${terms.join(' + ')}
`;
}

export function toPytorchScript(input: ScriptInput): ParseResult<string> {
  const ordered = orderedLayers(input.graph);
  if (!ordered.ok) return ordered;
  const [first] = ordered.value;
  if (first.kind !== 'input') return { ok: false, error: 'The network must start with an Input layer.' };
  const layers = torchLayers(input.graph, ordered.value);
  if (!layers.ok) return layers;
  const o = input.options;
  // Definitions some layers need (e.g. the augmentation modules), once each, before the network.
  const helpers = [...new Set(layers.value.flatMap((l) => l.code.helpers ?? []))].map((h) => `${h}\n\n\n`).join('');
  const inits = layers.value.filter((l) => l.code.init).map((l) => `        self.${l.attr} = ${l.code.init}`);
  const steps = layers.value.filter((l) => l.node.kind !== 'input').map((l) => `        ${l.output} = ${l.code.forward}  # ${l.node.name}`);
  const result = layers.value[layers.value.length - 1]!.output;
  // Keras 3 adds the penalties of trainable weights only: a frozen layer's are left out.
  const penalty = layers.value.filter((l) => l.node.trainable !== false).flatMap((l) => l.code.penalty ?? []);
  const weightLines = layers.value.flatMap((l) =>
    (l.code.weights ?? []).map((w) => {
      const source = `weights["${l.node.name}/${w.keras}"]`;
      const value = w.convert ? w.convert.replace(/^w\b/, source) : source;
      return `        "${l.attr}.${w.torch}": ${value},${w.why ? `  # ${w.why}` : ''}`;
    }),
  );
  const script = `"""${input.name}: a network designed in NetBuilder, as a PyTorch script.

The same layers as the Keras model, in PyTorch's NCHW layout (Keras: NHWC). Run it to train as
NetBuilder did (same data set, optimizer, loss, epochs, batch size, validation split, shuffling
and early stopping) and evaluate on the test set:
${dataUsage(o.dataset.kind, input.fileName, 'torchvision')}
On several processes or machines, with DistributedDataParallel (one process per CPU or GPU):
    torchrun --nproc_per_node=2 ${input.fileName}
    torchrun --nnodes=2 --node_rank=0 --master_addr=10.0.0.1 --master_port=29500 --nproc_per_node=1 ${input.fileName}  # on the first machine
    torchrun --nnodes=2 --node_rank=1 --master_addr=10.0.0.1 --master_port=29500 --nproc_per_node=1 ${input.fileName}  # on the second
Each process trains on its share of every epoch; batch_size is per process, as in PyTorch.
Importing it builds nothing: use build_model() and load_trained_weights(model).
Needs: pip install torch numpy
"""
import argparse
import copy
import csv
import gzip
import io
import math
import os
import struct
import sys

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

${settingsBlock(input, first.params.shape)}
EPSILON = 1e-7  # Keras' clipping of probabilities in its cross-entropy losses


${helpers}class Net(nn.Module):
    """The NetBuilder network. Images go in as NCHW; it returns what the Keras model returns."""

    def __init__(self):
        super().__init__()
${inits.length ? inits.join('\n') : '        pass'}

    def forward(self, x):
${steps.join('\n')}
        return ${result}
${penalty.length ? regularizationMethod(penalty) : ''}


def build_model():
    return Net()


def load_trained_weights(model, path=WEIGHTS):
    """Loads the weights exported from NetBuilder (Keras layout) into the PyTorch layout."""
    if not path or not os.path.exists(path):
        sys.exit("No weights from NetBuilder beside this script: train it in the app and export again.")
    weights = np.load(path)
    state = {
${weightLines.join('\n')}
    }
    result = model.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in state.items()}, strict=False)
    missing = [k for k in result.missing_keys if not k.endswith("num_batches_tracked")]
    if missing or result.unexpected_keys:
        sys.exit(f"The weights do not fit the network: missing {missing}, unexpected {result.unexpected_keys}")


def make_optimizer(parameters):
    return ${torchOptimizer(o)}


def loss_fn(output, labels):
    return ${torchLoss(o)}


class EarlyStopping:
    """Keras' EarlyStopping: stop once monitor has not improved by more than min_delta for patience epochs."""

    def __init__(self, monitor, patience, min_delta, restore_best_weights):
        self.monitor, self.patience, self.min_delta = monitor, patience, abs(min_delta)
        self.restore_best_weights = restore_best_weights
        self.higher_is_better = "acc" in monitor
        self.best, self.wait, self.best_state = None, 0, None

    def improved(self, value):
        if self.best is None:
            return True
        return value - self.min_delta > self.best if self.higher_is_better else value + self.min_delta < self.best

    def should_stop(self, epoch, logs, model):
        value = logs.get(self.monitor)
        if value is None:
            return False
        self.wait += 1
        if self.improved(value):
            self.best, self.wait = value, 0
            if self.restore_best_weights:
                self.best_state = copy.deepcopy(model.state_dict())
            return False
        if self.wait >= self.patience and epoch > 1:
            if self.best_state is not None:
                model.load_state_dict(self.best_state)
                print(f"Restored the weights of the best epoch ({self.monitor} {self.best:.4f}).")
            return True
        return False


${dataBlock(o.dataset.kind, TORCH_DOWNLOAD)}


${argsBlock(o.dataset.kind)}


def to_tensors(x, y):
    """Numpy NHWC images -> a dataset of NCHW tensors."""
    x = torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2) if x.ndim == 4 else x))
    return TensorDataset(x, torch.from_numpy(y))


def metric_sums(output, labels):
    """The compiled metrics summed over a batch: accuracy for classes, MSE and MAE for real values."""
    if TASK == "regression":
        error = output.detach().view(-1) - labels.view(-1)
        return {"mse": (error**2).sum().item(), "mae": error.abs().sum().item()}
    return {"accuracy": (output.argmax(1) == labels).sum().item()}


def evaluate(model, dataset, batch_size):
    """Mean loss and metrics over a dataset."""
    model.eval()
    sums = {}
    with torch.no_grad():
        for images, labels in DataLoader(dataset, batch_size=batch_size):
            output = model(images)
            for k, v in {"loss": loss_fn(output, labels).item() * len(labels), **metric_sums(output, labels)}.items():
                sums[k] = sums.get(k, 0.0) + v
    results = {k: v / len(dataset) for k, v in sums.items()}
${penalty.length ? '    results["loss"] += model.regularization().item()  # Keras reports the loss with the penalty\n' : ''}    return results


def main(argv=None):
    args = parse_args(argv)
    distributed = "WORLD_SIZE" in os.environ  # started by torchrun
    if distributed:
        dist.init_process_group("gloo")
    first = not distributed or dist.get_rank() == 0
    (x_train, y_train), (x_test, y_test) = load_data(args.data_dir, args.limit)
    # Keras keeps the last validation_split of the samples for validation, before any shuffling.
    split = math.ceil(len(x_train) * (1 - TRAINING["validation_split"]))
    train, validation = to_tensors(x_train[:split], y_train[:split]), to_tensors(x_train[split:], y_train[split:])
    model = build_model()
    if args.resume or args.evaluate:
        load_trained_weights(model)
    if first:
        print(model)
        print(f"Trainable params: {sum(p.numel() for p in model.parameters() if p.requires_grad):,}")
    net = nn.parallel.DistributedDataParallel(model) if distributed else model
    optimizer = make_optimizer(net.parameters())
    sampler = DistributedSampler(train, shuffle=TRAINING["shuffle"]) if distributed else None
    loader = DataLoader(train, batch_size=TRAINING["batch_size"], shuffle=TRAINING["shuffle"] and sampler is None, sampler=sampler)
    stopper = EarlyStopping(**TRAINING["early_stopping"]) if TRAINING["early_stopping"] else None
    for epoch in range(1, 0 if args.evaluate else args.epochs + 1):
        if sampler:
            sampler.set_epoch(epoch)
        net.train()
        seen, sums = 0, {}
        for images, labels in loader:
            optimizer.zero_grad()
            output = net(images)
            loss = loss_fn(output, labels)${penalty.length ? ' + model.regularization()' : ''}
            loss.backward()
            optimizer.step()
            seen += len(labels)
            for k, v in {"loss": loss.item() * len(labels), **metric_sums(output, labels)}.items():
                sums[k] = sums.get(k, 0.0) + v
        logs = {k: v / seen for k, v in sums.items()}
        if len(validation):
            logs.update({f"val_{k}": v for k, v in evaluate(model, validation, TRAINING["batch_size"]).items()})
        if first:
            print(f"Epoch {epoch}/{args.epochs} - " + " - ".join(f"{k}: {v:.4f}" for k, v in logs.items()))
        if stopper and stopper.should_stop(epoch, logs, model):
            break
    if first and len(x_test):
        results = evaluate(model, to_tensors(x_test, y_test), TRAINING["batch_size"])
        print(", ".join(f"test {k} {results[k]:.4f}" for k in ["loss"] + sorted(k for k in results if k != "loss")))
    if distributed:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`;
  return { ok: true, value: script };
}
