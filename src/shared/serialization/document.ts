// Saving and opening network files. parseDocument never throws: a bad file gives a message that
// says where it is wrong, and the caller keeps what it had.
import { layerNamesProblem } from '../graph/names';
import { z } from 'zod';
import type { Graph } from '../graph/model';
import { CURRENT_VERSION, DocumentSchema, FORMAT_ID, MAX_FILE_CHARS, type NetworkDocument } from './schema';
import { migrate } from './migrations';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

export function createDocument(graph: Graph, name = 'Untitled', extra: Partial<NetworkDocument> = {}): NetworkDocument {
  return { format: FORMAT_ID, version: CURRENT_VERSION, name, ...extra, graph };
}

export function serializeDocument(doc: NetworkDocument): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** JSON.parse that refuses keys which could pollute prototypes when the object is merged later. */
export function parseJsonSafely(text: string): ParseResult<unknown> {
  if (typeof text !== 'string') return { ok: false, error: 'The file is not text.' };
  if (text.length > MAX_FILE_CHARS) {
    return { ok: false, error: `The file is too large (${(text.length / 1024 / 1024).toFixed(0)} MB); the limit is ${MAX_FILE_CHARS / 1024 / 1024} MB.` };
  }
  let bad: string | null = null;
  try {
    const value: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, (key, v: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) bad = key;
      return v;
    });
    if (bad) return { ok: false, error: `The file contains the key "${bad}", which is not allowed.` };
    return { ok: true, value };
  } catch (err) {
    const detail = err instanceof RangeError ? 'it is nested too deeply' : (err as Error).message;
    return { ok: false, error: `The file is not valid JSON: ${detail}.` };
  }
}

export function parseDocument(text: string): ParseResult<NetworkDocument> {
  const json = parseJsonSafely(text);
  if (!json.ok) return json;
  return validateDocument(json.value);
}

export function validateDocument(value: unknown): ParseResult<NetworkDocument> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'This is not a NetBuilder network file (expected a JSON object).' };
  }
  const raw = value as Record<string, unknown>;
  if (raw['format'] !== FORMAT_ID) {
    return { ok: false, error: 'This is not a NetBuilder network file (its "format" is not "netbuilder"). To open a Keras or TensorFlow.js model, use Import.' };
  }
  const migrated = migrate(raw);
  if (!migrated.ok) return migrated;
  const parsed = DocumentSchema.safeParse(migrated.value);
  if (!parsed.success) return { ok: false, error: `The network file is invalid:\n${describeIssues(parsed.error)}` };
  const structural = checkStructure(parsed.data.graph);
  if (structural) return { ok: false, error: `The network file is invalid: ${structural}` };
  return { ok: true, value: parsed.data };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 8)
    .map((i) => `- at ${i.path.length ? i.path.join('.') : 'the top'}: ${i.message}`)
    .join('\n');
}

/** What a schema cannot say: ids are unique and edges join existing layers. */
function checkStructure(graph: Graph): string | null {
  const ids = new Set<string>();
  for (const n of graph.nodes) {
    if (ids.has(n.id)) return `two layers have the id "${n.id}".`;
    ids.add(n.id);
  }
  const names = layerNamesProblem(graph.nodes.map((n) => n.name));
  if (names) return names;
  for (const e of graph.edges) {
    if (!ids.has(e.source) || !ids.has(e.target)) return `the connection "${e.id}" refers to a layer that is not in the file.`;
  }
  return null;
}
