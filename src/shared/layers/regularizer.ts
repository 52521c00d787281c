// Keras' kernel_regularizer and bias_regularizer (L1, L2 and L1L2): one penalty added to the loss,
// l1 * sum(|w|) + l2 * sum(w^2), over a layer's kernel or bias. Declared once here for the file
// format, the inspector, Keras JSON both ways, the tfjs layer args and the Python and PyTorch code.
import { z } from 'zod';
import { isObject, show, snake, type ConfigReader, type Json } from './kerasConfig';
import type { Param } from './params';

/** A penalty's factors; null (the default) is no regularizer. */
export type Regularizer = { l1: number; l2: number } | null;

/** Keeps a mistyped factor from making every loss huge; Keras accepts any non-negative number. */
export const MAX_PENALTY = 1000;

export const penaltyFactor = z.number().min(0).max(MAX_PENALTY);
const regularizerSchema = z.object({ l1: penaltyFactor, l2: penaltyFactor }).strict().nullable();

export function regularizerParam(weight: 'kernel' | 'bias'): Param<Regularizer> {
  const what = weight === 'kernel' ? 'kernel (the weights)' : 'bias';
  return {
    schema: regularizerSchema,
    default: null,
    field: {
      label: weight === 'kernel' ? 'Kernel regularizer' : 'Bias regularizer',
      type: 'regularizer',
      min: 0,
      max: MAX_PENALTY,
      help: `Adds l1 * sum(|w|) + l2 * sum(w²) over the ${what} to the loss, as Keras' ${weight}_regularizer does: L2 keeps weights small, L1 pushes some to exactly 0. The curves show this part of the loss apart from the data loss. 0 and 0 is none.`,
      message: (v) => `${weight === 'kernel' ? 'Kernel' : 'Bias'} regularizer factors must be numbers from 0 to ${MAX_PENALTY} (got ${show(v)}).`,
    },
  };
}

/** The regularizer an edit leaves: both factors 0 is none. */
export function withFactor(current: Regularizer, key: 'l1' | 'l2', value: number): Regularizer {
  const next = { l1: current?.l1 ?? 0, l2: current?.l2 ?? 0, [key]: value };
  return next.l1 === 0 && next.l2 === 0 ? null : next;
}

/** Both factors of a regularizer, 0 where it has none. */
export const factors = (r: Regularizer): { l1: number; l2: number } => r ?? { l1: 0, l2: 0 };

/** For node cards: "L2 0.01", "L1 0.001 + L2 0.01". */
export function describeRegularizer(r: Regularizer): string {
  if (!r) return '';
  const parts = [r.l1 > 0 ? `L1 ${r.l1}` : '', r.l2 > 0 ? `L2 ${r.l2}` : ''].filter(Boolean);
  return parts.length ? parts.join(' + ') : 'L1L2 0';
}

// ---- Keras ----

/** Keras 3's class for these factors: L1 or L2 when only one is set, L1L2 otherwise. */
function kerasClass(r: { l1: number; l2: number }): { className: 'L1' | 'L2' | 'L1L2'; config: Json } {
  if (r.l1 > 0 && r.l2 === 0) return { className: 'L1', config: { l1: r.l1 } };
  if (r.l2 > 0 && r.l1 === 0) return { className: 'L2', config: { l2: r.l2 } };
  return { className: 'L1L2', config: { l1: r.l1, l2: r.l2 } };
}

/** Keras 3's spelling in a layer config. */
export function toKerasRegularizer(r: Regularizer): Json | null {
  if (!r) return null;
  const { className, config } = kerasClass(r);
  return { module: 'keras.regularizers', class_name: className, config, registered_name: null };
}

/** A Keras 3 regularizer as a TF.js model.json spells it: L1L2, the one class TF.js registers. */
export function tfjsTopologyRegularizer(v: unknown): unknown {
  if (!isObject(v) || !isObject(v['config'])) return v;
  const c = v['config'];
  return { class_name: 'L1L2', config: { l1: c['l1'] ?? 0, l2: c['l2'] ?? 0 } };
}

/** Keras 3's defaults for a factor missing from a config: L1(0.01), L2(0.01), L1L2(0, 0). */
const DEFAULTS: Record<string, { l1: number; l2: number }> = { l1: { l1: 0.01, l2: 0 }, l2: { l1: 0, l2: 0.01 }, l1_l2: { l1: 0, l2: 0 } };

/**
 * Keras writes L1's factor as float32 (L1(0.001) -> 0.0010000000474974513): read such a value as
 * the shortest decimal with the same float32 value, which is what the network computes with.
 */
function shortestFloat32(v: number): number {
  if (Math.fround(v) !== v) return v;
  for (let digits = 1; digits <= 9; digits++) {
    const d = Number(v.toPrecision(digits));
    if (Math.fround(d) === v) return d;
  }
  return v;
}

/** Keras' own class (not one registered by someone else under the same name), with no fields beyond these. */
function kerasOwn(v: Json): boolean {
  const known = ['module', 'class_name', 'config', 'registered_name'];
  return (v['module'] === undefined || v['module'] === 'keras.regularizers') && v['registered_name'] == null && Object.keys(v).every((k) => known.includes(k));
}

