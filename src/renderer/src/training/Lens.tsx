// The learning lens: earlier runs overlaid, why val_loss and val_accuracy can disagree, and early
// stopping drawn where it happened.
import { useState } from 'react';
import { Bar, Line } from 'react-chartjs-2';
import type { EpochMetrics } from '@shared/ipc/training';
import { describeRun } from '@shared/training/runs';
import { formatDuration } from '@shared/training/metrics';
import { monitorMode } from '@shared/training/earlyStopping';
import { css, options } from './Charts';
import { useAppStore, type Run } from '../store';

const PALETTE = ['#2f6fed', '#dc6803', '#0e9384', '#c11574', '#7a5af8', '#667085'];

export function RunHistory(): React.JSX.Element | null {
  const history = useAppStore((s) => s.history);
  const overlay = useAppStore((s) => s.overlay);
  const toggle = useAppStore((s) => s.toggleOverlay);
  if (history.length === 0) return null;
  const shown = history.filter((r) => overlay.includes(r.id));
  const color = (id: string): string => PALETTE[history.findIndex((r) => r.id === id) % PALETTE.length];
  // Regression runs compare their validation MAE where classifiers compare val_accuracy.
  const regression = shown.length > 0 && shown.every((r) => r.testMae !== null || r.epochs.some((e) => e.mae !== null));
  const names = { loss: 'loss', valLoss: 'val_loss', valAccuracy: 'val_accuracy', valMae: 'val_mae' };
  const series = (key: 'valLoss' | 'valAccuracy' | 'valMae' | 'loss') =>
    shown.map((r) => ({
      label: `#${history.indexOf(r) + 1}${r.sweep ? ` (${r.sweep.param} = ${r.sweep.value})` : ''} ${names[key]}`,
      data: r.epochs.filter((e) => e[key] !== null).map((e) => ({ x: e.epoch, y: e[key] as number })),
      borderColor: color(r.id),
      backgroundColor: color(r.id),
      borderDash: key === 'loss' ? [4, 3] : undefined,
      pointRadius: 3,
      borderWidth: 2,
    }));
  return (
    <section className="lens" data-testid="run-history">
      <h3>Runs of this network</h3>
      <table className="runs">
        <tbody>
          {history.map((r, i) => (
            <tr key={r.id}>
              <td>
                <input type="checkbox" checked={overlay.includes(r.id)} onChange={() => toggle(r.id)} aria-label={`Overlay run ${i + 1}`} />
              </td>
              <td>
                <span className="swatch" style={{ background: color(r.id) }} /> #{i + 1}
              </td>
              <td className="small">
                {describeRun(r)}
                <div className="muted">
                  {r.epochs.length} epoch{r.epochs.length === 1 ? '' : 's'} · {r.reason} · {formatDuration(r.durationMs / 1000)} · {r.backend}
                </div>
              </td>
              <td className="num">{r.testAccuracy !== null ? `${(r.testAccuracy * 100).toFixed(2)}%` : r.testMae !== null ? `MAE ${r.testMae.toFixed(4)}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length > 0 && (
        <div className="charts overlay-charts" data-testid="overlay-chart" data-series={shown.length}>
          <div className="chart">
            <Line data={{ datasets: [...series('valLoss'), ...series('loss')] }} options={options('loss (dashed: training)')} aria-label="Chart: loss of each compared run" />
          </div>
          <div className="chart">
            {regression ? (
              <Line data={{ datasets: series('valMae') }} options={options('val_mae')} aria-label="Chart: val_mae of each compared run" />
            ) : (
              <Line data={{ datasets: series('valAccuracy') }} options={options('val_accuracy', 1)} aria-label="Chart: val_accuracy of each compared run" />
            )}
          </div>
        </div>
      )}
    </section>
  );
}

/** For the last validation epoch: how sure the network was of the true class, right vs wrong. */
export function ConfidenceView({ epoch }: { epoch: EpochMetrics }): React.JSX.Element | null {
  const h = epoch.confidence;
  const [logScale, setLogScale] = useState(true);
  if (!h) return null;
  const right = h.right.reduce((a, b) => a + b, 0);
  const wrong = h.wrong.reduce((a, b) => a + b, 0);
  const unsure = h.right.slice(0, 7).reduce((a, b) => a + b, 0);
  const n = right + wrong;
  const labels = h.right.map((_, i) => `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`);
  return (
    <section className="lens" data-testid="confidence">
      <h3>Why val_loss and val_accuracy can disagree (epoch {epoch.epoch})</h3>
      <label className="small">
        <input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} data-testid="confidence-log" /> Log scale (counts differ by orders of magnitude: the wrong answers are small beside the right ones)
      </label>
      <div className="chart histogram">
        <Bar
          aria-label="Chart: how many validation images got each probability for their true class, right and wrong"
          data={{
            labels,
            datasets: [
              { label: 'right', data: h.right, backgroundColor: css('--accent') },
              { label: 'wrong', data: h.wrong, backgroundColor: css('--error') },
            ],
          }}
          options={{
            animation: false,
            responsive: true,
            maintainAspectRatio: false,
            plugins: { legend: { labels: { color: css('--muted') } } },
            scales: {
              // On a log scale, bars side by side: stacking would hide the few wrong answers again.
              x: { stacked: !logScale, title: { display: true, text: 'probability given to the true class', color: css('--muted') }, ticks: { color: css('--muted') } },
              y: logScale
                ? { type: 'logarithmic', min: 0.8, title: { display: true, text: 'validation images (log scale)', color: css('--muted') }, ticks: { color: css('--muted') } }
                : { stacked: true, title: { display: true, text: 'validation images', color: css('--muted') }, ticks: { color: css('--muted') } },
            },
          }}
        />
      </div>
      <p className="small explain">
        Accuracy only asks whether the true class got the highest probability: {right.toLocaleString('en-US')} of {n.toLocaleString('en-US')} did (
        {((right / n) * 100).toFixed(1)}%). The loss asks how much probability it got: each image adds −log(p). A right but unsure answer (p = 0.4) still
        adds 0.92; a confidently wrong one (p = 0.01) adds 4.6. Here the {wrong.toLocaleString('en-US')} wrong answers make{' '}
        <b>{((h.wrongLoss / Math.max(h.rightLoss + h.wrongLoss, 1e-9)) * 100).toFixed(0)}%</b> of val_loss, and {unsure.toLocaleString('en-US')} right answers
        had p below 0.7. So val_loss can rise while val_accuracy stays flat: a few wrong answers become very sure of themselves, or right answers become
        less sure, without any answer changing sides.
      </p>
    </section>
  );
}

/** The monitored metric, the min_delta threshold over the patience window, and the best epoch. */
export function EarlyStoppingView({ run }: { run: Run }): React.JSX.Element | null {
  const es = run.options.earlyStopping;
  if (!es?.enabled || run.epochs.length === 0) return null;
  const monitor = es.monitor ?? 'val_loss';
  const key = { val_loss: 'valLoss', val_accuracy: 'valAccuracy', loss: 'loss', accuracy: 'accuracy' }[monitor] as keyof EpochMetrics;
  const values = run.epochs.map((e) => ({ x: e.epoch, y: e[key] as number | null })).filter((p): p is { x: number; y: number } => p.y !== null);
  if (values.length === 0) return null;
  const mode = monitorMode(monitor);
  const best = values.reduce((b, p) => ((mode === 'min' ? p.y < b.y : p.y > b.y) ? p : b), values[0]);
  const bestEpoch = run.finished?.bestEpoch ?? best.x;
  const bestValue = values.find((p) => p.x === bestEpoch)?.y ?? best.y;
  const minDelta = es.minDelta ?? 0;
  const patience = es.patience ?? 2;
  const threshold = mode === 'min' ? bestValue - minDelta : bestValue + minDelta;
  const windowEnd = bestEpoch + patience;
  return (
    <section className="lens" data-testid="early-stopping-view">
      <h3>Early stopping on {monitor}</h3>
      <div className="chart">
        <Line
          aria-label={`Chart: ${monitor} per epoch, the best epoch and the min_delta threshold`}
          data={{
            datasets: [
              { label: monitor, data: values, borderColor: css('--accent'), backgroundColor: css('--accent'), pointRadius: 3, borderWidth: 2 },
              { label: `best (epoch ${bestEpoch})`, data: [{ x: bestEpoch, y: bestValue }], borderColor: css('--ok'), backgroundColor: css('--ok'), pointRadius: 8, pointStyle: 'star', showLine: false },
              {
                label: `must beat ${threshold.toFixed(4)} (min_delta ${minDelta}) within ${patience} epoch${patience === 1 ? '' : 's'}`,
                data: [{ x: bestEpoch, y: threshold }, { x: windowEnd, y: threshold }],
                borderColor: css('--warning'),
                backgroundColor: css('--warning'),
                borderDash: [5, 4],
                pointRadius: 0,
                borderWidth: 2,
              },
            ],
          }}
          options={{ ...options(monitor), scales: { ...options(monitor).scales, y: { ...options(monitor).scales!['y'], min: undefined } } }}
        />
      </div>
      <p className="small explain" data-testid="early-stopping-text">
        Best {monitor} {bestValue.toFixed(4)} at epoch {bestEpoch}. An epoch counts as better only if it {mode === 'min' ? 'goes below' : 'goes above'}{' '}
        {threshold.toFixed(4)} (best {mode === 'min' ? '−' : '+'} min_delta); after {patience} epoch{patience === 1 ? '' : 's'} without that, training stops.
        {run.finished?.reason === 'early-stopped' && ` It stopped at epoch ${run.finished.epochsCompleted}.`}
        {run.finished?.restoredWeightsFromEpoch != null && <b> Restored the weights from epoch {run.finished.restoredWeightsFromEpoch}.</b>}
      </p>
    </section>
  );
}
