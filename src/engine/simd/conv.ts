// A Conv2D (NHWC, no dilation) and its two gradients as WebAssembly SIMD loops over the wasm
// backend's own memory: no im2col copies, no transposes, no packed operands.
//
// Why not the backend's kernels: XNNPACK packs the operand it treats as weights on every call, and
// a gradient's operands are new every step; for the filter gradient that operand is dy itself
// (measured: repacking 97K floats costs 0.85 ms, against 0.4 ms for the product). The wasm
// backend's own Conv2DBackpropInput is a scalar loop, and expressing it as a convolution of the
// padded dy multiplies by the padding's zeros (28% of the work on the seed CNN's second layer).
// Seed CNN, second layer, batch 16, one thread, each kernel timed alone: filter gradient 4.2 ->
// 1.9 ms, input gradient 4.2 -> 1.7 ms (bench/README.md has these with the step and epoch times).
//
// All three walk, for each filter tap (kh, kw), only the outputs whose input pixel lies inside the
// image (padding contributes nothing), found by $lo and $hi. Tiles of accumulators stay in
// registers: 4 input channels x 8 output channels for the filter gradient, 4 pixels x 8 channels
// for the convolution and its input gradient (wider tiles spill: 4 x 12 and 4 x 16 measured
// slower), with narrower tiles for the remainders, down to one channel at a time for counts not
// in fours.
import { add, both, bytes, decl, forRange, FOUR, get, i32, inc, type Lanes, less, lessEq, mul, ONE, positive, range, repeat, set, sub, upTo, when, whileTrue } from './wat';

/** Shape parameters shared by the three kernels (all int32; strides and padding of the forward conv). */
const DIMS = ['n', 'h', 'w', 'cin', 'oh', 'ow', 'cout', 'fh', 'fw', 'sh', 'sw', 'pt', 'pl'];

const RANGE_HELPERS = `
  ;; The first output index o with o*s + k - p >= 0 (its input coordinate inside the image).
  (func $lo (param $p i32) (param $k i32) (param $s i32) (result i32)
    (if (result i32) (i32.gt_s (local.get $p) (local.get $k))
      (then (i32.div_s (i32.sub (i32.add (i32.sub (local.get $p) (local.get $k)) (local.get $s)) (i32.const 1)) (local.get $s)))
      (else (i32.const 0))))
  ;; One past the last output index o < out with o*s + k - p < size.
  (func $hi (param $size i32) (param $p i32) (param $k i32) (param $s i32) (param $out i32) (result i32)
    (local $last i32)
    (local.set $last (i32.sub (i32.add (i32.sub (local.get $size) (i32.const 1)) (local.get $p)) (local.get $k)))
    (if (result i32) (i32.lt_s (local.get $last) (i32.const 0))
      (then (i32.const 0))
      (else
        (local.set $last (i32.add (i32.div_s (local.get $last) (local.get $s)) (i32.const 1)))
        (select (local.get $out) (local.get $last) (i32.lt_s (local.get $out) (local.get $last))))))`;

/**
 * For each image b and filter tap (kh, kw): body, with [oy0, oy1) and [ox0, ox1) the output rows and
 * columns whose input pixel under the tap is inside the image.
 */
function forEachImageAndTap(body: string): string {
  return upTo(
    'b',
    'n',
    upTo(
      'kh',
      'fh',
      `${set('oy0', `(call $lo ${get('pt')} ${get('kh')} ${get('sh')})`)}
       ${set('oy1', `(call $hi ${get('h')} ${get('pt')} ${get('kh')} ${get('sh')} ${get('oh')})`)}
       ${upTo('kw', 'fw', `${set('ox0', `(call $lo ${get('pl')} ${get('kw')} ${get('sw')})`)} ${set('ox1', `(call $hi ${get('w')} ${get('pl')} ${get('kw')} ${get('sw')} ${get('ow')})`)} ${body}`)}`,
    ),
  );
}

const acc = (lanes: Lanes, i: number, j: number): string => lanes.name(`a${i * 2 + j}`);
/** Accumulators and operands, at both widths. */
const REGISTERS = [...range(8).map((i) => `a${i}`), 'd0', 'd1', 's'];

