// A layer kind's parameters, declared once: each parameter gives its zod schema (type and bounds,
// which the file format and validation use), its default, and how the inspector shows it.
import { z } from 'zod';
import { formatCount } from '../format';
import type { ParamField } from './types';

/** One parameter: its schema, default and inspector field (without the key, which the object gives). */
export interface Param<T> {
  schema: z.ZodType<T>;
  default: T;
  field: Omit<ParamField, 'key'>;
}

export interface ParamsDef<P> {
  schema: z.ZodType<P>;
  /** Each parameter's own schema, e.g. to check a value as it is typed. */
  schemas: Record<string, z.ZodType>;
  defaults: P;
  fields: readonly ParamField[];
  /** Messages that say what to change, one per problem, naming the parameter. */
  validate(params: P): string[];
}

type ParamsOfDef<D extends Record<string, Param<unknown>>> = { [K in keyof D]: D[K] extends Param<infer T> ? T : never };

export function defineParams<D extends Record<string, Param<unknown>>>(def: D): ParamsDef<ParamsOfDef<D>> {
  const keys = Object.keys(def);
  // A parameter missing from a file written before it existed gets its default.
  const shape = Object.fromEntries(keys.map((k) => [k, (def[k].schema as z.ZodType).default(def[k].default as never)]));
  const schema = z.object(shape) as unknown as z.ZodType<ParamsOfDef<D>>;
  const fields = keys.filter((k) => !def[k].field.hidden).map((k) => ({ key: k, ...def[k].field }));
  const defaults = Object.fromEntries(keys.map((k) => [k, def[k].default])) as ParamsOfDef<D>;
  return {
    schema,
    schemas: Object.fromEntries(keys.map((k) => [k, def[k].schema as z.ZodType])),
    defaults,
    fields,
    validate: (params) => {
      if (typeof params !== 'object' || params === null) return ['Its parameters are malformed.'];
      const messages: string[] = [];
      for (const k of keys) {
        const value = (params as Record<string, unknown>)[k];
        const result = def[k].schema.safeParse(value);
        if (!result.success) messages.push(messageFor({ key: k, ...def[k].field }, value, result.error.issues[0]));
      }
      return messages;
    },
  };
}

function messageFor(field: ParamField, value: unknown, issue: z.core.$ZodIssue): string {
  if (field.message) return field.message(value);
  const label = issue.path.length > 0 && typeof issue.path[0] === 'number' ? itemLabel(field, issue.path[0]) : field.label;
  const got = issue.path.length > 0 && Array.isArray(value) ? value[issue.path[0] as number] : value;
  const shown = Array.isArray(got) ? `[${got.join(', ')}]` : String(got);
  const onArray = (issue.code === 'too_big' || issue.code === 'too_small') && issue.origin === 'array';
  if (issue.code === 'too_big' && !onArray) return `${label} must be at most ${formatCount(Number(issue.maximum))} (got ${shown}).`;
  if (field.type === 'enum') return `${label} must be one of ${field.options?.join(', ')} (got ${shown}).`;
  if (field.type === 'bool') return `${label} must be true or false (got ${shown}).`;
  if (onArray || (issue.path.length === 0 && (field.type === 'pair' || field.type === 'ints'))) {
    return field.lengthMessage ?? `${label} must be ${field.type === 'pair' ? 'two whole numbers (height, width)' : 'a list of whole numbers'}.`;
  }
  if (field.type === 'float') {
    const range = field.max !== undefined ? `between ${field.min ?? 0} and ${field.max}` : `at least ${field.min ?? 0}`;
    return `${label} must be a number ${range} (got ${shown}).`;
  }
  return `${label} must be a whole number of at least ${field.min ?? 0} (got ${shown}).`;
}

function itemLabel(field: ParamField, index: number): string {
  if (field.itemLabels) return field.itemLabels[index] ?? `${field.label} ${index + 1}`;
  if (field.type === 'pair') return `${field.label} ${index === 0 ? 'height' : 'width'}`;
  return `${field.label} ${index + 1}`;
}

type FieldMeta = { label: string; help: string; unit?: string };

const intSchema = (min: number, max: number) => z.number().int().min(min).max(max);

export function intParam(meta: FieldMeta & { min: number; max: number; default: number }): Param<number> {
  return { schema: intSchema(meta.min, meta.max), default: meta.default, field: { ...meta, type: 'int' } };
}

/** A number in [min, max], or [min, max) with `below`. */
export function floatParam(meta: FieldMeta & { min: number; max: number; below?: boolean; above?: boolean; default: number; message?: (v: unknown) => string }): Param<number> {
  let schema = z.number();
  schema = meta.above ? schema.gt(meta.min) : schema.min(meta.min);
  schema = meta.below ? schema.lt(meta.max) : schema.max(meta.max);
  return { schema, default: meta.default, field: { label: meta.label, help: meta.help, unit: meta.unit, min: meta.min, max: meta.max, type: 'float', message: meta.message } };
}

export function pairParam(meta: FieldMeta & { min: number; max: number; default: [number, number] }): Param<[number, number]> {
  return { schema: z.tuple([intSchema(meta.min, meta.max), intSchema(meta.min, meta.max)]), default: meta.default, field: { ...meta, type: 'pair' } };
}

/** A pair that may be null (e.g. pooling strides: null means "the pool size"). */
export function nullablePairParam(meta: FieldMeta & { min: number; max: number; placeholder: string }): Param<[number, number] | null> {
  return {
    schema: z.tuple([intSchema(meta.min, meta.max), intSchema(meta.min, meta.max)]).nullable(),
    default: null,
    field: { ...meta, type: 'pair', nullable: true },
  };
}

export function enumParam<const T extends readonly [string, ...string[]]>(meta: FieldMeta & { options: T; default: T[number] }): Param<T[number]> {
  return { schema: z.enum(meta.options) as unknown as z.ZodType<T[number]>, default: meta.default, field: { ...meta, type: 'enum' } };
}

export function boolParam(meta: FieldMeta & { default: boolean }): Param<boolean> {
  return { schema: z.boolean(), default: meta.default, field: { ...meta, type: 'bool' } };
}

/** A list of whole numbers, e.g. an Input shape or Reshape's target shape. */
export function intsParam(
  meta: FieldMeta & { min: number; max: number; minLength: number; maxLength: number; default: number[]; itemLabels?: string[]; lengthMessage: string; allowUnknown?: boolean },
): Param<number[]> {
  const item = meta.allowUnknown ? z.union([z.literal(-1), intSchema(meta.min, meta.max)]) : intSchema(meta.min, meta.max);
  return {
    schema: z.array(item).min(meta.minLength).max(meta.maxLength),
    default: meta.default,
    field: { label: meta.label, help: meta.help, unit: meta.unit, min: meta.min, max: meta.max, type: 'ints', minLength: meta.minLength, maxLength: meta.maxLength, itemLabels: meta.itemLabels, lengthMessage: meta.lengthMessage, allowUnknown: meta.allowUnknown },
  };
}

/** A Keras `axis` other than 0, the batch axis; -1 is the last. */
export function axisParam(help: string): Param<number> {
  return {
    schema: z.number().int().min(-8).max(8).refine((a) => a !== 0),
    default: -1,
    field: {
      label: 'Axis',
      type: 'int',
      min: -8,
      max: 8,
      help,
      message: (v) => `Axis must be a whole number from -8 to 8 other than 0, the batch axis (got ${String(v)}).`,
    },
  };
}
