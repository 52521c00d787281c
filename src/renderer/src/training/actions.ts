// Training requests to the engine: start a run on the open network, stop it.
import { api } from '../host';
import { useAppStore } from '../store';

export async function startTraining(): Promise<void> {
  const s = useAppStore.getState();
  s.trainStarting();
  try {
    const options = s.options;
    const started = await api.invoke('train:start', { graph: s.graph, options });
    useAppStore.getState().runStarted(started, options);
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
