// Softmax, the cross-entropies, Dense's two shape conventions and the optimizers' state, against
// Keras and PyTorch numbers and numpy-style loops written here.
import { describe, expect, it } from 'vitest';
import { adamCorrected, adamDefaults, adamTrace, denseLogits, denseShapes, denseUnit, momentumTrace, sampleLosses, softmax } from '@shared/explain';
import { reference } from './reference';

describe('softmax and the loss of one sample', () => {
  for (const s of reference.softmaxLoss) {
    it(`logits [${s.logits}] with label ${s.label}: probabilities and the three losses equal Keras`, () => {
      const sm = softmax(s.logits);
      sm.probabilities.forEach((p, i) => expect(p).toBeCloseTo(s.probabilities[i], 6));
      // The intermediate numbers are the formula's: e^(z - shift) and their sum.
      sm.exps.forEach((e, i) => expect(e).toBeCloseTo(Math.exp(s.logits[i] - sm.shift), 10));
      expect(sm.sum).toBeCloseTo(sm.exps.reduce((a, b) => a + b, 0), 10);
      const l = sampleLosses(sm.probabilities, s.label);
      expect(l.oneHot).toEqual(s.logits.map((_, i) => (i === s.label ? 1 : 0)));
      expect(l.categorical).toBeCloseTo(s.categorical, 5);
      expect(l.categorical).toBeCloseTo(s.categoricalFromLogits, 5);
      expect(l.sparseCategorical).toBeCloseTo(s.sparseCategorical, 5);
      expect(l.binary).toBeCloseTo(s.binaryOnOneHot, 5);
      expect(l.categoricalTerms.filter((t) => t !== 0)).toHaveLength(1);
    });
  }

  it('-log(0.8) = 0.2231, as Keras gives for p = 0.8 on the true class', () => {
    const l = sampleLosses([0.8, 0.2], 0);
    expect(l.categorical).toBeCloseTo(reference.minusLog08, 6);
    expect(l.categorical.toFixed(4)).toBe('0.2231');
    // Two classes: binary cross-entropy on the one-hot pair is the same -log p.
    expect(l.binary).toBeCloseTo(0.2231, 4);
  });

  it('large logits do not overflow: the shift leaves the probabilities unchanged', () => {
    const sm = softmax([1000, 999, 990]);
    expect(sm.shift).toBe(1000);
    expect(sm.probabilities[0]).toBeCloseTo(1 / (1 + Math.exp(-1) + Math.exp(-10)), 12);
    expect(() => sampleLosses([0.5, 0.5], 2)).toThrow(/not one of the 2 classes/);
  });
});

describe('Dense: Keras (inputs, units) and numpy (units, inputs)', () => {
  const d = reference.dense;
  const kernel = { shape: d.kernelShape, data: d.kernel.flat() };

  it('x @ kernel + bias equals Keras for each sample, and each unit is its products plus the bias', () => {
    d.x.forEach((x, n) => {
      denseLogits(x, kernel, d.bias).forEach((v, u) => expect(v).toBeCloseTo(d.kerasOutput[n][u], 5));
      const unit = denseUnit(x, kernel, d.bias, 2);
      expect(unit.weights).toEqual(d.kernel.map((row) => row[2]));
      expect(unit.sum).toBeCloseTo(d.kerasOutput[n][2], 5);
    });
  });

  it('the numpy convention W = kernel.T, y = W @ x + b[:, None] gives the transposed output', () => {
    const s = denseShapes(5, 3, 4);
    expect(s.keras.weights).toEqual(d.kernelShape);
    expect(s.keras.bias).toEqual(d.biasShape);
    expect(s.numpy.weights).toEqual([3, 5]);
    expect(s.keras.output).toEqual([4, 3]);
    expect(s.numpy.output).toEqual([3, 4]);
    // numpy-style loops: W (units, inputs), X (inputs, batch).
    const W = Array.from({ length: 3 }, (_, u) => Array.from({ length: 5 }, (_, i) => d.kernel[i][u]));
    for (let u = 0; u < 3; u++) for (let n = 0; n < 4; n++) {
      let y = d.bias[u];
      for (let i = 0; i < 5; i++) y += W[u][i] * d.x[n][i];
      expect(y).toBeCloseTo(d.kerasOutput[n][u], 5);
    }
    expect(s.numpy.formula).toBe('y = W @ x + b: (3, 5) @ (5, 4) = (3, 4)');
  });
});

describe('optimizer state against torch.optim', () => {
  const o = reference.optimizer;

  it("Adam's m, v and weight after each step equal PyTorch's", () => {
    const trace = adamTrace(o.grads, o.initial, { learningRate: o.adam.lr, beta1: o.adam.beta1, beta2: o.adam.beta2, epsilon: o.adam.epsilon });
    trace.forEach((s, i) => {
      const t = o.adam.trace[i];
      expect(s.t).toBe(t.step);
      expect(s.m).toBeCloseTo(t.exp_avg, 12);
      expect(s.v).toBeCloseTo(t.exp_avg_sq, 12);
      expect(s.weight).toBeCloseTo(t.weight, 10);
      // The bias-corrected values from the recorded m and v give the same step.
      expect(adamCorrected(s.t, t.exp_avg, t.exp_avg_sq, adamDefaults(o.adam.lr)).step).toBeCloseTo(t.weight - (i ? o.adam.trace[i - 1].weight : o.initial), 10);
    });
    // The first step is lr in size whatever the gradient: m^ = g and v^ = g^2.
    expect(Math.abs(trace[0].step)).toBeCloseTo(o.adam.lr, 6);
  });

  it("SGD momentum's velocity and weight equal PyTorch's", () => {
    momentumTrace(o.grads, o.initial, o.momentum.lr, o.momentum.momentum).forEach((s, i) => {
      expect(s.velocity).toBeCloseTo(o.momentum.trace[i].momentum_buffer, 12);
      expect(s.weight).toBeCloseTo(o.momentum.trace[i].weight, 12);
    });
  });
});