/**
 * Reads kernel_regularizer / bias_regularizer in every spelling Keras 2, Keras 3 and TF.js write
 * ({class_name, config} with or without module, or a name such as "l2"); any other regularizer
 * (OrthogonalRegularizer, one of your own) refuses the import by name.
 */
export function readRegularizer(c: ConfigReader, key: string): Regularizer {
  const v = c.take(key);
  if (v === undefined || v === null) return null;
  const name = typeof v === 'string' ? v : isObject(v) && typeof v['class_name'] === 'string' && kerasOwn(v) ? v['class_name'] : undefined;
  const defaults = name !== undefined && Object.hasOwn(DEFAULTS, snake(name)) ? DEFAULTS[snake(name)] : undefined;
  if (!defaults) c.fail(key, `is ${show(v)}; NetBuilder supports the regularizers L1, L2 and L1L2.`);
  const config = isObject(v) && v['config'] !== undefined && v['config'] !== null ? v['config'] : {};
  if (!isObject(config)) c.fail(key, `has a config that is not an object: ${show(v)}.`);
  const factor = (k: 'l1' | 'l2'): number => {
    const x = config[k];
    if (x === undefined || x === null) return defaults[k];
    const ok = penaltyFactor.safeParse(x);
    if (!ok.success) c.fail(key, `has ${k} ${show(x)}; it must be a number from 0 to ${MAX_PENALTY}.`);
    return shortestFloat32(ok.data);
  };
  const own = snake(name!) === 'l1' ? ['l1'] : snake(name!) === 'l2' ? ['l2'] : ['l1', 'l2'];
  const extra = Object.keys(config).filter((k) => !own.includes(k));
  if (extra.length > 0) c.fail(key, `has the field "${extra[0]}" in its ${name!} config, which NetBuilder does not model.`);
  return { l1: own.includes('l1') ? factor('l1') : 0, l2: own.includes('l2') ? factor('l2') : 0 };
}

/** The kernel and bias regularizers of a layer's config, as written on export (none when unset). */
export function kerasRegularizers(p: { kernelRegularizer: Regularizer; biasRegularizer: Regularizer }): Json {
  const out: Json = {};
  if (p.kernelRegularizer) out['kernel_regularizer'] = toKerasRegularizer(p.kernelRegularizer);
  if (p.biasRegularizer) out['bias_regularizer'] = toKerasRegularizer(p.biasRegularizer);
  return out;
}

// ---- code ----

/** Python Keras: `keras.regularizers.L2(0.01)`, `keras.regularizers.L1L2(l1=0.001, l2=0.01)`. */
export function pythonRegularizer(r: { l1: number; l2: number }): string {
  const { className } = kerasClass(r);
  if (className === 'L1') return `keras.regularizers.L1(${r.l1})`;
  if (className === 'L2') return `keras.regularizers.L2(${r.l2})`;
  return `keras.regularizers.L1L2(l1=${r.l1}, l2=${r.l2})`;
}

/** The keyword arguments of a layer's Python constructor. */
export function pythonRegularizerArgs(p: { kernelRegularizer: Regularizer; biasRegularizer: Regularizer }): string[] {
  const args: string[] = [];
  if (p.kernelRegularizer) args.push(`kernel_regularizer=${pythonRegularizer(p.kernelRegularizer)}`);
  if (p.biasRegularizer) args.push(`bias_regularizer=${pythonRegularizer(p.biasRegularizer)}`);
  return args;
}

/**
 * TF.js layer args: the serialized form tf.layers reads (getRegularizer takes it, as
 * tf.regularizers.l1l2 would make it), so the args stay plain data the engine and the code
 * export both use.
 */
export interface TfjsRegularizerConfig {
  className: 'L1L2';
  config: { l1: number; l2: number };
}

export function tfjsRegularizerArgs(p: { kernelRegularizer: Regularizer; biasRegularizer: Regularizer }): { kernelRegularizer?: TfjsRegularizerConfig; biasRegularizer?: TfjsRegularizerConfig } {
  const arg = (r: { l1: number; l2: number }): TfjsRegularizerConfig => ({ className: 'L1L2', config: { l1: r.l1, l2: r.l2 } });
  return {
    ...(p.kernelRegularizer ? { kernelRegularizer: arg(p.kernelRegularizer) } : {}),
    ...(p.biasRegularizer ? { biasRegularizer: arg(p.biasRegularizer) } : {}),
  };
}

export function isTfjsRegularizerConfig(v: unknown): v is TfjsRegularizerConfig {
  return isObject(v) && v['className'] === 'L1L2' && isObject(v['config']);
}

/**
 * PyTorch has no regularizer on a layer: the script adds these terms to the loss. (PyTorch's
 * weight_decay is not the same thing: it changes the update outside the loss, and for Adam it is
 * not a penalty on the loss at all.) `param` is the parameter's Python expression.
 */
export function torchPenalty(r: Regularizer, param: string): string[] {
  if (!r) return [];
  const terms: string[] = [];
  if (r.l1 > 0) terms.push(`${r.l1} * ${param}.abs().sum()`);
  if (r.l2 > 0) terms.push(`${r.l2} * ${param}.square().sum()`);
  return terms;
}
