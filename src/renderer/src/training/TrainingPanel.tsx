import { useEffect, useState } from 'react';
import type { EngineInfo } from '@shared/ipc/training';
import { formatCount } from '@shared/format';
import { splitSizes, stepsPerEpoch } from '@shared/training/metrics';
import { api } from '../host';
import { selectCurrentRun, selectEngineStopped, selectHasWeights, selectSweeping, selectTrainingProblem, useAppStore } from '../store';
import { ExportModel } from './ExportModel';
import { startTraining, stopTraining } from './actions';
import { RunHistory } from './Lens';
import { OptionsForm } from './OptionsForm';
import { RunView } from './RunView';
import { SweepPanel } from './SweepPanel';
import { stopSweep } from './sweep';
import './training.css';

const DATASET_SIZES: Record<string, number> = { mnist: 60000, 'fashion-mnist': 60000 };

/** The Training tab: options, steps per epoch, Train/Stop, a sweep, the current run and earlier runs. */
export function TrainingPanel(): React.JSX.Element {
  const problem = useAppStore(selectTrainingProblem);
  const options = useAppStore((s) => s.options);
  const setOptions = useAppStore((s) => s.setOptions);
  const starting = useAppStore((s) => s.starting);
  const error = useAppStore((s) => s.trainError);
  const run = useAppStore(selectCurrentRun);
  const hasWeights = useAppStore(selectHasWeights);
  const sweeping = useAppStore(selectSweeping);
  const engineStopped = useAppStore(selectEngineStopped);
  // Between two runs of a sweep no run is training, but the sweep still owns the engine.
  const running = (!!run && !run.finished) || sweeping;
  const [engine, setEngine] = useState<EngineInfo | null>(null);
  useEffect(() => void api.invoke('engine:info', {}).then(setEngine, () => undefined), []);

  const ds = options.dataset;
  const available = ds.kind === 'toy' ? ds.samples * ds.classes : (DATASET_SIZES[ds.kind] ?? 0);
  const total = Math.min(options.trainLimit ?? available, available);
  const { train } = splitSizes(total, options.validationSplit);
  const batch = options.batchSize;

  return (
    <div className="training" data-testid="training-panel">
      <OptionsForm options={options} setOptions={setOptions} disabled={running} />
      {available > 0 && (
        <p className="small muted" data-testid="steps-per-epoch">
          {formatCount(train)} training samples / batch {batch} = ceil({formatCount(train)} / {batch}) = <b>{formatCount(stepsPerEpoch(train, batch))}</b> steps (weight updates) per epoch.
        </p>
      )}
      <div className="row">
        {running ? (
          <button onClick={() => void (sweeping ? stopSweep() : stopTraining())} data-testid="stop">{sweeping ? 'Stop the sweep (keeps the weights)' : 'Stop (keeps the weights)'}</button>
        ) : hasWeights ? (
          <>
            <button className="primary" disabled={!!problem || starting} onClick={() => void startTraining('continue')} data-testid="train-continue">
              {starting ? 'Loading data…' : 'Continue training'}
            </button>
            <button disabled={!!problem || starting} onClick={() => void startTraining('fresh')} data-testid="train">
              Start over
            </button>
          </>
        ) : (
          <button className="primary" disabled={!!problem || starting} onClick={() => void startTraining()} data-testid="train">
            {starting ? 'Loading data…' : 'Train'}
          </button>
        )}
        {engine && <span className="small muted" title={engine.reason}>backend: {engine.backend}</span>}
      </div>
      {hasWeights && !running && (
        <>
          <p className="small muted" data-testid="weights-note">
            This network has trained weights. <b>Continue training</b> starts from them (the optimizer’s state, such as Adam’s moments or momentum, starts fresh); <b>Start over</b> trains from new random weights.
          </p>
          <ExportModel />
        </>
      )}
      {problem && <div className="message error" data-testid="train-problem">Fix the network before training: {problem}</div>}
      {error && <div className="message error" data-testid="train-error">{error}</div>}
      {/* Beside Train, not only with the run's result further down: it is why the weights are gone. */}
      {engineStopped && <div className="message error" data-testid="engine-stopped">{engineStopped}</div>}
      <SweepPanel busy={running || starting || !!problem} />
      {run && <RunView run={run} />}
      <RunHistory />
    </div>
  );
}