/**
 * One tile of the filter gradient: adds to dW[kh, kw, ci..ci+nci, co..co+ncv*width] the products
 * over image b's rows and columns where the tap is inside, x values broadcast against dy values.
 */
function filterTile(lanes: Lanes, nci: 1 | 4, ncv: 1 | 2): string {
  const a = (i: number, j: number): string => acc(lanes, i, j);
  const [d, sv] = [(j: number): string => lanes.name(`d${j}`), lanes.name('s')];
  const bytesPer = 4 * lanes.width;
  const step = [
    ...range(ncv).map((j) => set(d(j), lanes.load(get('dp'), bytesPer * j))),
    ...range(nci).flatMap((i) => [set(sv, lanes.splat(get('xp'), 4 * i)), ...range(ncv).map((j) => lanes.madd(a(i, j), get(sv), get(d(j))))]),
    inc('xp', get('xCol')),
    inc('dp', get('dCol')),
  ].join(' ');
  // The tile's row of dW at each input channel: op, op + dCol, ...
  const rowOf = (i: number): string => (i === 0 ? get('op') : add(get('op'), mul(get('dCol'), i32(i))));
  const forEachValue = (f: (i: number, j: number) => string): string => range(nci).flatMap((i) => range(ncv).map((j) => f(i, j))).join(' ');
  return `${set('op', add(get('out'), bytes(add(mul(add(mul(add(mul(get('kh'), get('fw')), get('kw')), get('cin')), get('ci')), get('cout')), get('co')))))}
    ${forEachValue((i, j) => set(a(i, j), lanes.load(rowOf(i), bytesPer * j)))}
    ${set('xr', add(get('xTap'), bytes(get('ci'))))} ${set('dr', add(get('dTap'), bytes(get('co'))))} ${set('r', get('rows'))}
    ${repeat('r', `${set('xp', get('xr'))} ${set('dp', get('dr'))} ${set('c', get('cols'))} ${repeat('c', step)} ${inc('xr', get('xRow'))} ${inc('dr', get('dRow'))}`)}
    ${forEachValue((i, j) => lanes.store(rowOf(i), get(a(i, j)), bytesPer * j))}`;
}

/** Output-channel tiles of 8, then of 4, then single channels. */
function outputChannelTiles(nci: 1 | 4): string {
  return `${set('co', i32(0))}
    ${whileTrue(lessEq(add(get('co'), i32(8)), get('cout')), `${filterTile(FOUR, nci, 2)} ${inc('co', i32(8))}`)}
    ${whileTrue(lessEq(add(get('co'), i32(4)), get('cout')), `${filterTile(FOUR, nci, 1)} ${inc('co', i32(4))}`)}
    ${whileTrue(less(get('co'), get('cout')), `${filterTile(ONE, nci, 1)} ${inc('co', i32(1))}`)}`;
}

/**
 * conv2dFilterGrad(x, dy, out, ...DIMS): out[kh, kw, ci, co] = sum over b, oy, ox of
 * x[b, oy*sh + kh - pt, ox*sw + kw - pl, ci] * dy[b, oy, ox, co], taps outside the image skipped.
 */
