import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** A built entry point beside this code (out/main/<name>.js; this code may sit in out/main/chunks), or null when running from sources. */
export function builtScript(name: string): string | null {
  return [join(__dirname, `${name}.js`), join(__dirname, '..', `${name}.js`)].find((p) => existsSync(p)) ?? null;
}
