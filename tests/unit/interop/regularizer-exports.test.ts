// Kernel and bias regularizers in the exported scripts, run in real Keras 3 and PyTorch: with the
// same weights and batch, the PyTorch script's penalty is Keras' sum(model.losses), its loss is
// Keras' loss, and one plain SGD step (the penalty's gradient included) leaves the same weights.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sequentialGraph } from '@shared/graph/ops';
import { exportFiles } from '@shared/interop/exports';
import { toNpy } from '@shared/interop/npz';
import { TrainOptionsSchema } from '@shared/training/options';
import { rng } from '@shared/random';
import { initBackend } from '../../../src/engine/backend';
import { buildModel } from '../../../src/engine/buildModel';
import { getWeights } from '../../../src/engine/weights';
import { LOAD_EXPORTED, pythonEnv, pythonWithFrameworks } from '../helpers/python';
import { network } from '../helpers/network';

const { python, skip } = pythonWithFrameworks();
if (skip) console.warn(`SKIPPED: the regularized exports were not run in Keras and PyTorch: ${skip}`);

const STEP = `${LOAD_EXPORTED}x = np.load("x.npy")
labels = np.load("y.npy").astype("int64")
k = load("reg.py")
km = k.build_model()
k.load_trained_weights(km)
onehot = np.eye(3, dtype="float32")[labels]
keras_penalty = float(sum(float(l) for l in km.losses))
keras_loss = float(km.evaluate(x, onehot, verbose=0)[0])
km.train_on_batch(x, onehot)
keras_after = [w.numpy().ravel().tolist() for w in km.weights]
import torch
t = load("reg_pytorch.py")
tm = t.build_model()
t.load_trained_weights(tm)
optimizer = torch.optim.SGD(tm.parameters(), lr=0.1)
output = tm(torch.from_numpy(x))
penalty = tm.regularization()
loss = t.loss_fn(output, torch.from_numpy(labels)) + penalty
loss.backward()
optimizer.step()
# PyTorch's Linear keeps (units, inputs): transposed back to Keras' (inputs, units).
torch_after = [p.detach().numpy().T.ravel().tolist() if p.ndim == 2 else p.detach().numpy().ravel().tolist() for p in tm.parameters()]
print(json.dumps({"keras": {"penalty": keras_penalty, "loss": keras_loss, "after": keras_after}, "torch": {"penalty": float(penalty), "loss": float(loss), "after": torch_after}}))
`;

describe.skipIf(!!skip)(`regularized networks exported to Keras 3 and PyTorch${skip ? ` (skipped: ${skip})` : ''}`, () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('the same penalty, loss and SGD step in both', () => {
    const graph = sequentialGraph([
      ['input', { shape: [8] }],
      ['dense', { units: 6, activation: 'relu', kernelRegularizer: { l1: 0.01, l2: 0.02 }, biasRegularizer: { l1: 0.05, l2: 0 } }],
      ['dense', { units: 3, activation: 'softmax', kernelRegularizer: { l1: 0, l2: 0.1 }, biasRegularizer: { l1: 0, l2: 0.2 } }],
    ]);
    const { model } = buildModel(network(graph));
    const random = rng(7);
    // Biases away from 0, so each bias penalty and its gradient count.
    model.setWeights(model.getWeights().map((w) => tf.tensor(Float32Array.from({ length: w.size }, () => random() - 0.5), w.shape)));
    const weights = getWeights(model);
    model.dispose();
    const dir = mkdtempSync(join(tmpdir(), 'nb-reg-export-'));
    writeFileSync(join(dir, 'x.npy'), toNpy([5, 8], Float32Array.from({ length: 40 }, () => random() * 2 - 1)));
    writeFileSync(join(dir, 'y.npy'), toNpy([5], Float32Array.from([0, 2, 1, 2, 0])));
    const options = TrainOptionsSchema.parse({ optimizer: 'sgd', learningRate: 0.1, momentum: 0, loss: 'categoricalCrossentropy' });
    for (const format of ['keras-python', 'pytorch'] as const) {
      const files = exportFiles(format, { graph, name: 'reg', options, weights, trained: true });
      if (!files.ok) throw new Error(files.error);
      for (const f of files.value) writeFileSync(join(dir, f.path), f.content);
      if (format === 'pytorch') expect(files.value[0].content).toContain('0.01 * self.dense.weight.abs().sum() + 0.02 * self.dense.weight.square().sum()');
    }
    const r = spawnSync(python!, ['-c', STEP], { cwd: dir, encoding: 'utf8', env: pythonEnv(), timeout: 300_000 });
    expect(r.status, r.stderr.slice(-3000)).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<'keras' | 'torch', { penalty: number; loss: number; after: number[][] }>;
    console.log(`penalty: Keras ${out.keras.penalty}, PyTorch ${out.torch.penalty}; loss: Keras ${out.keras.loss}, PyTorch ${out.torch.loss}`);
    expect(out.keras.penalty).toBeGreaterThan(0.1);
    expect(out.torch.penalty).toBeCloseTo(out.keras.penalty, 5);
    expect(out.torch.loss).toBeCloseTo(out.keras.loss, 5);
    const diff = Math.max(...out.keras.after.flatMap((w, i) => w.map((v, j) => Math.abs(v - out.torch.after[i][j]))));
    expect(diff).toBeLessThan(1e-5);
  }, 300_000);
});
