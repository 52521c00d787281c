// Typed entries, read key by key as a person types them: what is applied at each step, and why
// an entry is refused.
import { describe, expect, it } from 'vitest';
import { appliesWhileTyping, parseEntry, type EntryKind } from '../../../src/shared/entry';
import { paramSchema } from '../../../src/shared/serialization/schema';
import { EarlyStoppingSchema, TrainOptionsSchema } from '../../../src/shared/training/options';
import type { z } from 'zod';

/** The values applied while `text` is typed one key at a time (what the network gets on the way). */
function typed(kind: EntryKind, text: string, schema: z.ZodType): unknown[] {
  const applied: unknown[] = [];
  for (let i = 1; i <= text.length; i++) {
    const prefix = text.slice(0, i);
    const r = parseEntry(kind, prefix, schema);
    if (r.ok && appliesWhileTyping(kind, prefix, r)) applied.push(r.value);
  }
  return applied;
}

describe('typing key by key', () => {
  it('an Input shape "28, 28" never becomes 2828', () => {
    const schema = paramSchema('input', 'shape')!;
    expect(typed('shape', '28, 28', schema)).toEqual([[2], [28], [28, 2], [28, 28]]);
    expect(parseEntry('shape', '28, 28', schema)).toEqual({ ok: true, value: [28, 28] });
  });

  it('a kernel "5x5" and a pool "3x3" are applied once complete, never 5x55', () => {
    expect(typed('pair', '5x5', paramSchema('conv2d', 'kernelSize')!)).toEqual([[5, 5]]);
    expect(typed('pair', '3x3', paramSchema('maxPooling2d', 'poolSize')!)).toEqual([[3, 3]]);
    // Enter on a single number means both sides.
    expect(parseEntry('pair', '5', paramSchema('conv2d', 'kernelSize')!)).toEqual({ ok: true, value: [5, 5] });
  });

  it('a learning rate "0.0005" is 0.0005, with nothing applied on the way', () => {
    expect(typed('float', '0.0005', TrainOptionsSchema.shape.learningRate)).toEqual([0.0005]);
    expect(typed('float', '0.01', TrainOptionsSchema.shape.learningRate)).toEqual([0.01]);
  });

  it('whole numbers apply digit by digit, as the text reads', () => {
    expect(typed('int', '128', paramSchema('dense', 'units')!)).toEqual([1, 12, 128]);
    expect(typed('int', '20', TrainOptionsSchema.shape.epochs)).toEqual([2, 20]);
  });
});

describe('refused entries say why, with the schema bounds', () => {
  const problem = (kind: EntryKind, text: string, schema: z.ZodType): string => {
    const r = parseEntry(kind, text, schema);
    if (r.ok) throw new Error(`accepted ${text}`);
    return r.problem;
  };
  it('numbers', () => {
    expect(problem('int', '-3', paramSchema('conv2d', 'filters')!)).toBe('At least 1.');
    expect(problem('int', '2.5', paramSchema('dense', 'units')!)).toBe('Enter a whole number.');
    expect(problem('float', '0', TrainOptionsSchema.shape.learningRate)).toBe('More than 0.');
    expect(problem('float', '1', paramSchema('dropout', 'rate')!)).toBe('Less than 1.');
    expect(problem('float', '0.6', TrainOptionsSchema.shape.validationSplit)).toBe('At most 0.5.');
    expect(problem('int', '2000', TrainOptionsSchema.shape.epochs)).toBe('At most 1,000.');
    expect(problem('int', 'abc', EarlyStoppingSchema.shape.patience)).toBe('“abc” is not a number.');
    expect(problem('int', '', TrainOptionsSchema.shape.batchSize)).toBe('Enter a number.');
  });
  it('pairs and shapes', () => {
    expect(problem('pair', '3x3x3', paramSchema('conv2d', 'kernelSize')!)).toMatch(/height x width/);
    expect(problem('pair', '0x3', paramSchema('conv2d', 'kernelSize')!)).toBe('First size: at least 1.');
    expect(problem('shape', '28, 28, 1, 1', paramSchema('input', 'shape')!)).toMatch(/1 to 3 sizes/);
  });
  it('an empty pool stride means "same as the pool size"', () => {
    expect(parseEntry('pair', '', paramSchema('maxPooling2d', 'strides')!)).toEqual({ ok: true, value: null });
  });
});
