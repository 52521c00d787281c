import { BarElement, CategoryScale, Chart as ChartJS, Filler, Legend, LinearScale, LineElement, PointElement, Tooltip, type ChartOptions } from 'chart.js';
import { Line } from 'react-chartjs-2';
import type { Run } from '../store';

ChartJS.register(LinearScale, CategoryScale, PointElement, LineElement, BarElement, Filler, Tooltip, Legend);

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

/** Training curve per batch (running epoch average) and validation per epoch, side by side for loss and accuracy. */
export function RunCharts({ run }: { run: Run }): React.JSX.Element {
  const accent = css('--accent');
  const warn = css('--warning');
  // The whole run's width from the start, so the curve also shows how far training has come.
  const epochs = run.last?.epochs ?? (Number(run.options.epochs) || undefined);
  const lossData = {
    datasets: [
      { label: 'loss', data: run.batches.map((b) => ({ x: b.x, y: b.loss })), borderColor: accent, backgroundColor: accent, pointRadius: 0, borderWidth: 1.5 },
      { label: 'val_loss', data: run.epochs.filter((e) => e.valLoss !== null).map((e) => ({ x: e.epoch, y: e.valLoss! })), borderColor: warn, backgroundColor: warn, pointRadius: 4, borderWidth: 2 },
    ],
  };
  const accData = {
    datasets: [
      { label: 'accuracy', data: run.batches.map((b) => ({ x: b.x, y: b.accuracy })), borderColor: accent, backgroundColor: accent, pointRadius: 0, borderWidth: 1.5 },
      { label: 'val_accuracy', data: run.epochs.filter((e) => e.valAccuracy !== null).map((e) => ({ x: e.epoch, y: e.valAccuracy! })), borderColor: warn, backgroundColor: warn, pointRadius: 4, borderWidth: 2 },
    ],
  };
  return (
    <div className="charts">
      <div className="chart" data-testid="loss-chart" data-points={run.batches.length}>
        <Line data={lossData} options={options('loss', undefined, epochs)} aria-label="Chart: loss per step and val_loss per epoch" />
      </div>
      <div className="chart" data-testid="accuracy-chart">
        <Line data={accData} options={options('accuracy', 1, epochs)} aria-label="Chart: accuracy per step and val_accuracy per epoch" />
      </div>
    </div>
  );
}
