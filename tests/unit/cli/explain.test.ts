// `netbuilder explain` against real Keras: the same trained weights and MNIST digits run through
// Keras 3 (tests/fixtures/explain/make_cli_reference.py), unit by unit.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../helpers/arrays';
import { withoutTensorFlowLog } from '../helpers/tensorflowLog';

const root = join(__dirname, '../../..');
const cli = join(root, 'out/main/cli.js');
const net = join(root, 'tests/fixtures/explain/trained-cnn.nnb.json');

interface Case {
  image: number;
  label: number;
  layer: string;
  at?: [number, number, number];
  inputPatch?: number[][][];
  kernel?: number[][][];
  bias?: number;
  sum?: number;
  output?: number;
  values?: number[][];
  logits?: number[];
  probabilities?: number[];
  loss?: number;
  sparseCategorical?: number;
  binary?: number;
}
const cases: Case[] = JSON.parse(readFileSync(join(root, 'tests/fixtures/explain/cli-reference.json'), 'utf8')).cases;

beforeAll(() => {
  if (!existsSync(cli)) execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
}, 120_000);

const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
const flat = (a: unknown) => (a as unknown[]).flat(3) as number[];

describe('netbuilder explain', () => {
  for (const c of cases) {
    it(`${c.layer} ${c.at ? `at ${c.at}` : 'logits and loss'} for test image ${c.image} equal Keras`, () => {
      const r = run('explain', net, '--image', String(c.image), '--layer', c.layer, ...(c.at ? ['--at', c.at.join(',')] : []), '--json');
      expect(withoutTensorFlowLog(r.stderr)).toBe('');
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out).toMatchObject({ image: c.image, label: c.label, layer: c.layer, weights: 'trained' });
      if (c.inputPatch) {
        expect([out.inputPatch.length, out.inputPatch[0].length, out.inputPatch[0][0].length]).toEqual([c.inputPatch.length, c.inputPatch[0].length, c.inputPatch[0][0].length]);
        expect(maxAbsDiff(flat(out.inputPatch), flat(c.inputPatch))).toBeLessThan(1e-6);
        expect(maxAbsDiff(flat(out.kernel), flat(c.kernel))).toBe(0);
        expect(out.bias).toBe(c.bias);
        expect(out.sum).toBeCloseTo(c.sum!, 5);
        expect(out.output).toBeCloseTo(c.output!, 5);
      }
      if (c.values) {
        expect(maxAbsDiff(flat(out.values), flat(c.values))).toBeLessThan(1e-6);
        expect(out.output).toBeCloseTo(c.output!, 6);
      }
      if (c.logits) {
        expect(maxAbsDiff(out.logits, c.logits)).toBeLessThan(1e-4);
        expect(maxAbsDiff(out.probabilities, c.probabilities!)).toBeLessThan(1e-6);
        expect(out.loss).toBeCloseTo(c.loss!, 5);
        expect(out.losses.sparseCategorical).toBeCloseTo(c.sparseCategorical!, 5);
        expect(out.losses.binary).toBeCloseTo(c.binary!, 6);
        expect(out.oneHot).toEqual(Array.from({ length: 10 }, (_, i) => (i === c.label ? 1 : 0)));
      }
    }, 60_000);
  }

  it('says what is wrong with the arguments', () => {
    expect(run('explain', net, '--image', '0').status).toBe(2);
    const unknown = run('explain', net, '--image', '0', '--layer', 'conv9', '--at', '0,0,0');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('No layer named "conv9". Layers: conv2d, max_pooling2d, conv2d_1');
    const outside = run('explain', net, '--image', '0', '--layer', 'conv2d', '--at', '26,0,0');
    expect(outside.status).toBe(1);
    expect(outside.stderr).toContain('Position (26, 0) is outside the 26x26 output.');
    const noAt = run('explain', net, '--image', '0', '--layer', 'conv2d');
    expect(noAt.stderr).toContain('give a unit with --at row,col,channel');
  }, 60_000);
});
