import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/node/files/atomicWrite';

// Kill a process while it saves, over and over: the file on disk is always one complete version.

const source = readFileSync(join(__dirname, '../../../src/node/files/atomicWrite.ts'), 'utf8');

function writerScript(dir: string): string {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  writeFileSync(join(dir, 'atomicWrite.mjs'), js);
  const loop = `
import { writeFileAtomic } from './atomicWrite.mjs';
const target = process.argv[2];
let i = 0;
process.stdout.write('ready\\n');
for (;;) {
  i++;
  // Each version is large enough that a write takes a while, and says which version it is.
  const body = JSON.stringify({ version: i, pad: String(i % 10).repeat(2_000_000) });
  await writeFileAtomic(target, body);
}
`;
  writeFileSync(join(dir, 'writer.mjs'), loop);
  return join(dir, 'writer.mjs');
}

describe('atomic saves', () => {
  it('a process killed mid-save never leaves a broken file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-atomic-'));
    const target = join(dir, 'net.nnb.json');
    writeFileSync(target, JSON.stringify({ version: 0, pad: '' }));
    const script = writerScript(dir);
    for (let round = 0; round < 8; round++) {
      const child = spawn(process.execPath, [script, target], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, 40 + round * 23));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const saved = JSON.parse(readFileSync(target, 'utf8')) as { version: number; pad: string };
      expect(saved.pad).toBe(saved.version === 0 ? '' : String(saved.version % 10).repeat(2_000_000));
    }
    // Leftover temporary files from killed saves are hidden dot-files beside the target, never the target.
    expect(readdirSync(dir).filter((f) => !f.startsWith('.')).sort()).toEqual(['atomicWrite.mjs', 'net.nnb.json', 'writer.mjs']);
    // The next save removes them: their processes are gone.
    await writeFileAtomic(target, JSON.stringify({ version: 99, pad: '' }));
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 60_000);

  it('a failed write leaves the old file and no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-atomic-'));
    const target = join(dir, 'net.nnb.json');
    writeFileSync(target, 'old');
    await expect(writeFileAtomic(join(dir, 'missing-folder', 'x.json'), 'new')).rejects.toThrow();
    await writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['net.nnb.json']);
  });
});
