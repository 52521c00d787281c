// The command line against hostile files and careless arguments: exit codes as documented, no
// file written outside --out, nothing from a file that a terminal would act on.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { printable } from '../../../src/cli/terminal';
import { withoutTensorFlowLog } from '../helpers/tensorflowLog';
import { builtEntry, ROOT as root } from '../helpers/build';

let cli = '';
beforeAll(() => {
  cli = builtEntry('cli');
}, 120_000);

const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

/** The MNIST MLP fixture with its layers renamed. */
function mlpNamed(dir: string, names: Record<string, string>): string {
  const doc = JSON.parse(readFileSync(join(root, 'tests/fixtures/graphs/mnist-mlp.nnb.json'), 'utf8'));
  for (const node of doc.graph.nodes) node.name = names[node.name] ?? node.name;
  const file = join(dir, 'net.nnb.json');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

const ESC = '\x1b';
/** Control characters in the text other than newline. */
const controls = (text: string): string[] => [...text].filter((c) => c !== '\n' && (c < ' ' || (c >= '\x7f' && c <= '\x9f')));

describe('netbuilder with bad arguments and hostile files', () => {
  it('exits 2 for bad arguments, as documented', () => {
    const net = join(root, 'tests/fixtures/graphs/mnist-mlp.nnb.json');
    for (const args of [['summary', net, '--bogus'], ['train', net, '--epochs'], ['maps', net, '--out'], ['__proto__'], ['constructor'], ['summary']]) {
      const r = run(...args);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      expect(r.stderr).toMatch(/Usage|Unknown/);
    }
    expect(run('summary', net).status).toBe(0);
  });

  it('maps never writes outside --out, whatever the layer names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-cli-escape-'));
    const out = join(dir, 'deep', 'out');
    mkdirSync(out, { recursive: true });
    const net = mlpNamed(dir, { flatten: 'x/../../../escaped', dense: '..', dense_1: '/tmp/abs' });
    const r = run('maps', net, '--image', '0', '--out', out);
    expect(withoutTensorFlowLog(r.stderr)).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['deep', 'net.nnb.json']);
    expect(readdirSync(join(dir, 'deep'))).toEqual(['out']);
    expect(readdirSync(out).sort()).toEqual(['00-input.png', '01-x_escaped.png', '02-_.png', '03-_tmp_abs.png']);
  });

  it('prints no escape sequence or control character that came from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-cli-ansi-'));
    const evil = `dense${ESC}[2J${ESC}]0;pwned\x07${ESC}[31mred\r`;
    const summary = run('summary', mlpNamed(dir, { dense: evil }));
    expect(summary.status).toBe(0);
    expect(summary.stdout).toContain('dense');
    expect(controls(summary.stdout)).toEqual([]);
    // The same in error messages that quote a name.
    const twice = mlpNamed(dir, { dense: evil, dense_1: evil });
    const refused = run('summary', twice);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('two layers are named');
    expect(controls(refused.stderr)).toEqual([]);
    // JSON output keeps the name exactly, escaped as JSON does.
    expect(JSON.parse(run('summary', mlpNamed(dir, { dense: evil }), '--json').stdout).layers.map((l: { name: string }) => l.name)).toContain(evil);
  });

  it('printable() keeps text and drops what a terminal acts on', () => {
    expect(printable(`a${ESC}[1;31mb${ESC}[0m c\td\n`)).toBe('ab c\td\n');
    expect(printable(`t${ESC}]0;title\x07x${ESC}]8;;http://e\x1b\\y`)).toBe('txy');
    expect(printable('caf\u00e9 \u03bb \u2014 ok')).toBe('caf\u00e9 \u03bb \u2014 ok');
    expect(printable('\x00\x08\x7f\x9b2J')).toBe('');
  });
});
