// A sweep from the Training tab: one ordinary train:start per value, one after another.
//
// Driven from here rather than by a sweep request to the engine: each run is then an ordinary run
// (its events, curves, decision boundary, Stop and run-history record are the ones every run has),
// the engine keeps holding one run at a time, and Stop between two runs needs no engine state.
import type { TrainFinished } from '@shared/ipc/training';
import { parseSweepParam, parseSweepValues, planSweep, sweepParamName, sweepResult, type SweepRun, type SweepTarget } from '@shared/training/sweep';
import { api } from '../host';
import { useAppStore, type AppState } from '../store';
import { stopTraining } from './actions';

/** The runs the typed values would start, or what is wrong (one message per refused value). */
export function sweepPlan(s: Pick<AppState, 'sweepParam' | 'sweepText' | 'graph' | 'options'>): { ok: true; runs: SweepRun[]; target: SweepTarget } | { ok: false; problems: string[] } {
  const target = parseSweepParam(s.sweepParam, s.graph);
  if (!target.ok) return { ok: false, problems: [target.problem] };
  const values = parseSweepValues(s.sweepText);
  if (!values.ok) return { ok: false, problems: [values.problem] };
  const plan = planSweep(target.target, values.values, s.graph, s.options);
  return plan.ok ? { ...plan, target: target.target } : plan;
}

/** Resolves when the run's train:finished event has reached the store. */
function finishedRun(runId: string): Promise<TrainFinished> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const f = useAppStore.getState().runs.find((r) => r.runId === runId)?.finished;
      if (f) resolve(f);
      return !!f;
    };
    if (check()) return;
    const unsubscribe = useAppStore.subscribe(() => check() && unsubscribe());
  });
}

/** Runs the sweep the Training tab is set to. */
export async function startSweep(): Promise<void> {
  const s = useAppStore.getState();
  const plan = sweepPlan(s);
  if (!plan.ok) return;
  const param = sweepParamName(plan.target);
  // One shuffling seed for every run, so that the swept setting is what differs.
  const seed = s.options.seed ?? Math.floor(Math.random() * 2 ** 31);
  s.sweepStarted(plan.target, plan.runs.map((r) => r.value));
  for (const [i, run] of plan.runs.entries()) {
    const state = useAppStore.getState();
    if (!state.sweep || state.sweep.stopping) break;
    state.sweepRunStarting(i);
    state.trainStarting();
    const options = { ...run.options, seed };
    let runId: string;
    try {
      const started = await api.invoke('train:start', { graph: run.graph, options, weights: 'fresh' });
      useAppStore.getState().runStarted(started, options, run.graph, false, { param, value: run.value });
      runId = started.runId;
    } catch (err) {
      useAppStore.getState().trainFailed((err as Error).message);
      break;
    }
    const finished = await finishedRun(runId);
    const epochs = useAppStore.getState().runs.find((r) => r.runId === runId)?.epochs ?? [];
    useAppStore.getState().sweepResultReceived(sweepResult(run.value, finished, epochs));
    if (finished.reason === 'stopped' || finished.reason === 'failed') break;
  }
  useAppStore.getState().sweepEnded();
}

/** Stops the sweep: the run in progress ends (keeping its weights) and no further run starts. */
export async function stopSweep(): Promise<void> {
  useAppStore.getState().sweepStopRequested();
  await stopTraining();
}