const FILTER_GRAD = `
  (func (export "conv2dFilterGrad") ${decl('param', 'i32', ['x', 'dy', 'out', ...DIMS])}
    ${decl('local', 'i32', ['b', 'kh', 'kw', 'ci', 'co', 'r', 'c', 'oy0', 'oy1', 'ox0', 'ox1', 'rows', 'cols', 'xTap', 'dTap', 'xr', 'dr', 'xp', 'dp', 'op', 'xCol', 'xRow', 'xImg', 'dCol', 'dRow', 'dImg'])}
    ${FOUR.declare(REGISTERS)} ${ONE.declare(REGISTERS)}
    (memory.fill ${get('out')} (i32.const 0) ${bytes(mul(get('fh'), get('fw'), get('cin'), get('cout')))})
    ${set('xCol', bytes(mul(get('sw'), get('cin'))))}
    ${set('xRow', bytes(mul(get('sh'), get('w'), get('cin'))))}
    ${set('xImg', bytes(mul(get('h'), get('w'), get('cin'))))}
    ${set('dCol', bytes(get('cout')))}
    ${set('dRow', bytes(mul(get('ow'), get('cout'))))}
    ${set('dImg', bytes(mul(get('oh'), get('ow'), get('cout'))))}
    ;; One image at a time, so its x and dy stay in cache while every tile of dW takes its sums.
    ${forEachImageAndTap(
      `${set('rows', sub(get('oy1'), get('oy0')))} ${set('cols', sub(get('ox1'), get('ox0')))}
       ${when(
         both(positive(get('rows')), positive(get('cols'))),
         `${set('xTap', add(get('x'), mul(get('b'), get('xImg')), bytes(mul(add(mul(sub(add(mul(get('oy0'), get('sh')), get('kh')), get('pt')), get('w')), sub(add(mul(get('ox0'), get('sw')), get('kw')), get('pl'))), get('cin')))))}
         ${set('dTap', add(get('dy'), mul(get('b'), get('dImg')), bytes(mul(add(mul(get('oy0'), get('ow')), get('ox0')), get('cout')))))}
         ${set('ci', i32(0))}
         ${whileTrue(lessEq(add(get('ci'), i32(4)), get('cin')), `${outputChannelTiles(4)} ${inc('ci', i32(4))}`)}
         ${whileTrue(less(get('ci'), get('cin')), `${outputChannelTiles(1)} ${inc('ci', i32(1))}`)}`,
       )}`,
    )})`;

/**
 * One tile of a tap's products: npx pixels of a row and ncv*width channels of dst, each the sum over
 * `red` channels of src pixel values broadcast against rows of the tap's weights, added into dst.
 */
function tapTile(lanes: Lanes, npx: 1 | 4, ncv: 1 | 2): string {
  const a = (p: number, j: number): string => acc(lanes, p, j);
  const [w, sv] = [(j: number): string => lanes.name(`w${j}`), lanes.name('s')];
  const bytesPer = 4 * lanes.width;
  const at = (base: string, stride: string, p: number): string => (p === 0 ? get(base) : add(get(base), get(`${stride}${p}`)));
  const zero = range(npx).flatMap((p) => range(ncv).map((j) => set(a(p, j), lanes.zero))).join(' ');
  const step = [
    ...range(ncv).map((j) => set(w(j), lanes.load(get('wp'), bytesPer * j))),
    ...range(npx).flatMap((p) => [set(sv, lanes.splat(at('sp', 'sCol', p))), ...range(ncv).map((j) => lanes.madd(a(p, j), get(sv), get(w(j))))]),
    inc('sp', i32(4)),
    inc('wp', get('wRow')),
  ].join(' ');
  const addInto = range(npx)
    .flatMap((p) => range(ncv).map((j) => lanes.store(at('dp', 'tCol', p), lanes.plus(lanes.load(at('dp', 'tCol', p), bytesPer * j), get(a(p, j))), bytesPer * j)))
    .join(' ');
  return `${zero} ${set('wp', add(get('tap'), bytes(get('v'))))} ${set('sp', get('srcPixel'))} ${set('k', get('red'))} ${repeat('k', step)} ${addInto}`;
}

const TAP_REGISTERS = [...range(8).map((i) => `a${i}`), 'w0', 'w1', 's'];

/** The pixels of one row in tiles of 4, then one by one. */
function rowPixels(lanes: Lanes, ncv: 1 | 2): string {
  return `${set('ox', get('ox0'))} ${set('srcPixel', get('srcRow'))} ${set('dp', add(get('dstRow'), bytes(get('v'))))}
    ${whileTrue(lessEq(add(get('ox'), i32(4)), get('ox1')), `${tapTile(lanes, 4, ncv)} ${inc('ox', i32(4))} ${inc('srcPixel', get('sCol4'))} ${inc('dp', get('tCol4'))}`)}
    ${whileTrue(less(get('ox'), get('ox1')), `${tapTile(lanes, 1, ncv)} ${inc('ox', i32(1))} ${inc('srcPixel', get('sCol1'))} ${inc('dp', get('tCol1'))}`)}`;
}

/** Where row oy's first pixel (ox0) of tap (kh, kw) is, in a tensor at output or at input coordinates. */
const outputRow = (base: string): string => add(get(base), bytes(mul(add(mul(add(mul(get('b'), get('oh')), get('oy')), get('ow')), get('ox0')), get('cout'))));
const inputRow = (base: string): string =>
  add(get(base), bytes(mul(add(mul(add(mul(get('b'), get('h')), sub(add(mul(get('oy'), get('sh')), get('kh')), get('pt'))), get('w')), sub(add(mul(get('ox0'), get('sw')), get('kw')), get('pl'))), get('cin'))));

