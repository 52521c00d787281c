// The built command line, run as from a terminal: one place for its path, the build it needs, and
// reading its JSON lines.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(__dirname, '../../..');
export const cliPath = join(root, 'out/main/cli.js');

/** Builds the app once when out/ has no CLI yet (npm test builds it first). */
export function buildCliOnce(): void {
  if (!existsSync(cliPath)) execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
}

export const runCli = (...args: string[]) => spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });

export const jsonLines = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
