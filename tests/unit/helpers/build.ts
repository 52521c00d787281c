import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../../..');

/** A built entry point (out/main/<name>.js), building the app first when it is missing (`npm test` builds before). */
export function builtEntry(name: string): string {
  const path = join(ROOT, 'out/main', `${name}.js`);
  if (!existsSync(path)) execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'ignore' });
  return path;
}
