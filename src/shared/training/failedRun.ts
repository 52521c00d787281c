import type { TrainFinished } from '../ipc/training';

/** A run that ended in an error, with nothing measured after it. */
export function failedRun(runId: string, message: string, epochsCompleted = 0, durationMs = 0): TrainFinished {
  return { runId, reason: 'failed', message, epochsCompleted, bestEpoch: null, restoredWeightsFromEpoch: null, testLoss: null, testAccuracy: null, testMse: null, testMae: null, baseline: null, confusion: null, classNames: [], durationMs };
}

/**
 * How a run ends when the engine dies under it. Its weights lived in the engine's thread and died
 * with it, and so did every trained network the engine held; what the UI holds stays.
 */
export function engineStoppedRun(runId: string, reason: string, epochsCompleted: number, durationMs: number): TrainFinished {
  const message = `The training engine stopped unexpectedly: ${reason}; the run's last weights are lost, as are earlier runs' trained weights (the engine held them). The network, this run's curves so far and the run history are kept: Train starts a new engine.`;
  return { ...failedRun(runId, message, epochsCompleted, durationMs), engineStopped: true };
}
