// What an optimizer does to one weight, step by step. Adam as TF.js (and PyTorch) apply it:
//   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
//   m^ = m / (1 - b1^t);    v^ = v / (1 - b2^t)
//   w = w - lr m^ / (sqrt(v^) + eps)
// SGD with momentum as TF.js (and PyTorch) apply it: v = momentum v + g; w = w - lr v.
// (Keras writes the same momentum as v = momentum v - lr g; w = w + v: its v is -lr times this one.)

export interface AdamConfig {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** TF.js's defaults for tf.train.adam(lr): epsilon is the float32 backend's 1e-7, as in Keras. */
export const adamDefaults = (learningRate: number): AdamConfig => ({ learningRate, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });

export interface AdamStep {
  t: number;
  gradient: number;
  m: number;
  v: number;
  mHat: number;
  vHat: number;
  /** The change applied to the weight (negative: the weight went down). */
  step: number;
  weight: number;
}

/** Step t (from 1) of Adam on one weight, from the previous m, v and weight. */
export function adamStep(t: number, gradient: number, previous: { m: number; v: number; weight: number }, c: AdamConfig): AdamStep {
  const m = c.beta1 * previous.m + (1 - c.beta1) * gradient;
  const v = c.beta2 * previous.v + (1 - c.beta2) * gradient * gradient;
  const mHat = m / (1 - c.beta1 ** t);
  const vHat = v / (1 - c.beta2 ** t);
  const step = (-c.learningRate * mHat) / (Math.sqrt(vHat) + c.epsilon);
  return { t, gradient, m, v, mHat, vHat, step, weight: previous.weight + step };
}

/** The bias-corrected values and the step Adam takes from a recorded m and v at step t. */
export function adamCorrected(t: number, m: number, v: number, c: AdamConfig): { mHat: number; vHat: number; step: number } {
  const mHat = m / (1 - c.beta1 ** t);
  const vHat = v / (1 - c.beta2 ** t);
  return { mHat, vHat, step: (-c.learningRate * mHat) / (Math.sqrt(vHat) + c.epsilon) };
}

export function adamTrace(gradients: number[], initial: number, c: AdamConfig): AdamStep[] {
  const out: AdamStep[] = [];
  let prev = { m: 0, v: 0, weight: initial };
  gradients.forEach((g, i) => {
    const s = adamStep(i + 1, g, prev, c);
    out.push(s);
    prev = s;
  });
  return out;
}

export interface MomentumStep {
  t: number;
  gradient: number;
  velocity: number;
  step: number;
  weight: number;
}

export function momentumTrace(gradients: number[], initial: number, learningRate: number, momentum: number): MomentumStep[] {
  const out: MomentumStep[] = [];
  let velocity = 0;
  let weight = initial;
  gradients.forEach((g, i) => {
    velocity = momentum * velocity + g;
    const step = -learningRate * velocity;
    weight += step;
    out.push({ t: i + 1, gradient: g, velocity, step, weight });
  });
  return out;
}

/**
 * How the step compares with the learning rate: plain SGD moves lr x |g|; Adam's step is about lr
 * whatever the gradient's size (m^/sqrt(v^) is near +-1 when gradients keep their sign).
 */
export function stepRatio(step: number, learningRate: number): number {
  return Math.abs(step) / learningRate;
}
