// The engine's backends under test: wasm always; native TensorFlow where `npm run setup:native`
// could set it up. Where it could not, its tests are reported as skipped with the reason in their
// name, never as passed; NETBUILDER_REQUIRE_NATIVE=1 (CI after a successful setup) makes them fail instead.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendName } from '@shared/ipc/training';
import { useBackend } from '../../../src/engine/backend';

export interface BackendUnderTest {
  name: Extract<BackendName, 'wasm' | 'tensorflow'>;
  /** Why this backend's tests are skipped here; null when they run. */
  skip: string | null;
  /** For describe(): the backend, and the reason when skipped. */
  title: string;
}

function setupReason(): string | null {
  const status = join(__dirname, '../../../node_modules/.netbuilder-native.json');
  if (!existsSync(status)) return null;
  const s = JSON.parse(readFileSync(status, 'utf8')) as { ok: boolean; reason: string };
  return s.ok ? null : s.reason;
}

async function nativeProblem(): Promise<string | null> {
  try {
    await useBackend('tensorflow');
    return null;
  } catch (err) {
    const why = setupReason() ?? (err as Error).message;
    const reason = `native TensorFlow is unavailable: ${why}; \`npm run setup:native\` sets it up`;
    if (process.env['NETBUILDER_REQUIRE_NATIVE'] === '1') throw new Error(`NETBUILDER_REQUIRE_NATIVE=1 but ${reason}`, { cause: err });
    return reason;
  }
}

/** Both backends, for `for (const b of await backendsUnderTest()) describe.skipIf(b.skip)(b.title, ...)`. */
export async function backendsUnderTest(): Promise<BackendUnderTest[]> {
  const problem = await nativeProblem();
  await useBackend('wasm');
  return [
    { name: 'wasm', skip: null, title: 'on wasm' },
    { name: 'tensorflow', skip: problem, title: problem ? `on native TensorFlow (skipped: ${problem})` : 'on native TensorFlow' },
  ];
}
