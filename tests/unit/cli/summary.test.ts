import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// Runs the built CLI, as a user would (`npm run build` first; `npm test` builds before e2e, and
// this suite builds when the output is missing).
const root = join(__dirname, '../../..');
const cli = join(root, 'out/main/cli.js');
const keras = join(root, 'tests/fixtures/keras');
const expected = JSON.parse(readFileSync(join(keras, 'expected.json'), 'utf8')) as Record<
  string,
  { layers: [string, string, (number | null)[], number][]; totalParams: number; trainableParams: number; nonTrainableParams: number }
>;

beforeAll(() => {
  if (!existsSync(cli)) execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
}, 120_000);

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('netbuilder summary --json', () => {
  it.each(Object.keys(expected).filter((k) => !k.startsWith('_')))('matches what Keras prints for %s', (file) => {
    const r = run('summary', join(keras, file), '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const want = expected[file];
    expect(out.layers.map((l: { name: string; type: string; outputShape: unknown; params: number }) => [l.name, l.type, l.outputShape, l.params])).toEqual(want.layers);
    expect([out.totalParams, out.trainableParams, out.nonTrainableParams]).toEqual([want.totalParams, want.trainableParams, want.nonTrainableParams]);
  });

  it('reads our own format: the examples give the counts their descriptions promise', () => {
    const counts: Record<string, number> = { 'mnist-cnn': 34826, 'mnist-mlp': 101770, lenet5: 61706, 'vgg-blocks': 74986 };
    for (const [id, total] of Object.entries(counts)) {
      const out = JSON.parse(run('summary', join(root, 'tests/fixtures/graphs', `${id}.nnb.json`), '--json').stdout);
      expect(out.totalParams).toBe(total);
    }
  });

  it('prints the Keras-style table with the counting formulas', () => {
    const r = run('summary', join(root, 'tests/fixtures/graphs/mnist-cnn.nnb.json'));
    expect(r.stdout).toMatch(/conv2d_1 \(Conv2D\)\s+\(None, 11, 11, 64\)\s+18,496/);
    expect(r.stdout).toContain('= (3*3*32 + 1) * 64 = 18,496');
    expect(r.stdout).toContain('Total params: 34,826 (136.04 KB)');
  });

  it('says what is wrong with a bad file, and exits non-zero', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-cli-'));
    writeFileSync(join(dir, 'broken.json'), '{"format": "netbuilder", "version": 1, "graph": {"nodes": [{"id": 1}]');
    const broken = run('summary', join(dir, 'broken.json'));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/not valid JSON/);
    expect(run('summary', join(dir, 'missing.json')).stderr).toMatch(/no such file/);
    const invalid = JSON.parse(readFileSync(join(root, 'tests/fixtures/graphs/mnist-cnn.nnb.json'), 'utf8'));
    invalid.graph.nodes[1].params.kernelSize = [30, 30];
    writeFileSync(join(dir, 'big-kernel.nnb.json'), JSON.stringify(invalid));
    const r = run('summary', join(dir, 'big-kernel.nnb.json'), '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).layers[0].errors[0]).toMatch(/kernel 30x30 is larger than its 28x28 input/);
  });
});
