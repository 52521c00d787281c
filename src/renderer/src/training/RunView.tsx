// One run while it trains and after: progress, curves, the epoch table and the lens views.
import { formatCount } from '@shared/format';
import { formatDuration, overfittingFrom, threadsText } from '@shared/training/metrics';
import type { Run } from '../store';
import { RunCharts } from './Charts';
import { ConfidenceView, EarlyStoppingView } from './Lens';
import { RunResult } from './RunResult';
import { BoundaryView } from '../boundary/BoundaryView';

/** Long runs (a spiral trains for hundreds of epochs) show their latest epochs in the table. */
const EPOCH_ROWS = 20;

export function RunView({ run }: { run: Run }): React.JSX.Element {
  const last = run.last;
  const f = run.finished;
  const progress = last ? ((last.epoch - 1) * last.steps + last.step) / (last.epochs * last.steps) : 0;
  const regression = run.started.task === 'regression';
  const overfit = overfittingFrom(run.epochs.map((e) => e.loss), run.epochs.map((e) => e.valLoss));
  return (
    <div className="run">
      <div className="progress" role="progressbar" aria-label="Training progress" aria-valuenow={Math.round(progress * 100)} data-testid="progress">
        <div className="progress-fill" style={{ width: `${(f && f.reason === 'completed' ? 1 : progress) * 100}%` }} />
      </div>
      {last && (
        <div className="small" data-testid="progress-text">
          Epoch {last.epoch}/{last.epochs} · step {formatCount(last.step)}/{formatCount(last.steps)} · loss {last.loss.toFixed(4)} · {last.accuracy !== null ? `accuracy ${(last.accuracy * 100).toFixed(1)}%` : `mae ${last.mae?.toFixed(4)}`} · {formatCount(Math.round(last.samplesPerSecond))} samples/s
          {!f && ` · ETA ${formatDuration(last.etaSeconds)}`} · {run.started.backend}, {threadsText(run.started)}
        </div>
      )}
      {!last && !f && <div className="small muted">Starting on {formatCount(run.started.trainSamples)} samples ({run.started.backend}, {threadsText(run.started)})…</div>}
      {run.started.standardization && <StandardizationNote s={run.started.standardization} />}
      <RunCharts run={run} />
      {run.started.plane && <BoundaryView run={run} plane={run.started.plane} />}
      {overfit !== null && (
        <div className="message warning" data-testid="overfitting">
          From epoch {overfit}, val_loss rises while loss falls: the network is starting to memorise the training set (overfitting). <a href="#early-stopping">Early stopping</a> with patience would stop here and keep the best weights.
        </div>
      )}
      {run.epochs.length > EPOCH_ROWS && <div className="small muted">The last {EPOCH_ROWS} of {run.epochs.length} epochs:</div>}
      {run.epochs.length > 0 && (
        <div className="table-scroll">
        <table className="epochs">
          <thead>
            {regression ? (
              <tr><th>epoch</th><th>loss</th><th>mse</th><th>mae</th><th>val_loss</th><th>val_mse</th><th>val_mae</th><th>time</th></tr>
            ) : (
              <tr><th>epoch</th><th>loss</th><th>accuracy</th><th>val_loss</th><th>val_accuracy</th><th>time</th></tr>
            )}
          </thead>
          <tbody>
            {run.epochs.slice(-EPOCH_ROWS).map((e) => (
              <tr key={e.epoch} className={f?.bestEpoch === e.epoch ? 'best' : ''}>
                <td>{e.epoch}{f?.bestEpoch === e.epoch ? ' ★' : ''}</td>
                <td>{e.loss.toFixed(4)}</td>
                {regression ? (
                  <>
                    <td>{fixed(e.mse)}</td>
                    <td>{fixed(e.mae)}</td>
                    <td>{fixed(e.valLoss)}</td>
                    <td>{fixed(e.valMse)}</td>
                    <td>{fixed(e.valMae)}</td>
                  </>
                ) : (
                  <>
                    <td>{e.accuracy !== null ? `${(e.accuracy * 100).toFixed(2)}%` : '—'}</td>
                    <td>{fixed(e.valLoss)}</td>
                    <td>{e.valAccuracy !== null ? `${(e.valAccuracy * 100).toFixed(2)}%` : '—'}</td>
                  </>
                )}
                <td>{formatDuration(e.durationMs / 1000)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      <EarlyStoppingView run={run} />
      {run.epochs.length > 0 && <ConfidenceView epoch={run.epochs[run.epochs.length - 1]} />}
      {f && <RunResult run={run} />}
    </div>
  );
}


const fixed = (v: number | null): string => (v === null ? '—' : v.toFixed(4));

/** Says how the table's features were scaled: with the training split's statistics only. */
function StandardizationNote({ s }: { s: NonNullable<Run['started']['standardization']> }): React.JSX.Element {
  return (
    <details className="small muted" data-testid="standardization">
      <summary>
        Features standardised as (x - mean) / std with the mean and standard deviation of the {formatCount(s.rows)} training rows only; validation and test rows use the same numbers and never influence them.
      </summary>
      <table className="epochs">
        <thead><tr><th>feature</th><th>mean</th><th>std</th></tr></thead>
        <tbody>
          {s.features.map((name, i) => <tr key={name}><td>{name}</td><td>{s.mean[i].toPrecision(5)}</td><td>{s.std[i].toPrecision(5)}</td></tr>)}
        </tbody>
      </table>
    </details>
  );
}
