// Training requests to the engine: start a run on the open network, stop it.
import { api } from '../host';
import { useAppStore } from '../store';

/** Trains the open network, from fresh weights or (`continue`) from its trained ones. */
export async function startTraining(weights: 'fresh' | 'continue' = 'fresh'): Promise<void> {
  const s = useAppStore.getState();
  s.trainStarting();
  try {
    const { options, graph } = s;
    const started = await api.invoke('train:start', { graph, options, weights });
    useAppStore.getState().runStarted(started, options, graph, weights === 'continue');
  } catch (err) {
    useAppStore.getState().trainFailed((err as Error).message);
  }
}

/** Stops the run in progress, if any (its weights are kept). */
export async function stopTraining(): Promise<void> {
  const s = useAppStore.getState();
  const run = s.runs.find((r) => r.runId === s.currentRunId);
  if (run && !run.finished) await api.invoke('train:stop', { runId: run.runId });
}