/**
 * For each image, tap (kh, kw) and output row oy, and each output column ox where the tap is inside
 * the image: dst pixel += src pixel @ the tap's weights, the pixels paired by the tap, dst zeroed
 * first. The forward convolution (src x at input coordinates, dst y, taps w as [fh, fw, cin, cout])
 * and its input gradient (src dy, dst dx at input coordinates, taps the filter with its channel
 * axes swapped, [fh, fw, cout, cin]) are this loop with the roles exchanged.
 */
function tapwise(name: string, forward: boolean): string {
  const [vecs, red] = forward ? ['cout', 'cin'] : ['cin', 'cout'];
  const strides = (prefix: string, one: string): string => range(4).map((p) => set(`${prefix}${p + 1}`, mul(one, i32(p + 1)))).join(' ');
  const inputStep = bytes(mul(get('sw'), get('cin')));
  const outputStep = bytes(get('cout'));
  return `
  (func (export "${name}") ${decl('param', 'i32', ['src', 'taps', 'dst', ...DIMS])}
    ${decl('local', 'i32', ['b', 'kh', 'kw', 'oy', 'ox', 'v', 'k', 'oy0', 'oy1', 'ox0', 'ox1', 'vecs', 'red', 'tap', 'srcRow', 'dstRow', 'srcPixel', 'sp', 'dp', 'wp', 'wRow', 'sCol1', 'sCol2', 'sCol3', 'sCol4', 'tCol1', 'tCol2', 'tCol3', 'tCol4'])}
    ${FOUR.declare(TAP_REGISTERS)} ${ONE.declare(TAP_REGISTERS)}
    ${set('vecs', get(vecs))} ${set('red', get(red))} ${set('wRow', bytes(get('vecs')))}
    (memory.fill ${get('dst')} (i32.const 0) ${bytes(forward ? mul(get('n'), get('oh'), get('ow'), get('cout')) : mul(get('n'), get('h'), get('w'), get('cin')))})
    ${strides('sCol', forward ? inputStep : outputStep)} ${strides('tCol', forward ? outputStep : inputStep)}
    ${forEachImageAndTap(
      `${set('tap', add(get('taps'), bytes(mul(add(mul(get('kh'), get('fw')), get('kw')), get('cout'), get('cin')))))}
       ${forRange(
         'oy',
         get('oy0'),
         get('oy1'),
         i32(1),
         `${set('srcRow', forward ? inputRow('src') : outputRow('src'))}
          ${set('dstRow', forward ? outputRow('dst') : inputRow('dst'))}
          ${set('v', i32(0))}
          ${whileTrue(lessEq(add(get('v'), i32(8)), get('vecs')), `${rowPixels(FOUR, 2)} ${inc('v', i32(8))}`)}
          ${whileTrue(lessEq(add(get('v'), i32(4)), get('vecs')), `${rowPixels(FOUR, 1)} ${inc('v', i32(4))}`)}
          ${whileTrue(less(get('v'), get('vecs')), `${rowPixels(ONE, 1)} ${inc('v', i32(1))}`)}`,
       )}`,
    )})`;
}

/** conv2d(x, w, y, ...DIMS): y[b, oy, ox, co] = sum over taps inside the image and ci of x[b, oy*sh - pt + kh, ox*sw - pl + kw, ci] * w[kh, kw, ci, co]. */
const FORWARD = tapwise('conv2d', true);

/**
 * conv2dInputGrad(dy, wt, dx, ...DIMS): dx[b, oy*sh - pt + kh, ox*sw - pl + kw, ci] = the sum of
 * dy[b, oy, ox, co] * wt[kh, kw, co, ci] over every output pixel and channel it reaches, with wt the
 * filter with its channel axes swapped ([fh, fw, cout, cin]). Any stride and padding.
 */
const INPUT_GRAD = tapwise('conv2dInputGrad', false);

export const CONVOLUTION = `${RANGE_HELPERS}\n${FORWARD}\n${FILTER_GRAD}\n${INPUT_GRAD}`;
