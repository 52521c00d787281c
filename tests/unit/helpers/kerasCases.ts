// The cases tests/keras/expected.py built in real Keras, with what Keras said about them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Graph } from '@shared/graph/model';
import { importKerasJson } from '@shared/interop';

export interface KerasRow {
  name: string;
  class: string;
  shape: (number | null)[];
  params: number;
  trainable: number;
  nonTrainable: number;
  connectedTo: string | null;
}

export interface KerasCase {
  functional: boolean;
  layers: KerasRow[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
  json: unknown;
}

const all = JSON.parse(readFileSync(join(__dirname, '../../fixtures/keras/cases.json'), 'utf8')) as Record<string, KerasCase | string>;

export const kerasCases = Object.entries(all).filter((e): e is [string, KerasCase] => typeof e[1] === 'object');

export function importCase(c: Pick<KerasCase, 'json'>): Graph {
  const r = importKerasJson(JSON.stringify(c.json));
  if (!r.ok) throw new Error(r.error);
  return r.value.graph;
}
