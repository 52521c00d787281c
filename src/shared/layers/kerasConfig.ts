// Reading a Keras layer config so that nothing is dropped: every field a layer kind reads is
// taken from the reader, every field it does not model must hold Keras' default, and whatever
// is left over refuses the import with a message naming the field and the layer.
import { ACTIVATIONS, type Activation } from '../graph/model';

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keras' activation names (Keras 2 and 3), and NetBuilder's name for each. */
export const KERAS_ACTIVATIONS: Record<string, Activation> = {
  linear: 'linear',
  relu: 'relu',
  sigmoid: 'sigmoid',
  softmax: 'softmax',
  tanh: 'tanh',
  leaky_relu: 'leakyRelu',
};
export const TO_KERAS_ACTIVATION: Record<Activation, string> = {
  linear: 'linear',
  relu: 'relu',
  sigmoid: 'sigmoid',
  softmax: 'softmax',
  tanh: 'tanh',
  leakyRelu: 'leaky_relu',
};

export class KerasImportError extends Error {}

/** A layer's config with the fields not yet accounted for. */
export class ConfigReader {
  private readonly left: Set<string>;

  constructor(
    readonly config: Json,
    /** For messages: 'layer "conv2d" (Conv2D)'. */
    readonly where: string,
  ) {
    this.left = new Set(Object.keys(config));
  }

  has(key: string): boolean {
    return this.config[key] !== undefined;
  }

  /** The raw value, marking the field as read. */
  take(key: string): unknown {
    this.left.delete(key);
    return this.config[key];
  }

  fail(key: string, why: string): never {
    throw new KerasImportError(`${this.where}: the field "${key}" ${why}`);
  }

  number(key: string, fallback?: number): number {
    const v = this.take(key);
    if (v === undefined || v === null) {
      if (fallback === undefined) this.fail(key, 'is missing.');
      return fallback;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(key, `should be a number but is ${show(v)}.`);
    return v;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.take(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') this.fail(key, `should be true or false but is ${show(v)}.`);
    return v;
  }

  /** An int or a pair of ints, as Keras accepts kernel_size=3 or (3, 3). */
  pair(key: string, fallback: [number, number]): [number, number] {
    const v = this.take(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'number') return [v, v];
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) return [v[0] as number, v[1] as number];
    this.fail(key, `should be one or two numbers but is ${show(v)}.`);
  }

  oneOf<T extends string>(key: string, options: readonly T[], fallback: T): T {
    const v = this.take(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'string' && (options as readonly string[]).includes(v.toLowerCase())) return v.toLowerCase() as T;
    this.fail(key, `is ${show(v)}; NetBuilder supports ${options.map((o) => `"${o}"`).join(' and ')}.`);
  }

  activation(key = 'activation'): Activation {
    const v = this.take(key);
    if (v === undefined || v === null) return 'linear';
    const name = typeof v === 'string' ? v : isObject(v) && typeof v['class_name'] === 'string' && isEmptyConfig(v['config']) ? v['class_name'] : undefined;
    const act = name !== undefined && Object.hasOwn(KERAS_ACTIVATIONS, snake(name)) ? KERAS_ACTIVATIONS[snake(name)] : undefined;
    if (!act) this.fail(key, `names the activation ${show(v)}, which NetBuilder does not have (it has ${Object.keys(KERAS_ACTIVATIONS).join(', ')}).`);
    return act;
  }

  /** A field NetBuilder does not model: absent, or equal to one of Keras' default spellings. */
  expect(key: string, ...defaults: unknown[]): void {
    const v = this.take(key);
    if (v === undefined) return;
    if (defaults.some((d) => sameValue(v, d))) return;
    this.fail(key, `is ${show(v)}; NetBuilder supports only ${defaults.map(show).join(' or ')}.`);
  }

  /** Fields of initializers, regularizers and constraints, which change no shape or count. */
  expectInitializer(key: string, ...classNames: string[]): void {
    const v = this.take(key);
    if (v === undefined || v === null) return;
    const name = typeof v === 'string' ? v : isObject(v) ? initializerName(v) : undefined;
    if (name !== undefined && classNames.some((c) => snake(c) === snake(name))) return;
    this.fail(key, `is ${show(v)}; NetBuilder uses Keras' default (${classNames[0]}).`);
  }

  /** Throws for the first field nobody read. */
  finish(): void {
    for (const key of this.left) this.fail(key, `(${show(this.config[key])}) is not supported by NetBuilder for this layer.`);
  }
}

/** Default initializer spellings: Keras 2/3 ({class_name, config}), strings, and tfjs' VarianceScaling form. */
function initializerName(v: Json): string | undefined {
  const cls = v['class_name'];
  const config = isObject(v['config']) ? v['config'] : {};
  if (cls === 'VarianceScaling' && config['scale'] === 1 && config['mode'] === 'fan_avg' && config['seed'] == null) {
    return config['distribution'] === 'uniform' ? 'GlorotUniform' : 'GlorotNormal';
  }
  const unset = Object.entries(config).every(([k, x]) => x === null || (k === 'seed' && x === null));
  return typeof cls === 'string' && unset ? cls : undefined;
}

function isEmptyConfig(c: unknown): boolean {
  return c === undefined || c === null || (isObject(c) && Object.values(c).every((x) => x === null));
}

/** "GlorotUniform" and "glorot_uniform" are one name. */
export function snake(name: string): string {
  return name
    .replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function show(v: unknown): string {
  const text = JSON.stringify(v);
  return text === undefined ? String(v) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export { ACTIVATIONS };
