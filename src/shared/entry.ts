// Typed entries: what a person types into a field, read as a value and checked against the same
// zod schema that the file format and the contract use, so bounds live in one place.
import type { z } from 'zod';
import { formatCount } from './format';

/**
 * How the text of a field is read: one number, a height x width pair, a shape of 1 to 3 sizes, a
 * list of whole numbers (its length checked by the schema), or text.
 */
export type EntryKind = 'int' | 'float' | 'pair' | 'shape' | 'ints' | 'text';

export type EntryResult<T = unknown> = { ok: true; value: T } | { ok: false; problem: string };

const SEPARATORS = /[x×*,\s]+/i;

function readNumber(text: string): number | string {
  const t = text.trim();
  if (t === '') return 'Enter a number.';
  const n = Number(t);
  return Number.isFinite(n) ? n : `“${t}” is not a number.`;
}

/** The candidate value a text stands for, before the schema's bounds are checked. */
function candidate(kind: EntryKind, text: string, nullable: boolean): EntryResult {
  if (nullable && text.trim() === '') return { ok: true, value: null };
  if (kind === 'text') return { ok: true, value: text };
  if (kind === 'int' || kind === 'float') {
    const n = readNumber(text);
    return typeof n === 'number' ? { ok: true, value: n } : { ok: false, problem: n };
  }
  const parts = text.split(SEPARATORS).filter(Boolean);
  if (kind === 'pair' && parts.length === 1) parts.push(parts[0]);
  if (kind === 'pair' && parts.length !== 2) return { ok: false, problem: 'Enter height x width, e.g. 3x3 (or one number for both).' };
  if (kind === 'shape' && (parts.length < 1 || parts.length > 3)) return { ok: false, problem: 'Enter 1 to 3 sizes, e.g. 28, 28, 1.' };
  const numbers = parts.map(readNumber);
  const bad = numbers.find((n) => typeof n === 'string');
  return bad !== undefined ? { ok: false, problem: bad as string } : { ok: true, value: numbers };
}

const bound = (n: unknown): string => (Number.isInteger(Number(n)) ? formatCount(Number(n)) : String(n));

/** A zod issue in the words a person would use ("At least 1.", "Enter a whole number."). */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length && typeof issue.path[0] === 'number' ? ['First', 'Second', 'Third'][issue.path[0]] ?? `Item ${issue.path[0] + 1}` : null;
  const say = (s: string): string => (where ? `${where} size: ${s.charAt(0).toLowerCase()}${s.slice(1)}` : s);
  if (issue.code === 'too_small' && issue.origin === 'number') {
    return say(issue.inclusive ? `At least ${bound(issue.minimum)}.` : `More than ${bound(issue.minimum)}.`);
  }
  if (issue.code === 'too_big' && issue.origin === 'number') {
    return say(issue.inclusive ? `At most ${bound(issue.maximum)}.` : `Less than ${bound(issue.maximum)}.`);
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') return `Enter ${issue.code === 'too_small' ? 'at least' : 'at most'} ${String(issue.code === 'too_small' ? issue.minimum : issue.maximum)} values.`;
  if (issue.code === 'invalid_type' && issue.expected === 'int') return say('Enter a whole number.');
  return say(issue.message);
}

/** Reads a typed entry and checks it against `schema`: the value, or why it cannot be used. */
export function parseEntry<T>(kind: EntryKind, text: string, schema: z.ZodType<T>): EntryResult<T> {
  const nullable = schema.safeParse(null).success;
  const value = candidate(kind, text, nullable);
  if (!value.ok) return value;
  const checked = schema.safeParse(value.value);
  return checked.success ? { ok: true, value: checked.data } : { ok: false, problem: describeIssue(checked.error.issues[0]) };
}

/** The text a value is shown as: `3x3` for pairs, `28, 28, 1` for shapes. */
export function formatEntry(kind: EntryKind, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (kind === 'pair' && Array.isArray(value)) return `${value[0]}x${value[1]}`;
  if ((kind === 'shape' || kind === 'ints') && Array.isArray(value)) return value.join(', ');
  return String(value);
}

/**
 * Whether typing this text should apply its value now: only when it is valid and showing the value
 * would not rewrite what was typed (so `28,` waits for the second size, `5` waits for `x5`).
 */
export function appliesWhileTyping(kind: EntryKind, text: string, result: EntryResult): boolean {
  return result.ok && formatEntry(kind, result.value) === text;
}
