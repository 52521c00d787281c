import type { LayerKind, LayerParamsByKind, Shape } from '@shared/graph/model';
import { getSpec } from '@shared/layers/registry';
import { paramErrors } from '@shared/layers/types';

/** Runs one layer's rules on an input shape: the output shape (or error) and its parameter count. */
export function symbolic<K extends LayerKind>(kind: K, input: Shape, params: Partial<LayerParamsByKind[K]> = {}) {
  const spec = getSpec(kind);
  const p = { ...(spec.params.defaults as object), ...params } as LayerParamsByKind[K];
  const errors = paramErrors(spec, p);
  const out = spec.outputShape(input, p);
  if ('error' in out) return { errors, error: out.error, shape: null, params: 0 };
  const weights = spec.weightShapes(input, p);
  return {
    errors,
    shape: out.shape,
    formula: out.formula,
    params: weights.reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1), 0),
    trainable: weights.filter((w) => w.trainable).reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1), 0),
    countFormula: spec.countFormula?.(input, p) ?? '',
  };
}
