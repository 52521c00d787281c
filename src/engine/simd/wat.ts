// A few builders for WebAssembly text (folded s-expressions), so the SIMD kernels read as loops
// and arithmetic rather than as nested parentheses. Everything here returns WAT source text.

/** `(local.get $name)` */
export const get = (name: string): string => `(local.get $${name})`;
export const set = (name: string, value: string): string => `(local.set $${name} ${value})`;
export const i32 = (n: number): string => `(i32.const ${n})`;
export const add = (...terms: string[]): string => terms.reduce((a, b) => `(i32.add ${a} ${b})`);
export const sub = (a: string, b: string): string => `(i32.sub ${a} ${b})`;
export const mul = (...factors: string[]): string => factors.reduce((a, b) => `(i32.mul ${a} ${b})`);
/** A count of float32 elements as bytes. */
export const bytes = (elements: string): string => `(i32.shl ${elements} (i32.const 2))`;
/** `name += by` */
export const inc = (name: string, by: string): string => set(name, add(get(name), by));

/** Declarations: `(param $a i32) ...` or `(local $a v128) ...`. */
export const decl = (kind: 'param' | 'local', type: 'i32' | 'v128' | 'f32', names: string[]): string => names.map((n) => `(${kind} $${n} ${type})`).join(' ');

/**
 * The arithmetic of a kernel's inner loop at one width: four floats at a time (v128), or one (f32,
 * for the channels left over when a count is not a multiple of four). Locals of each width have
 * their own names (`name`), declared by `declare`.
 */
export interface Lanes {
  /** Floats per value. */
  width: 1 | 4;
  name(base: string): string;
  declare(bases: string[]): string;
  zero: string;
  load(address: string, offsetBytes?: number): string;
  /** One float at `address`, in every lane. */
  splat(address: string, offsetBytes?: number): string;
  store(address: string, value: string, offsetBytes?: number): string;
  plus(a: string, b: string): string;
  /** acc += a * b */
  madd(acc: string, a: string, b: string): string;
}

export const FOUR: Lanes = {
  width: 4,
  name: (base) => base,
  declare: (bases) => decl('local', 'v128', bases),
  zero: '(v128.const i32x4 0 0 0 0)',
  load: (address, offset = 0) => `(v128.load offset=${offset} ${address})`,
  splat: (address, offset = 0) => `(v128.load32_splat offset=${offset} ${address})`,
  store: (address, value, offset = 0) => `(v128.store offset=${offset} ${address} ${value})`,
  plus: (a, b) => `(f32x4.add ${a} ${b})`,
  madd: (acc, a, b) => set(acc, `(f32x4.add ${get(acc)} (f32x4.mul ${a} ${b}))`),
};

export const ONE: Lanes = {
  width: 1,
  name: (base) => `f_${base}`,
  declare: (bases) => bases.map((b) => `(local $f_${b} f32)`).join(' '),
  zero: '(f32.const 0)',
  load: (address, offset = 0) => `(f32.load offset=${offset} ${address})`,
  splat: (address, offset = 0) => `(f32.load offset=${offset} ${address})`,
  store: (address, value, offset = 0) => `(f32.store offset=${offset} ${address} ${value})`,
  plus: (a, b) => `(f32.add ${a} ${b})`,
  madd: (acc, a, b) => set(acc, `(f32.add ${get(acc)} (f32.mul ${a} ${b}))`),
};

let labels = 0;
const label = (hint: string): string => `${hint}${labels++}`;

/** `for (name = from; name < to; name += step) body` (signed compare; nothing when from >= to). */
export function forRange(name: string, from: string, to: string, step: string, body: string): string {
  const l = label(name);
  return `${set(name, from)} (block $${l}_done (loop $${l} (br_if $${l}_done (i32.ge_s ${get(name)} ${to})) ${body} ${inc(name, step)} (br $${l})))`;
}

/** `for (name = 0; name < count; name++) body`, count a local's name. */
export const upTo = (name: string, count: string, body: string): string => forRange(name, i32(0), get(count), i32(1), body);

/** `while (condition) body` */
export function whileTrue(condition: string, body: string): string {
  const l = label('w');
  return `(block $${l}_done (loop $${l} (br_if $${l}_done (i32.eqz ${condition})) ${body} (br $${l})))`;
}

/** Runs body `counter` times, counting it down to zero (counter must be at least 1). */
export function repeat(counter: string, body: string): string {
  const l = label(counter);
  return `(loop $${l} ${body} (br_if $${l} (local.tee $${counter} (i32.sub ${get(counter)} (i32.const 1)))))`;
}

export const when = (condition: string, body: string): string => `(if ${condition} (then ${body}))`;
export const lessEq = (a: string, b: string): string => `(i32.le_s ${a} ${b})`;
export const less = (a: string, b: string): string => `(i32.lt_s ${a} ${b})`;
export const positive = (a: string): string => `(i32.gt_s ${a} (i32.const 0))`;
export const both = (a: string, b: string): string => `(i32.and ${a} ${b})`;

/** 0..n-1 */
export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
