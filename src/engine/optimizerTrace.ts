// Records what the optimizer does during a run, by wrapping its applyGradients: the gradients it
// is given, the weights before and after, and its own state (Adam's m and v, momentum's
// accumulation) for a few weights of every trainable tensor, plus per-tensor mean |gradient| and
// mean |step|. Both training paths (trainOnBatch and the two-thread step) go through applyGradients.
import * as tf from '@tensorflow/tfjs';
import type { OptimizerTrace, WatchedTensor } from '@shared/ipc/explain';
import type { TrainOptions } from '@shared/training/options';

/** Watched weights per tensor, spread evenly over it. */
const WATCHED = 6;
const EVERY_STEP_UNTIL = 2000;
const STRIDE = 10;
const MAX_ROWS = 6000;

interface OptimizerSlot {
  originalName: string;
  variable: tf.Variable;
}
type Internals = { accumulatedFirstMoment?: OptimizerSlot[]; accumulatedSecondMoment?: OptimizerSlot[]; accumulations?: OptimizerSlot[]; epsilon?: number };
type Grads = tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[];

interface Columns {
  gradient: number[];
  before: number[];
  after: number[];
  m: number[];
  v: number[];
  velocity: number[];
  meanAbsGradient: number[];
  meanAbsStep: number[];
}

export class OptimizerRecorder {
  private t = 0;
  private readonly steps: number[] = [];
  private readonly epsilon: number;
  private readonly vars: { variable: tf.Variable; name: string; layer: string; indices: number[]; idx: tf.Tensor1D; cols: Columns }[];

  constructor(
    private readonly runId: string,
    private readonly options: TrainOptions,
    model: tf.LayersModel,
  ) {
    this.vars = model.trainableWeights.map((w) => {
      const variable = w.read() as tf.Variable;
      const size = variable.size;
      const k = Math.min(WATCHED, size);
      const indices = Array.from({ length: k }, (_, i) => Math.floor(((i + 0.5) * size) / k));
      return { variable, name: w.originalName, layer: w.originalName.split('/')[0], indices, idx: tf.keep(tf.tensor1d(indices, 'int32')), cols: { gradient: [], before: [], after: [], m: [], v: [], velocity: [], meanAbsGradient: [], meanAbsStep: [] } };
    });
    const optimizer = model.optimizer;
    this.epsilon = (optimizer as unknown as Internals).epsilon ?? 1e-7;
    const apply = optimizer.applyGradients.bind(optimizer);
    optimizer.applyGradients = (grads: Grads) => {
      this.t++;
      const record = this.steps.length < MAX_ROWS && (this.t <= EVERY_STEP_UNTIL || this.t % STRIDE === 0);
      if (!record) return apply(grads);
      const gradOf = (name: string): tf.Tensor | undefined => (Array.isArray(grads) ? grads.find((g) => g.name === name)?.tensor : grads[name]);
      const previous = this.vars.map((v) => tf.keep(v.variable.clone()));
      const pick = (t: tf.Tensor, v: (typeof this.vars)[number]) => tf.gather(t.flatten(), v.idx);
      const head = tf.tidy(() =>
        tf.concat(this.vars.flatMap((v) => {
          const g = gradOf(v.variable.name) ?? tf.zerosLike(v.variable);
          return [pick(g, v), pick(v.variable, v), g.abs().mean().reshape([1])];
        })).dataSync(),
      );
      apply(grads);
      const slots = this.slots(optimizer as unknown as Internals);
      const tail = tf.tidy(() =>
        tf.concat(this.vars.flatMap((v, i) => {
          const parts = [pick(v.variable, v), v.variable.sub(previous[i]).abs().mean().reshape([1])];
          for (const slot of slots) {
            const s = slot.find((x) => x.originalName.startsWith(`${v.variable.name}/`));
            parts.push(s ? pick(s.variable, v) : tf.fill([v.indices.length], NaN));
          }
          return parts;
        })).dataSync(),
      );
      tf.dispose(previous);
      this.steps.push(this.t);
      let h = 0;
      let q = 0;
      for (const v of this.vars) {
        const k = v.indices.length;
        v.cols.gradient.push(...head.subarray(h, h + k));
        v.cols.before.push(...head.subarray(h + k, h + 2 * k));
        v.cols.meanAbsGradient.push(head[h + 2 * k]);
        h += 2 * k + 1;
        v.cols.after.push(...tail.subarray(q, q + k));
        v.cols.meanAbsStep.push(tail[q + k]);
        q += k + 1;
        const names: (keyof Columns)[] = this.options.optimizer === 'adam' ? ['m', 'v'] : slots.length ? ['velocity'] : [];
        for (const n of names) {
          v.cols[n].push(...tail.subarray(q, q + k));
          q += k;
        }
      }
    };
  }

  /** The optimizer's per-weight state recorded here: Adam's moments, or momentum's accumulation. */
  private slots(o: Internals): OptimizerSlot[][] {
    if (this.options.optimizer === 'adam') return [o.accumulatedFirstMoment ?? [], o.accumulatedSecondMoment ?? []];
    if (this.options.optimizer === 'sgd' && this.options.momentum > 0) return [o.accumulations ?? []];
    return [];
  }

  trace(): OptimizerTrace {
    const f = (a: number[]) => Float32Array.from(a);
    const adam = this.options.optimizer === 'adam';
    const momentum = this.options.optimizer === 'sgd' && this.options.momentum > 0;
    const tensors: WatchedTensor[] = this.vars.map((v) => ({
      name: v.name,
      layer: v.layer,
      shape: v.variable.shape,
      indices: v.indices,
      gradient: f(v.cols.gradient),
      before: f(v.cols.before),
      after: f(v.cols.after),
      m: adam ? f(v.cols.m) : null,
      v: adam ? f(v.cols.v) : null,
      velocity: momentum ? f(v.cols.velocity) : null,
      meanAbsGradient: f(v.cols.meanAbsGradient),
      meanAbsStep: f(v.cols.meanAbsStep),
    }));
    return {
      runId: this.runId,
      optimizer: this.options.optimizer,
      learningRate: this.options.learningRate,
      momentum: this.options.optimizer === 'sgd' ? this.options.momentum : 0,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: this.epsilon,
      steps: Int32Array.from(this.steps),
      everyStepUntil: EVERY_STEP_UNTIL,
      stride: STRIDE,
      tensors,
    };
  }

  dispose(): void {
    tf.dispose(this.vars.map((v) => v.idx));
  }
}
