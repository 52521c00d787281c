import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNetworkText } from '@shared/interop';

const fixture = (...parts: string[]): string => readFileSync(join(__dirname, '../../fixtures', ...parts), 'utf8');

describe('readNetworkText', () => {
  it('reads a NetBuilder file with its document', () => {
    const r = readNetworkText(fixture('graphs', 'mnist-cnn.nnb.json'));
    if (!r.ok) throw new Error(r.error);
    expect(r.value.name).toBe('MNIST CNN');
    expect(r.value.graph.nodes).toHaveLength(8);
    expect(r.value.doc?.format).toBe('netbuilder');
  });

  it('names an unnamed document with the fallback', () => {
    const doc = JSON.parse(fixture('graphs', 'mnist-cnn.nnb.json'));
    const r = readNetworkText(JSON.stringify({ ...doc, name: '' }), 'mine.nnb.json');
    expect(r.ok && r.value.name).toBe('mine.nnb.json');
  });

  it('imports a Keras to_json() file, with no document', () => {
    const r = readNetworkText(fixture('keras', 'mnist-cnn.keras2.json'));
    if (!r.ok) throw new Error(r.error);
    expect(r.value.doc).toBeNull();
    expect(r.value.graph.nodes.length).toBeGreaterThan(2);
  });

  it('says what is wrong with text that is not a network', () => {
    const broken = readNetworkText('{"format": "netbuilder"');
    expect(broken.ok).toBe(false);
    const other = readNetworkText('{"hello": 1}');
    expect(!other.ok && other.error).toMatch(/not a NetBuilder network file/);
  });
});
