// Merge layers: Add, Multiply and Average combine equal shapes value by value (Keras' merging
// layers); Concatenate (its own file) joins along an axis. None has weights.
import { formatShape } from '../format';
import type { Shape } from '../graph/model';
import { defineParams } from './params';
import { defineLayer, type LayerSpec, type ShapeResult } from './types';

const noParams = defineParams({});

/** `torchOp` combines the inputs' PyTorch expressions, all in the same layout, so broadcasting works as in Keras. */
export function elementwiseMergeSpec<K extends string>(
  kind: K,
  className: string,
  tfjsFn: string,
  what: string,
  torchOp: (xs: string[]) => string,
): LayerSpec<K, typeof noParams.defaults> {
  return defineLayer({
    kind,
    label: className,
    category: 'Merge',
    description: `${what} Takes two or more inputs of the same shape; the order does not matter.`,
    params: noParams,
    inputs: { min: 2, max: 16 },
    describe: () => '',
    outputShape: (input, _p, inputs) => elementwiseShape(className, inputs ?? [input]),
    weightShapes: () => [],
    torch: ({ xs }) => ({ forward: torchOp(xs) }),
    keras: { className, toConfig: () => ({}), fromConfig: () => ({}) },
    tfjs: () => [{ fn: tfjsFn, args: {} }],
    python: () => ({ call: `layers.${className}`, args: [] }),
  });
}

/** Keras' rule: equal shapes, where an axis of size 1 stretches to match the other. */
function elementwiseShape(className: string, inputs: Shape[]): ShapeResult {
  if (inputs.length < 2) return { error: `${className} needs at least two inputs.` };
  let out = inputs[0];
  for (const next of inputs.slice(1)) {
    const merged = broadcast(out, next);
    if (!merged) return { error: `${className} needs equal shapes: ${formatShape(out)} and ${formatShape(next)}; ${matchHint(out, next)}` };
    out = merged;
  }
  return { shape: out, formula: `${inputs.length} inputs of ${formatShape(out)}, combined value by value` };
}

function broadcast(a: Shape, b: Shape): Shape | null {
  if (a.length !== b.length) return null;
  const out: Shape = [];
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i], b[i]];
    if (x === null || y === null) out.push(x ?? y);
    else if (x === y || y === 1) out.push(x);
    else if (x === 1) out.push(y);
    else return null;
  }
  return out;
}

/** What to add so two branches meet: a 1x1 Conv2D (with strides when the sizes differ) or a Dense. */
function matchHint(a: Shape, b: Shape): string {
  if (a.length !== b.length) return 'the inputs have different numbers of axes: Flatten or Reshape one branch to match the other.';
  const channels = a[a.length - 1];
  if (a.length === 4) {
    const [ah, aw, bh, bw] = [a[1], a[2], b[1], b[2]] as number[];
    const sh = bh / ah;
    const sw = bw / aw;
    const sameSize = ah === bh && aw === bw;
    const strides = Number.isInteger(sh) && Number.isInteger(sw) && sh >= 1 && sw >= 1 ? (sh === sw ? `${sh}` : `(${sh}, ${sw})`) : null;
    if (sameSize) return `add a 1x1 Conv2D with ${channels} filters on the shortcut (the branch giving ${formatShape(b)}).`;
    if (strides) return `add a 1x1 Conv2D with ${channels} filters and strides ${strides} on the shortcut (the branch giving ${formatShape(b)}).`;
    return `give both branches the same height and width (${ah}x${aw} and ${bh}x${bw}): use "same" padding or the same strides on each.`;
  }
  return `add a Dense with ${channels} units on the branch giving ${formatShape(b)}.`;
}
