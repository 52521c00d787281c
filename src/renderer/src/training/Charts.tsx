import { BarElement, CategoryScale, Chart as ChartJS, Filler, Legend, LinearScale, LineElement, LogarithmicScale, PointElement, Tooltip, type ChartDataset, type ChartOptions } from 'chart.js';
import { useState } from 'react';
import { Line } from 'react-chartjs-2';
import { smooth } from '@shared/training/metrics';
import type { Run } from '../store';

ChartJS.register(LinearScale, LogarithmicScale, CategoryScale, PointElement, LineElement, BarElement, Filler, Tooltip, Legend);

export const css = (name: string): string => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

export function options(title: string, yMax?: number, xMax?: number): ChartOptions<'line'> {
  const grid = css('--border');
  const text = css('--muted');
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    interaction: { mode: 'nearest', intersect: false },
    plugins: { legend: { labels: { color: text, boxWidth: 12 } }, title: { display: false, text: title } },
    scales: {
      x: { type: 'linear', min: 0, max: xMax, title: { display: true, text: 'epoch', color: text }, ticks: { color: text, stepSize: 1 }, grid: { color: grid } },
      y: { type: 'linear', min: 0, max: yMax, title: { display: true, text: title, color: text }, ticks: { color: text }, grid: { color: grid } },
    },
  };
}

/** Training curves per report with optional smoothing, per-epoch training and validation points, for loss and accuracy (mean absolute error for a regression). */
export function RunCharts({ run }: { run: Run }): React.JSX.Element {
  const [smoothing, setSmoothing] = useState(0.6);
  const [smoothOn, setSmoothOn] = useState(true);
  const accent = css('--accent');
  const warn = css('--warning');
  // The whole run's width from the start, so the curve also shows how far training has come.
  const epochs = run.last?.epochs ?? (Number(run.options.epochs) || undefined);
  const regression = run.started.task === 'regression';
  const series = (key: 'loss' | 'accuracy' | 'mae', valKey: 'valLoss' | 'valAccuracy' | 'valMae', label: string, extra: ChartDataset<'line'>[] = []) => {
    const raw = run.batches.map((b) => b[key] ?? NaN);
    const smoothed = smoothOn ? smooth(raw, smoothing) : raw;
    return {
      datasets: [
        ...(smoothOn
          ? [{ label: `${label} (per step, raw)`, data: run.batches.map((b, i) => ({ x: b.x, y: raw[i] })), borderColor: `${accent}55`, backgroundColor: `${accent}55`, pointRadius: 0, borderWidth: 1 }]
          : []),
        { label: smoothOn ? `${label} (smoothed ${smoothing.toFixed(2)})` : `${label} (per step)`, data: run.batches.map((b, i) => ({ x: b.x, y: smoothed[i] })), borderColor: accent, backgroundColor: accent, pointRadius: 0, borderWidth: 1.8 },
        { label: `${label} (epoch)`, data: run.epochs.map((e) => ({ x: e.epoch, y: e[key] ?? NaN })), borderColor: accent, backgroundColor: accent, pointRadius: 4, pointStyle: 'rectRot', showLine: false },
        { label: `val_${label}`, data: run.epochs.filter((e) => e[valKey] !== null).map((e) => ({ x: e.epoch, y: e[valKey]! })), borderColor: warn, backgroundColor: warn, pointRadius: 4, borderWidth: 2 },
        ...extra,
      ],
    };
  };
  // With regularizers the loss is Keras' loss, data loss + regularization loss: both parts drawn too.
  const regularized = run.batches.some((b) => b.regLoss !== null);
  const regColour = css('--ok');
  const lossSplit: ChartDataset<'line'>[] = regularized
    ? [
        { label: 'regularization loss (per step)', data: run.batches.map((b) => ({ x: b.x, y: b.regLoss ?? NaN })), borderColor: regColour, backgroundColor: regColour, pointRadius: 0, borderWidth: 1.8, borderDash: [5, 3] },
        { label: 'data loss (epoch)', data: run.epochs.map((e) => ({ x: e.epoch, y: e.dataLoss ?? NaN })), borderColor: accent, backgroundColor: 'transparent', pointRadius: 4, pointStyle: 'circle', showLine: false },
      ]
    : [];
  const lastEpoch = run.epochs[run.epochs.length - 1];
  return (
    <>
      <div className="chart-controls small">
        <label>
          <input type="checkbox" checked={smoothOn} onChange={(e) => setSmoothOn(e.target.checked)} data-testid="smoothing-on" /> Smooth the per-step curves
        </label>
        <label>
          weight{' '}
          <input type="range" min={0} max={0.99} step={0.01} value={smoothing} disabled={!smoothOn} onChange={(e) => setSmoothing(Number(e.target.value))} aria-label="Smoothing weight" data-testid="smoothing" />{' '}
          {smoothing.toFixed(2)}
        </label>
      </div>
      <div className="charts">
        <div className="chart" data-testid="loss-chart" data-points={run.batches.length}>
          <Line
            data={series('loss', 'valLoss', 'loss', lossSplit)}
            options={options('loss', undefined, epochs)}
            aria-label={`Chart: loss per step (raw and smoothed), per epoch, and val_loss per epoch${regularized ? '; regularization loss per step and data loss per epoch' : ''}`}
          />
        </div>
        {regression ? (
          <div className="chart" data-testid="mae-chart">
            <Line data={series('mae', 'valMae', 'mae')} options={options('mean absolute error', undefined, epochs)} aria-label="Chart: mean absolute error per step (raw and smoothed), per epoch, and val_mae per epoch" />
          </div>
        ) : (
          <div className="chart" data-testid="accuracy-chart">
            <Line data={series('accuracy', 'valAccuracy', 'accuracy')} options={options('accuracy', 1, epochs)} aria-label="Chart: accuracy per step (raw and smoothed), per epoch, and val_accuracy per epoch" />
          </div>
        )}
      </div>
      {regularized && (
        <p className="small loss-split" data-testid="loss-split">
          {lastEpoch?.regLoss != null && lastEpoch.dataLoss != null ? (
            <>
              Epoch {lastEpoch.epoch}: loss {lastEpoch.loss.toFixed(4)} = data loss {lastEpoch.dataLoss.toFixed(4)} + regularization loss {lastEpoch.regLoss.toFixed(4)}
              {lastEpoch.valDataLoss != null && lastEpoch.valLoss != null ? `; val_loss ${lastEpoch.valLoss.toFixed(4)} = ${lastEpoch.valDataLoss.toFixed(4)} + ${(lastEpoch.valLoss - lastEpoch.valDataLoss).toFixed(4)}` : ''}.
            </>
          ) : (
            'The loss is the data loss plus the regularization loss (the kernel and bias regularizers\' penalty).'
          )}{' '}
          As in Keras, loss and val_loss include the penalty; the dashed line is the penalty alone.
        </p>
      )}
      <p className="small muted">
        Per-step values are the batches since the previous point (not a running mean that restarts each epoch); smoothing is an exponential moving average, as TensorBoard draws it. Diamonds: the epoch&apos;s mean.
      </p>
    </>
  );
}
