// Records what the optimizer does during a run, by wrapping its applyGradients: the gradients it
// is given, the weights before and after, and its own state (Adam's m and v, momentum's
// accumulation) for a few weights of every trainable tensor, plus per-tensor mean |gradient| and
// mean |step|. trainOnBatch goes through applyGradients; the engine's own step (flat parameters,
// on one thread or two) calls the recorder from flatRecorder instead.
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

/** One recorded step of one trainable tensor: its watched weights' values, and its mean |gradient| and |step|. */
interface StepRow {
  gradient: Iterable<number>;
  before: Iterable<number>;
  after: Iterable<number>;
  meanAbsGradient: number;
  meanAbsStep: number;
  /** The optimizer's state at the watched weights: Adam's m and v, or momentum's accumulation. */
  slots: Iterable<number>[];
}

/** See OptimizerRecorder.flatRecorder. */
export type FlatStepRecorder = (grad: tf.Tensor1D, update: tf.Tensor1D, slots: tf.Tensor1D[]) => void;

/** The recorder watching a model, for the step that does not go through applyGradients. */
const recorders = new WeakMap<tf.LayersModel, OptimizerRecorder>();

export function recorderOf(model: tf.LayersModel): OptimizerRecorder | null {
  return recorders.get(model) ?? null;
}

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
  /** Whether the step before this one was recorded. */
  private lastRecorded = false;
  private flatIdx: tf.Tensor | null = null;
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
    recorders.set(model, this);
    const optimizer = model.optimizer;
    this.epsilon = (optimizer as unknown as Internals).epsilon ?? 1e-7;
    const apply = optimizer.applyGradients.bind(optimizer);
    optimizer.applyGradients = (grads: Grads) => {
      if (!this.nextStepRecorded()) return apply(grads);
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
      let h = 0;
      let q = 0;
      this.push(
        this.vars.map((v) => {
          const k = v.indices.length;
          const row: StepRow = { gradient: head.subarray(h, h + k), before: head.subarray(h + k, h + 2 * k), meanAbsGradient: head[h + 2 * k], after: tail.subarray(q, q + k), meanAbsStep: tail[q + k], slots: [] };
          h += 2 * k + 1;
          q += k + 1;
          for (let n = 0; n < slots.length; n++, q += k) row.slots.push(tail.subarray(q, q + k));
          return row;
        }),
      );
    };
  }

  /** Counts a step; true when this one is recorded (every step at first, then every STRIDE-th, up to MAX_ROWS). */
  private nextStepRecorded(): boolean {
    this.t++;
    const record = this.steps.length < MAX_ROWS && (this.t <= EVERY_STEP_UNTIL || this.t % STRIDE === 0);
    if (!record) this.lastRecorded = false;
    return record;
  }

  /** One recorded step: per trainable tensor, its watched values and means. */
  private push(rows: StepRow[]): void {
    this.steps.push(this.t);
    this.lastRecorded = true;
    const names: (keyof Columns)[] = this.options.optimizer === 'adam' ? ['m', 'v'] : this.options.optimizer === 'sgd' && this.options.momentum > 0 ? ['velocity'] : [];
    rows.forEach((row, i) => {
      const c = this.vars[i].cols;
      c.gradient.push(...row.gradient);
      c.before.push(...row.before);
      c.after.push(...row.after);
      c.meanAbsGradient.push(row.meanAbsGradient);
      c.meanAbsStep.push(row.meanAbsStep);
      names.forEach((n, k) => c[n].push(...row.slots[k]));
    });
  }

  /**
   * The recorder of the engine's own step (src/engine/trainStep.ts), which updates all parameters
   * as one flat vector and never calls applyGradients. It is called with the flat gradient, the
   * flat update about to be subtracted, and the optimizer's flat state after the step (Adam's m and
   * v, or momentum's accumulation), before the parameters change.
   */
  flatRecorder(): FlatStepRecorder {
    const sizes = this.vars.map((v) => v.variable.size);
    const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
    const flatIdx = tf.keep(tf.tensor1d(this.vars.flatMap((v, i) => v.indices.map((j) => offsets[i] + j)), 'int32'));
    this.flatIdx = flatIdx;
    const watched = (): Float32Array => tf.tidy(() => tf.concat(this.vars.map((v) => tf.gather(tf.reshape(v.variable, [-1]), v.idx))).dataSync() as Float32Array);
    let current: Float32Array | null = null;
    return (grad, update, slots) => {
      if (!this.nextStepRecorded()) return;
      // The watched weights are read from the variables when the step before was not recorded;
      // otherwise they are the last step's "after", computed here as float32 subtraction does.
      if (!this.lastRecorded || !current) current = watched();
      const before = current;
      const [picks, means] = tf.tidy(() => {
        const both = tf.abs(tf.stack([grad, update]));
        const perTensor = tf.concat(tf.split(both, sizes, 1).map((t) => tf.mean(t, 1, true)), 1);
        return [tf.gather(tf.stack([grad, update, ...slots]), flatIdx, 1).dataSync(), perTensor.dataSync()];
      });
      const w = before.length;
      const after = Float32Array.from(before, (b, i) => b - picks[w + i]);
      let o = 0;
      this.push(
        this.vars.map((v, i) => {
          const k = v.indices.length;
          const at = (row: number) => picks.subarray(row * w + o, row * w + o + k);
          const row: StepRow = { gradient: at(0), before: before.subarray(o, o + k), after: after.subarray(o, o + k), meanAbsGradient: means[i], meanAbsStep: means[sizes.length + i], slots: slots.map((_, n) => at(2 + n)) };
          o += k;
          return row;
        }),
      );
      current = after;
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
    tf.dispose([...this.vars.map((v) => v.idx), ...(this.flatIdx ? [this.flatIdx] : [])]);
  }
}
