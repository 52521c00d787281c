// Keras' EarlyStopping, as a pure state machine: after each epoch, is the monitored value an
// improvement (by more than min_delta), and has it failed to improve for `patience` epochs?

export type Monitor = 'val_loss' | 'val_accuracy' | 'loss' | 'accuracy';

export interface EarlyStoppingConfig {
  monitor: Monitor;
  patience: number;
  minDelta: number;
}

export interface EarlyStoppingState {
  best: number;
  bestEpoch: number | null;
  wait: number;
  stoppedEpoch: number | null;
}

/** Keras' mode 'auto': accuracy goes up, loss goes down. */
export function monitorMode(monitor: Monitor): 'min' | 'max' {
  return monitor.endsWith('accuracy') ? 'max' : 'min';
}

export function initialState(config: EarlyStoppingConfig): EarlyStoppingState {
  return { best: monitorMode(config.monitor) === 'min' ? Infinity : -Infinity, bestEpoch: null, wait: 0, stoppedEpoch: null };
}

/** Keras: improvement means better than best by more than min_delta. */
export function isImprovement(config: EarlyStoppingConfig, current: number, best: number): boolean {
  return monitorMode(config.monitor) === 'min' ? current < best - config.minDelta : current > best + config.minDelta;
}

/** One epoch end (epoch numbers are 1-based here). Returns the new state; stoppedEpoch set means stop. */
export function onEpochEnd(config: EarlyStoppingConfig, state: EarlyStoppingState, epoch: number, current: number): EarlyStoppingState {
  if (!Number.isFinite(current)) return state;
  const wait = state.wait + 1;
  if (isImprovement(config, current, state.best)) return { best: current, bestEpoch: epoch, wait: 0, stoppedEpoch: null };
  if (wait >= config.patience && epoch > 1) return { ...state, wait, stoppedEpoch: epoch };
  return { ...state, wait };
}
