// Small numeric helpers shared by the engine, the UI and the CLI.

/** Steps per epoch as Keras counts them: ceil(samples / batch size). 60,000 / 32 -> 1,875. */
export function stepsPerEpoch(samples: number, batchSize: number): number {
  return Math.ceil(samples / batchSize);
}

/** Training/validation sizes as Keras' validation_split makes them: the last fraction is held out. */
export function splitSizes(total: number, validationSplit: number): { train: number; validation: number } {
  const validation = Math.floor(total * validationSplit);
  return { train: total - validation, validation };
}

/** "1 h 02 min", "3 min 05 s", "42 s" */
/** "1 thread" or "2 threads", with why a run takes its batches whole on one thread where that is so. */
export function threadsText({ threads, oneThreadReason }: { threads: number; oneThreadReason?: string }): string {
  return `${threads} thread${threads === 1 ? '' : 's'}${oneThreadReason ? ` (${oneThreadReason})` : ''}`;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  // Tenths below 10 s: toy-data epochs take a fraction of a second, which "0 s" would hide.
  if (seconds < 0.05) return '<0.1 s';
  if (seconds < 9.95) return `${seconds.toFixed(1)} s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** Exponential moving average, as TensorBoard smooths curves. */
export function smooth(values: number[], weight = 0.9): number[] {
  let last = values[0] ?? 0;
  return values.map((v) => (last = last * weight + (1 - weight) * v));
}

/**
 * The overfitting sign learners are taught to look for: validation loss rising for `epochs`
 * epochs in a row while training loss keeps falling. Returns the epoch (1-based) it started, or null.
 */
export function overfittingFrom(loss: number[], valLoss: (number | null)[], epochs = 2): number | null {
  let run = 0;
  for (let i = 1; i < loss.length; i++) {
    const v = valLoss[i];
    const pv = valLoss[i - 1];
    if (v !== null && pv !== null && v > pv && loss[i] < loss[i - 1]) {
      run++;
      if (run >= epochs) return i + 1 - epochs + 1;
    } else run = 0;
  }
  return null;
}

/**
 * The engine reports running means over the epoch so far (as Keras' progress bar does); a curve of
 * those jumps at every epoch boundary, where the mean restarts. This recovers the mean over just
 * the batches since the previous report, from the samples seen at each: step * batchSize, or all
 * training samples at the epoch's last step.
 */
export function intervalMean(
  current: { epoch: number; step: number; steps: number; mean: number },
  previous: { epoch: number; step: number; steps: number; mean: number } | null,
  batchSize: number,
  trainSamples: number,
): number {
  const seen = (p: { step: number; steps: number }): number => (p.step === p.steps ? trainSamples : p.step * batchSize);
  const before = previous && previous.epoch === current.epoch ? previous : null;
  const s1 = seen(current);
  const s0 = before ? seen(before) : 0;
  if (s1 <= s0) return current.mean;
  return (current.mean * s1 - (before ? before.mean * s0 : 0)) / (s1 - s0);
}
