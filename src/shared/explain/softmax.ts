// Softmax written out: p_i = e^(z_i) / sum_j e^(z_j), with every intermediate number.

export interface SoftmaxSteps {
  logits: number[];
  /**
   * The exponentials are e^(z_i - shift). shift is 0 unless a logit is so large that e^z would
   * overflow; subtracting the same number from every logit leaves the probabilities unchanged.
   */
  shift: number;
  exps: number[];
  sum: number;
  probabilities: number[];
}

export function softmax(logits: ArrayLike<number>): SoftmaxSteps {
  const z = Array.from(logits);
  const max = Math.max(...z);
  const shift = max > 80 ? max : 0;
  const exps = z.map((v) => Math.exp(v - shift));
  const sum = exps.reduce((a, b) => a + b, 0);
  return { logits: z, shift, exps, sum, probabilities: exps.map((e) => e / sum) };
}

/** Keras clips probabilities to [epsilon, 1 - epsilon] before taking logs (epsilon = 1e-7). */
export const KERAS_EPSILON = 1e-7;

const clip = (p: number) => Math.min(Math.max(p, KERAS_EPSILON), 1 - KERAS_EPSILON);

export interface SampleLosses {
  label: number;
  oneHot: number[];
  /** p of the true class. */
  trueProbability: number;
  /** -sum_i y_i log p_i over the one-hot vector: only the true class's term is not zero. */
  categoricalTerms: number[];
  categorical: number;
  /** The same number from the label index alone: -log p[label]. */
  sparseCategorical: number;
  /**
   * Binary cross-entropy as Keras computes it on these outputs: each output is its own yes/no
   * question, -[y log p + (1 - y) log(1 - p)], averaged over the outputs. With one sigmoid output
   * (two classes) this is the usual -log p of the true answer.
   */
  binaryTerms: number[];
  binary: number;
}

/** One sample's loss under Keras's three cross-entropies, from its probabilities and true label. */
export function sampleLosses(probabilities: ArrayLike<number>, label: number): SampleLosses {
  const p = Array.from(probabilities);
  if (!Number.isInteger(label) || label < 0 || label >= p.length) throw new Error(`Label ${label} is not one of the ${p.length} classes.`);
  const total = p.reduce((a, b) => a + b, 0);
  const oneHot = p.map((_, i) => (i === label ? 1 : 0));
  // Keras divides by the sum first (a no-op for softmax outputs), then clips.
  const categoricalTerms = p.map((v, i) => (oneHot[i] ? -Math.log(clip(v / total)) : 0));
  const categorical = categoricalTerms.reduce((a, b) => a + b, 0);
  const binaryTerms = p.map((v, i) => {
    const q = clip(v);
    return -(oneHot[i] * Math.log(q) + (1 - oneHot[i]) * Math.log(1 - q));
  });
  return {
    label,
    oneHot,
    trueProbability: p[label],
    categoricalTerms,
    categorical,
    sparseCategorical: -Math.log(clip(p[label] / total)),
    binaryTerms,
    binary: binaryTerms.reduce((a, b) => a + b, 0) / p.length,
  };
}
