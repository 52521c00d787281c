// Upgrades older documents step by step: migrations[n] turns version n into version n + 1.
import { CURRENT_VERSION } from './schema';
import type { ParseResult } from './document';

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

export const migrations: Record<number, Migration> = {
  // 1: (doc) => ({ ...doc, version: 2, ... }) when version 2 exists.
};

export function migrate(doc: Record<string, unknown>): ParseResult<Record<string, unknown>> {
  let version = doc['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, error: 'The network file has no valid "version".' };
  }
  if (version > CURRENT_VERSION) {
    return { ok: false, error: `This network was saved by a newer NetBuilder (file version ${version}; this one reads up to ${CURRENT_VERSION}). Update NetBuilder to open it.` };
  }
  let current = doc;
  while (version < CURRENT_VERSION) {
    const step = migrations[version];
    if (!step) return { ok: false, error: `No upgrade path from file version ${version}.` };
    current = step(current);
    version = current['version'];
    if (typeof version !== 'number') return { ok: false, error: 'A file upgrade step failed.' };
  }
  return { ok: true, value: current };
}
