// Reading a network from its text, whatever made it: the app, the CLI and shared links all open
// files through this one function.
import type { Graph } from '../graph/model';
import { parseJsonSafely, validateDocument, type ParseResult } from '../serialization/document';
import type { NetworkDocument } from '../serialization/schema';
import { importKerasJson, looksLikeKerasModel } from './keras';

export interface NetworkText {
  graph: Graph;
  name: string;
  /** The NetBuilder document (with its weights and runs), or null for an imported Keras / TF.js model. */
  doc: NetworkDocument | null;
}

/** Reads NetBuilder's .nnb.json, a Keras to_json() file or a TF.js model.json; `fallbackName` names an unnamed document. */
export function readNetworkText(text: string, fallbackName = ''): ParseResult<NetworkText> {
  const json = parseJsonSafely(text);
  if (!json.ok) return json;
  if (looksLikeKerasModel(json.value)) {
    const imported = importKerasJson(text);
    return imported.ok ? { ok: true, value: { ...imported.value, doc: null } } : imported;
  }
  const doc = validateDocument(json.value);
  if (!doc.ok) return doc;
  return { ok: true, value: { graph: doc.value.graph, name: doc.value.name || fallbackName, doc: doc.value } };
}
