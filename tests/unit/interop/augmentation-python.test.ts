// The augmentation layers in the exported scripts, run in real PyTorch and Keras: the PyTorch
// modules resample exactly as Keras' RandomRotation / RandomTranslation / RandomZoom do (the same
// matrices through keras.ops.image.affine_transform, every fill mode and interpolation), flip as
// RandomFlip does, and are the identity in eval mode; the Keras script builds the same layers.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sequentialGraph } from '@shared/graph/ops';
import { exportFiles } from '@shared/interop/exports';
import { TrainOptionsSchema } from '@shared/training/options';
import { pythonEnv, pythonWithFrameworks } from '../helpers/python';

const { python, skip } = pythonWithFrameworks();
if (skip) console.warn(`SKIPPED: the augmentation layers of the exported scripts were not run: ${skip}`);

const graph = sequentialGraph([
  ['input', { shape: [28, 28, 1] }],
  ['randomRotation', { factor: 0.1, fillMode: 'constant', fillValue: 0.5, seed: 3 }],
  ['randomTranslation', { heightFactor: 0.1, widthFactor: 0.2, fillMode: 'wrap' }],
  ['randomZoom', { heightFactor: 0.2, interpolation: 'nearest' }],
  ['randomFlip', { mode: 'horizontal' }],
  ['conv2d', { filters: 4, kernelSize: [3, 3], activation: 'relu' }],
  ['flatten'],
  ['dense', { units: 10, activation: 'softmax' }],
]);

const CHECK = `
import importlib.util, json, sys
import numpy as np, torch, keras
spec = importlib.util.spec_from_file_location("net", sys.argv[1]); net = importlib.util.module_from_spec(spec); spec.loader.exec_module(net)
kspec = importlib.util.spec_from_file_location("knet", sys.argv[2]); knet = importlib.util.module_from_spec(kspec); kspec.loader.exec_module(knet)
x = np.random.default_rng(0).random((3, 7, 9, 2)).astype("float32")
worst = 0.0
for kind, factors in [("rotation", (0.3,)), ("translation", (0.4, 0.3)), ("zoom", (0.5, 0.2)), ("zoom", (0.5, None))]:
    for fill in ["reflect", "wrap", "constant", "nearest"]:
        for interp in ["bilinear", "nearest"]:
            m = net.KerasRandomAffine(kind, factors, fill_mode=fill, interpolation=interp, fill_value=0.25, seed=1).train()
            mats = m.matrices(3, 7, 9)
            m.matrices = lambda n, h, w, mats=mats: mats
            out = m(torch.from_numpy(x).permute(0, 3, 1, 2)).permute(0, 2, 3, 1).numpy()
            t = np.concatenate([mats.numpy(), np.zeros((3, 2), "float32")], 1)
            ref = keras.ops.convert_to_numpy(keras.ops.image.affine_transform(x, t, interpolation=interp, fill_mode=fill, fill_value=0.25))
            worst = max(worst, float(np.abs(out - ref).max()))
xf = torch.arange(12.).view(1, 1, 3, 4)
flips = {}
for mode, dims in [("horizontal", [3]), ("vertical", [2]), ("horizontal_and_vertical", [2, 3])]:
    f = net.KerasRandomFlip(mode, seed=0).train()
    seen = {tuple(f(xf).flatten().tolist()) for _ in range(20)}
    flips[mode] = seen == {tuple(xf.flatten().tolist()), tuple(torch.flip(xf, dims).flatten().tolist())}
model = net.build_model().eval()
images = torch.rand(4, 1, 28, 28)
trunk = torch.nn.Sequential(*[m for m in model.children()][:4])
kmodel = knet.build_model()
print(json.dumps({"worst": worst, "flips": flips, "eval_identity": bool(torch.equal(trunk(images), images)),
       "torch_params": sum(p.numel() for p in model.parameters()), "keras_params": kmodel.count_params(),
       "keras_layers": [l.__class__.__name__ for l in kmodel.layers][:4]}))
`;

describe.skipIf(skip)('augmentation layers in the exported scripts, in real PyTorch and Keras', () => {
  it('PyTorch resamples as Keras does for every fill mode and interpolation, flips as Keras 3 does, and is the identity in eval mode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-augment-'));
    const options = TrainOptionsSchema.parse({});
    for (const format of ['pytorch', 'keras-python'] as const) {
      const files = exportFiles(format, { graph, name: 'augmented', options, weights: null, trained: false });
      if (!files.ok) throw new Error(files.error);
      for (const f of files.value) writeFileSync(join(dir, f.path), f.content);
    }
    writeFileSync(join(dir, 'check.py'), CHECK);
    const r = spawnSync(python!, ['check.py', 'augmented_pytorch.py', 'augmented.py'], { cwd: dir, encoding: 'utf8', env: pythonEnv(), timeout: 300_000 });
    expect(r.status, r.stderr.slice(-3000)).toBe(0);
    const result = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(result['worst']).toBeLessThan(1e-5);
    expect(result['flips']).toEqual({ horizontal: true, vertical: true, horizontal_and_vertical: true });
    expect(result['eval_identity']).toBe(true);
    // Conv2D(4, 3x3) on 1 channel + Dense(10) on 26*26*4: (9 + 1) * 4 + (2704 + 1) * 10.
    expect(result['torch_params']).toBe(40 + 27_050);
    expect(result['keras_params']).toBe(40 + 27_050);
    expect(result['keras_layers']).toEqual(['RandomRotation', 'RandomTranslation', 'RandomZoom', 'RandomFlip']);
  }, 300_000);
});
