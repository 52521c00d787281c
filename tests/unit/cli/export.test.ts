// `netbuilder export`: every format written to disk; the TF.js model loaded back from its folder
// by tf.loadLayersModel through its weightsManifest, as a browser or tfjs-node would.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocument, parseDocument, serializeDocument } from '@shared/serialization';
import type { SavedWeights } from '@shared/training/weights';
import { initBackend } from '../../../src/engine/backend';
import { buildModel } from '../../../src/engine/buildModel';
import { getWeights, setWeights } from '../../../src/engine/weights';
import { inceptionNet, residualNet } from '../helpers/dag';
import { maxAbsDiff } from '../helpers/arrays';
import { network } from '../helpers/network';

const root = join(__dirname, '../../..');
const cli = join(root, 'out/main/cli.js');
const trained = join(root, 'tests/fixtures/explain/trained-cnn.nnb.json');
const untrained = join(root, 'tests/fixtures/graphs/mnist-cnn.nnb.json');

beforeAll(async () => {
  if (!existsSync(cli)) execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
  await initBackend();
}, 120_000);

const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'export', ...args], { encoding: 'utf8' });

/** tf.loadLayersModel from a folder: model.json, then every weight file its weightsManifest names. */
function folderHandler(dir: string): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
      const groups = json.weightsManifest as { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
      const buffers = groups.flatMap((g) => g.paths.map((p) => readFileSync(join(dir, p))));
      const bytes = Buffer.concat(buffers);
      return { modelTopology: json.modelTopology, weightSpecs: groups.flatMap((g) => g.weights), weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
    },
  };
}

describe('netbuilder export', () => {
  it('tfjs-model of a trained network loads with tf.loadLayersModel and predicts what the app predicts', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'nb-cli-export-')), 'tfjs');
    const r = run(trained, '--format', 'tfjs-model', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('trained weights, 139,304 bytes');
    const loaded = await tf.loadLayersModel(folderHandler(out));
    const doc = parseDocument(readFileSync(trained, 'utf8'));
    if (!doc.ok) throw new Error(doc.error);
    const app = buildModel(network(doc.value.graph)).model;
    setWeights(app, doc.value.weights as SavedWeights);
    const x = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 3);
    const diff = maxAbsDiff((loaded.predict(x) as tf.Tensor).dataSync(), (app.predict(x) as tf.Tensor).dataSync());
    expect(diff).toBe(0);
    x.dispose();
    loaded.dispose();
    app.dispose();
  }, 60_000);

  it('tfjs-model of a branching network (a residual and an Inception-style block) loads and predicts what the app predicts', async () => {
    for (const graph of [residualNet(), inceptionNet()]) {
      const dir = mkdtempSync(join(tmpdir(), 'nb-cli-export-'));
      const app = buildModel(network(graph)).model;
      const file = join(dir, 'net.nnb.json');
      writeFileSync(file, serializeDocument(createDocument(graph, 'net', { weights: getWeights(app) })));
      const r = run(file, '--format', 'tfjs-model', '--out', join(dir, 'tfjs'));
      expect(r.status, r.stderr).toBe(0);
      const loaded = await tf.loadLayersModel(folderHandler(join(dir, 'tfjs')));
      expect(loaded.countParams()).toBe(app.countParams());
      const x = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 3);
      const diff = maxAbsDiff((loaded.predict(x) as tf.Tensor).dataSync(), (app.predict(x) as tf.Tensor).dataSync());
      expect(diff).toBe(0);
      tf.dispose([x]);
      loaded.dispose();
      app.dispose();
    }
  }, 60_000);

  it('tfjs-model of an untrained network carries its initial weights: every weight set, in the manifest', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'nb-cli-export-')), 'tfjs');
    const r = run(untrained, '--format', 'tfjs-model', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('initial weights');
    const manifest = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')).weightsManifest;
    expect(manifest[0].weights.map((w: { name: string }) => w.name)).toEqual(['conv2d/kernel', 'conv2d/bias', 'conv2d_1/kernel', 'conv2d_1/bias', 'dense/kernel', 'dense/bias']);
    const loaded = await tf.loadLayersModel(folderHandler(out));
    expect(loaded.countParams()).toBe(34826);
    // Initialised kernels (random, not zeros) and zero biases, as a freshly built Keras model has.
    const [kernel, bias] = loaded.getLayer('conv2d').getWeights().map((w) => Array.from(w.dataSync()));
    expect(new Set(kernel).size).toBe(kernel.length);
    expect(bias.every((v) => v === 0)).toBe(true);
    const probs = Array.from((loaded.predict(tf.ones([1, 28, 28, 1])) as tf.Tensor).dataSync());
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    loaded.dispose();
  }, 60_000);

  it('writes the Keras JSON, TF.js code, Keras script and PyTorch script, the scripts with the trained weights beside them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-cli-export-'));
    expect(run(trained, '--format', 'keras-json', '--out', join(dir, 'cnn.json')).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'cnn.json'), 'utf8')).class_name).toBe('Sequential');
    expect(run(trained, '--format', 'tfjs-code', '--out', join(dir, 'cnn.js')).status).toBe(0);
    expect(readFileSync(join(dir, 'cnn.js'), 'utf8')).toContain('tf.layers.conv2d(');
    const keras = run(trained, '--format', 'keras-python', '--distribute', '--out', join(dir, 'cnn.py'));
    expect(keras.status, keras.stderr).toBe(0);
    expect(keras.stdout).toContain('cnn.weights.npz');
    const script = readFileSync(join(dir, 'cnn.py'), 'utf8');
    expect(script).toContain('tf.distribute.MultiWorkerMirroredStrategy()');
    expect(script).toContain('WEIGHTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cnn.weights.npz")');
    expect(readFileSync(join(dir, 'cnn.weights.npz')).subarray(0, 2).toString()).toBe('PK');
    const torch = run(trained, '--format', 'pytorch', '--out', join(dir, 'cnn_torch.py'));
    expect(torch.status, torch.stderr).toBe(0);
    expect(readFileSync(join(dir, 'cnn_torch.py'), 'utf8')).toContain('"conv2d.weight": weights["conv2d/kernel"].transpose(3, 2, 0, 1)');
    expect(existsSync(join(dir, 'cnn_torch.weights.npz'))).toBe(true);
    // Untrained: scripts only, and they say there are no weights.
    expect(run(untrained, '--format', 'keras-python', '--out', join(dir, 'fresh.py')).status).toBe(0);
    expect(existsSync(join(dir, 'fresh.weights.npz'))).toBe(false);
    expect(readFileSync(join(dir, 'fresh.py'), 'utf8')).toContain('WEIGHTS = None');
  }, 60_000);

  it('says what is wrong with the arguments (exit 2) or the network (exit 1)', () => {
    const bad = run(trained, '--format', 'onnx', '--out', 'x');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--format must be one of keras-json, keras-python, tfjs-model, tfjs-code, pytorch (got "onnx").');
    expect(run(trained, '--format', 'pytorch', '--distribute', '--out', 'x.py').status).toBe(2);
    const missing = run(join(root, 'nothing.nnb.json'), '--format', 'pytorch', '--out', 'x.py');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no such file');
  });
});
