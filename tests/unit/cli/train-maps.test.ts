import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');
const cli = join(root, 'out/main/cli.js');

beforeAll(() => {
  if (!existsSync(cli)) execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
}, 120_000);

// The wasm path with its gradient worker (native TensorFlow is covered by tests/unit/engine).
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, NETBUILDER_BACKEND: 'wasm' } });

describe('netbuilder train and maps', () => {
  it('trains on real MNIST with JSON lines, saves the weights, and writes one PNG of maps per layer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-cli-'));
    const saved = join(dir, 'trained.nnb.json');
    const r = run('train', join(root, 'tests/fixtures/graphs/mnist-cnn.nnb.json'), '--limit', '1500', '--json', '--seed', '1', '--save', saved);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'backend', backend: 'wasm' });
    expect(lines.find((l) => l.type === 'started')).toMatchObject({ trainSamples: 1350, validationSamples: 150, stepsPerEpoch: 43, threads: 2 });
    expect(lines.find((l) => l.type === 'epoch')).toMatchObject({ epoch: 1 });
    const finished = lines.find((l) => l.type === 'finished');
    expect(finished.test_accuracy).toBeGreaterThan(0.7);
    expect(JSON.parse(readFileSync(saved, 'utf8')).weights.tensors).toHaveLength(6);

    const out = join(dir, 'maps');
    const m = run('maps', saved, '--image', '0', '--out', out);
    expect(m.status).toBe(0);
    expect(m.stdout).toMatch(/Test image 0: label 7, predicted \d \([\d.]+%\) with trained weights\./);
    expect(readdirSync(out).sort()).toEqual(['00-input.png', '01-conv2d.png', '02-max_pooling2d.png', '03-conv2d_1.png', '04-max_pooling2d_1.png', '05-flatten.png', '06-dropout.png', '07-dense.png']);
    // 32 maps of 26x26 at 4x with 2 px gaps in a 6x6 grid.
    const conv = PNG.sync.read(readFileSync(join(out, '01-conv2d.png')));
    expect([conv.width, conv.height]).toEqual([6 * (26 * 4 + 2) + 2, 6 * (26 * 4 + 2) + 2]);
  }, 120_000);
});
