// The gradient of 2x2 max pooling with stride 2 (the common pooling) as WebAssembly SIMD, four
// channels at a time: each window's gradient goes to its first largest input, row by row, as
// TensorFlow's reference kernel and the JavaScript kernel in ../wasmKernels.ts give it. Windows
// do not overlap, so every input gets exactly one value (0 unless it won its window) and no
// scatter or zero fill is needed, except for a last row or column no window covers.
// Seed CNN, first pooling layer ([16, 26, 26, 32]): 1.5 ms in JavaScript, 0.055 ms here.
import { add, bytes, decl, FOUR, get, i32, inc, mul, repeat, set, upTo } from './wat';

const { load, store } = FOUR;

const and = (a: string, b: string): string => `(v128.and ${a} ${b})`;
/** a & ~b */
const andNot = (a: string, b: string): string => `(v128.andnot ${a} ${b})`;
const or = (a: string, b: string): string => `(v128.or ${a} ${b})`;
const greater = (a: string, b: string): string => `(f32x4.gt ${a} ${b})`;
/** where mask: a, else b */
const pick = (a: string, b: string, mask: string): string => `(v128.bitselect ${a} ${b} ${mask})`;

/** Four channels of one window: p00, p01, p10, p11 in reading order, g the window's gradient. */
const WINDOW_STEP = [
  set('v00', load(get('p'))),
  set('v01', load(add(get('p'), get('cs')))),
  set('v10', load(add(get('p'), get('rs')))),
  set('v11', load(add(get('p'), get('rs'), get('cs')))),
  set('g', load(get('gp'))),
  // Later inputs win only when strictly larger (NaN never wins), as the reference's `>` test.
  set('m01', greater(get('v01'), get('v00'))),
  set('best', pick(get('v01'), get('v00'), get('m01'))),
  set('m10', greater(get('v10'), get('best'))),
  set('best', pick(get('v10'), get('best'), get('m10'))),
  set('m11', greater(get('v11'), get('best'))),
  store(get('q'), andNot(get('g'), or(get('m01'), or(get('m10'), get('m11'))))),
  store(add(get('q'), get('cs')), and(get('g'), andNot(get('m01'), or(get('m10'), get('m11'))))),
  store(add(get('q'), get('rs')), and(get('g'), andNot(get('m10'), get('m11')))),
  store(add(get('q'), get('rs'), get('cs')), and(get('g'), get('m11'))),
  inc('p', i32(16)),
  inc('q', i32(16)),
  inc('gp', i32(16)),
].join(' ');

/**
 * maxPoolGrad2x2(x, dy, dx, n, h, w, c, oh, ow): x the pooling's input [n, h, w, c], dy its output's
 * gradient [n, oh, ow, c] (2*oh <= h, 2*ow <= w, no padding), dx [n, h, w, c]; c a multiple of 4.
 */
export const POOL_GRADIENT = `
  (func (export "maxPoolGrad2x2") ${decl('param', 'i32', ['x', 'dy', 'dx', 'n', 'h', 'w', 'c', 'oh', 'ow'])}
    ${decl('local', 'i32', ['b', 'oy', 'ox', 'k', 'p', 'q', 'gp', 'cs', 'rs', 'offset'])}
    ${decl('local', 'v128', ['v00', 'v01', 'v10', 'v11', 'g', 'm01', 'm10', 'm11', 'best'])}
    (if (i32.or (i32.ne (i32.mul ${get('oh')} (i32.const 2)) ${get('h')}) (i32.ne (i32.mul ${get('ow')} (i32.const 2)) ${get('w')}))
      (then (memory.fill ${get('dx')} (i32.const 0) ${bytes(mul(get('n'), get('h'), get('w'), get('c')))})))
    ${set('cs', bytes(get('c')))}
    ${set('rs', bytes(mul(get('w'), get('c'))))}
    ${set('gp', get('dy'))}
    ${upTo(
      'b',
      'n',
      upTo(
        'oy',
        'oh',
        upTo(
          'ox',
          'ow',
          `${set('offset', bytes(mul(add(mul(add(mul(get('b'), get('h')), mul(get('oy'), i32(2))), get('w')), mul(get('ox'), i32(2))), get('c'))))}
           ${set('p', add(get('x'), get('offset')))} ${set('q', add(get('dx'), get('offset')))}
           ${set('k', `(i32.shr_u ${get('c')} (i32.const 2))`)}
           ${repeat('k', WINDOW_STEP)}`,
        ),
      ),
    )})`;
