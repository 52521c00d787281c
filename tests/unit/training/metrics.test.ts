import { describe, expect, it } from 'vitest';
import { initialState, isImprovement, monitorMode, onEpochEnd, type EarlyStoppingConfig } from '@shared/training/earlyStopping';
import { formatDuration, intervalMean, overfittingFrom, smooth, splitSizes, stepsPerEpoch } from '@shared/training/metrics';

describe('steps per epoch', () => {
  it.each([
    [60000, 32, 1875],
    [54000, 32, 1688],
    [1000, 32, 32],
    [900, 32, 29],
    [10, 64, 1],
  ])('%i samples, batch %i -> %i weight updates', (n, b, steps) => expect(stepsPerEpoch(n, b)).toBe(steps));

  it('validation_split holds out the last fraction, as Keras does', () => {
    expect(splitSizes(60000, 0.1)).toEqual({ train: 54000, validation: 6000 });
    expect(splitSizes(1000, 0.1)).toEqual({ train: 900, validation: 100 });
    expect(splitSizes(999, 0.2)).toEqual({ train: 800, validation: 199 });
  });
});

describe('early stopping, with Keras semantics', () => {
  const config = (o: Partial<EarlyStoppingConfig> = {}): EarlyStoppingConfig => ({ monitor: 'val_loss', patience: 2, minDelta: 0, ...o });
  const run = (c: EarlyStoppingConfig, values: number[]) => values.reduce((s, v, i) => (s.stoppedEpoch ? s : onEpochEnd(c, s, i + 1, v)), initialState(c));

  it('loss goes down, accuracy goes up', () => {
    expect(monitorMode('val_loss')).toBe('min');
    expect(monitorMode('val_accuracy')).toBe('max');
  });

  it('stops after `patience` epochs without improvement and remembers the best epoch', () => {
    const s = run(config(), [0.5, 0.4, 0.45, 0.41, 0.3]);
    expect(s).toMatchObject({ best: 0.4, bestEpoch: 2, stoppedEpoch: 4 });
  });

  it('an improvement smaller than min_delta does not count', () => {
    expect(isImprovement(config({ minDelta: 0.01 }), 0.395, 0.4)).toBe(false);
    expect(isImprovement(config({ minDelta: 0.01 }), 0.389, 0.4)).toBe(true);
    const s = run(config({ minDelta: 0.01 }), [0.5, 0.4, 0.395, 0.392, 0.2]);
    expect(s).toMatchObject({ bestEpoch: 2, stoppedEpoch: 4 });
  });

  it('patience 0 stops at the first epoch that does not improve (after the first)', () => {
    expect(run(config({ patience: 0 }), [0.5, 0.6, 0.1])).toMatchObject({ bestEpoch: 1, stoppedEpoch: 2 });
  });

  it('monitors accuracy upwards', () => {
    expect(run(config({ monitor: 'val_accuracy', patience: 1 }), [0.8, 0.9, 0.85, 0.95])).toMatchObject({ best: 0.9, bestEpoch: 2, stoppedEpoch: 3 });
  });
});

describe('the overfitting hint', () => {
  it('fires when val_loss rises for two epochs while loss falls, naming the first such epoch', () => {
    expect(overfittingFrom([1, 0.8, 0.6, 0.5, 0.4], [1.1, 0.9, 0.95, 1.0, 1.1])).toBe(3);
  });
  it('stays quiet when both fall, or when the rise is a single blip', () => {
    expect(overfittingFrom([1, 0.8, 0.6], [1, 0.9, 0.8])).toBeNull();
    expect(overfittingFrom([1, 0.8, 0.6, 0.5], [1, 1.1, 0.9, 0.8])).toBeNull();
    expect(overfittingFrom([1, 0.8, 0.6], [null, null, null])).toBeNull();
  });
});

describe('formatting', () => {
  it('durations and smoothing', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(0.04)).toBe('<0.1 s');
    expect(formatDuration(0.26)).toBe('0.3 s');
    expect(formatDuration(9.94)).toBe('9.9 s');
    expect(formatDuration(9.96)).toBe('10 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(smooth([1, 1, 1])).toEqual([1, 1, 1]);
    expect(smooth([0, 10], 0.5)).toEqual([0, 5]);
  });
});

describe('intervalMean: per-batch values from running epoch means', () => {
  it('recovers each interval and restarts with each epoch', () => {
    // Epoch of 5 samples in batches of 2: batch losses 1, 3, 5 (last batch holds 1 sample).
    const running = [{ step: 1, mean: 1 }, { step: 2, mean: 2 }, { step: 3, mean: (2 + 6 + 5) / 5 }];
    const p = (i: number, epoch = 1) => ({ epoch, step: running[i].step, steps: 3, mean: running[i].mean });
    expect(intervalMean(p(0), null, 2, 5)).toBeCloseTo(1);
    expect(intervalMean(p(1), p(0), 2, 5)).toBeCloseTo(3);
    expect(intervalMean(p(2), p(1), 2, 5)).toBeCloseTo(5);
    // A report that skipped steps gives the mean over the skipped batches: (3*2 + 5) / 3.
    expect(intervalMean(p(2), p(0), 2, 5)).toBeCloseTo(11 / 3);
    // The first report of the next epoch does not subtract the last epoch's.
    expect(intervalMean(p(0, 2), p(2), 2, 5)).toBeCloseTo(1);
  });
});
