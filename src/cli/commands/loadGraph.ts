import { readFileSync } from 'node:fs';
import type { Graph } from '@shared/graph/model';
import { importKerasJson, looksLikeKerasModel } from '@shared/interop';
import { parseJsonSafely, validateDocument, type NetworkDocument } from '@shared/serialization';

/** Reads a network file: NetBuilder's .nnb.json, a Keras to_json() file, or a TF.js model.json. */
export function loadNetworkFile(path: string): { graph: Graph; name: string; doc: NetworkDocument | null } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, { cause: err });
  }
  const json = parseJsonSafely(text);
  if (!json.ok) throw new Error(`${path}: ${json.error}`);
  if (looksLikeKerasModel(json.value)) {
    const imported = importKerasJson(text);
    if (!imported.ok) throw new Error(`${path}: ${imported.error}`);
    return { ...imported.value, doc: null };
  }
  const doc = validateDocument(json.value);
  if (!doc.ok) throw new Error(`${path}: ${doc.error}`);
  return { graph: doc.value.graph, name: doc.value.name, doc: doc.value };
}
