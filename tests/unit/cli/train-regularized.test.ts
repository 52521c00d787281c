import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withoutTensorFlowLog } from '../helpers/tensorflowLog';
import { buildCliOnce, jsonLines, root, runCli as run } from '../helpers/cli';

beforeAll(buildCliOnce, 120_000);

describe('netbuilder train with a regularizer', () => {
  it('epoch lines carry data_loss + reg_loss = loss and val_data_loss; without one they do not', () => {
    const doc = JSON.parse(readFileSync(join(root, 'tests/fixtures/graphs/spiral.nnb.json'), 'utf8')) as { graph: { nodes: { kind: string; params: Record<string, unknown> }[] } };
    const plain = join(mkdtempSync(join(tmpdir(), 'nb-reg-cli-')), 'plain.nnb.json');
    writeFileSync(plain, JSON.stringify(doc));
    doc.graph.nodes.find((n) => n.kind === 'dense')!.params['kernelRegularizer'] = { l1: 0, l2: 0.01 };
    const file = join(mkdtempSync(join(tmpdir(), 'nb-reg-cli-')), 'l2.nnb.json');
    writeFileSync(file, JSON.stringify(doc));
    const args = ['--dataset', 'spiral', '--samples', '200', '--epochs', '2', '--lr', '0.01', '--seed', '1', '--json'];
    const r = run('train', file, ...args);
    expect(withoutTensorFlowLog(r.stderr)).toBe('');
    expect(r.status).toBe(0);
    const epochs = jsonLines(r.stdout).filter((l) => l.type === 'epoch') as Record<string, number>[];
    expect(epochs).toHaveLength(2);
    for (const e of epochs) {
      expect(e.reg_loss).toBeGreaterThan(0);
      expect(e.data_loss + e.reg_loss).toBeCloseTo(e.loss, 6);
      expect(e.val_loss - e.val_data_loss).toBeGreaterThan(0);
    }
    const p = run('train', plain, ...args);
    expect(p.status).toBe(0);
    for (const e of jsonLines(p.stdout).filter((l) => l.type === 'epoch')) expect(e).not.toHaveProperty('reg_loss');
  }, 60_000);
});
