// Sweeps in the Training tab: choose a setting, type the values, run them one after another, then
// read the final training, validation and test metrics against the value.
import { useEffect, useMemo } from 'react';
import { Line } from 'react-chartjs-2';
import type { ChartOptions } from 'chart.js';
import type { TrainOptions } from '@shared/training/options';
import { isRegressionResult, sweepLabel, sweepLogScale, sweepParamName, sweepTargets, type SweepResult, type SweepTarget } from '@shared/training/sweep';
import { useAppStore, type SweepProgress } from '../store';
import { css, options as chartOptions } from './Charts';
import { startSweep, stopSweep, sweepPlan } from './sweep';

const EXAMPLE_VALUES: Record<string, string> = { lr: '0.001, 0.01, 0.1', samples: '100, 300, 1000', epochs: '10, 50, 100', 'batch-size': '16, 32, 128', units: '8, 64, 256', filters: '8, 16, 32', rate: '0, 0.25, 0.5' };

/** What the setting select says, e.g. "training samples (points per class)". */
function targetText(t: SweepTarget, options: TrainOptions): string {
  if (t.kind === 'layer') return `${t.layer}: ${t.param}`;
  if (t.option === 'samples') return options.dataset.kind === 'toy' ? 'training samples (points per class)' : 'training samples (sample limit)';
  return sweepLabel(t);
}

const examplesFor = (param: string): string => EXAMPLE_VALUES[param] ?? EXAMPLE_VALUES[param.slice(param.lastIndexOf('.') + 1)] ?? '';

export function SweepPanel({ busy }: { busy: boolean }): React.JSX.Element {
  const graph = useAppStore((s) => s.graph);
  const options = useAppStore((s) => s.options);
  const sweepParam = useAppStore((s) => s.sweepParam);
  const sweepText = useAppStore((s) => s.sweepText);
  const setSweepParam = useAppStore((s) => s.setSweepParam);
  const setSweepText = useAppStore((s) => s.setSweepText);
  const sweep = useAppStore((s) => s.sweep);
  const targets = useMemo(() => sweepTargets(graph), [graph]);
  const plan = useMemo(() => sweepPlan({ sweepParam, sweepText, graph, options }), [sweepParam, sweepText, graph, options]);
  // A layer that was renamed or removed cannot be swept: back to the learning rate.
  useEffect(() => {
    if (!targets.some((t) => sweepParamName(t) === sweepParam)) setSweepParam('lr');
  }, [targets, sweepParam, setSweepParam]);
  const sweeping = !!sweep && !sweep.done;
  const typed = sweepText.trim() !== '';
  const problems = typed && !plan.ok ? plan.problems : [];

  return (
    <section className="sweep" data-testid="sweep">
      <h3>Sweep a setting</h3>
      <p className="small muted">One run per value, one after another, with the other settings as set above; then each run&apos;s final metrics against the value, and their curves side by side in the run history.</p>
      <fieldset className="sweep-form" disabled={sweeping}>
        <label>
          Setting
          <select value={sweepParam} onChange={(e) => setSweepParam(e.target.value)} data-testid="sweep-param">
            {targets.map((t) => (
              <option key={sweepParamName(t)} value={sweepParamName(t)}>{targetText(t, options)}</option>
            ))}
          </select>
        </label>
        <label>
          Values
          <input
            value={sweepText}
            placeholder={`e.g. ${examplesFor(sweepParam)}`}
            onChange={(e) => setSweepText(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && plan.ok && !busy && void startSweep()}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={problems.length > 0 || undefined}
            aria-describedby={problems.length > 0 ? 'sweep-problem' : undefined}
            data-testid="sweep-values"
          />
        </label>
      </fieldset>
      {problems.length > 0 && (
        <div className="field-problem" id="sweep-problem" role="alert" data-testid="sweep-problem">
          {problems.map((p) => <div key={p}>{p}</div>)}
        </div>
      )}
      <div className="row">
        {sweeping ? (
          <button onClick={() => void stopSweep()} disabled={sweep.stopping} data-testid="sweep-stop">{sweep.stopping ? 'Stopping…' : 'Stop the sweep'}</button>
        ) : (
          <button disabled={!plan.ok || busy} onClick={() => void startSweep()} data-testid="sweep-start">
            {plan.ok ? `Run the sweep (${plan.runs.length} run${plan.runs.length === 1 ? '' : 's'})` : 'Run the sweep'}
          </button>
        )}
      </div>
      {sweep && <SweepStatus sweep={sweep} />}
      {sweep && sweep.results.length > 0 && <SweepResults sweep={sweep} />}
    </section>
  );
}

function SweepStatus({ sweep }: { sweep: SweepProgress }): React.JSX.Element {
  const name = sweepLabel(sweep.target);
  const n = sweep.values.length;
  const text = !sweep.done
    ? `Run ${sweep.index + 1} of ${n}, ${name} = ${sweep.values[sweep.index]}${sweep.stopping ? ' (stopping)' : ''}`
    : sweep.results.length === n && sweep.results.every((r) => r.reason !== 'stopped' && r.reason !== 'failed')
      ? `Sweep of the ${name} done: ${n} runs.`
      : `Sweep of the ${name} stopped after ${sweep.results.length} of ${n} runs.`;
  return <p className="small" data-testid="sweep-progress" role="status">{text}</p>;
}

type Metric = { key: 'accuracy' | 'mae' | 'loss'; val: keyof SweepResult; test: keyof SweepResult; label: string; percent: boolean };

const METRICS = {
  accuracy: { key: 'accuracy', val: 'valAccuracy', test: 'testAccuracy', label: 'accuracy', percent: true },
  mae: { key: 'mae', val: 'valMae', test: 'testMae', label: 'mean absolute error', percent: false },
  loss: { key: 'loss', val: 'valLoss', test: 'testLoss', label: 'loss', percent: false },
} satisfies Record<string, Metric>;

/** A little room beyond the first and last value, so their points are not cut by the chart's edge. */
function xRange(values: number[], log: boolean): { min: number; max: number } {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (log) return { min: lo / 1.5, max: hi * 1.5 };
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.06;
  return { min: lo - pad, max: hi + pad };
}

/** Final train / validation / test values of one metric against the swept value. */
function SweepChart({ sweep, results, metric }: { sweep: SweepProgress; results: SweepResult[]; metric: Metric }): React.JSX.Element {
  const log = sweepLogScale(sweep.target);
  const points = (key: keyof SweepResult) => results.filter((r) => typeof r[key] === 'number').map((r) => ({ x: r.value, y: r[key] as number }));
  const line = (label: string, key: keyof SweepResult, colour: string, dash?: number[]) => ({ label, data: points(key), borderColor: colour, backgroundColor: colour, pointRadius: 4, borderWidth: 2, borderDash: dash });
  const base = chartOptions(metric.label, metric.percent ? 1 : undefined);
  const opts: ChartOptions<'line'> = {
    ...base,
    scales: {
      ...base.scales,
      x: {
        type: log ? 'logarithmic' : 'linear',
        ...xRange(results.map((r) => r.value), log),
        // Ticks at the values that were run, written as typed (0.001, not 1e-3 or 0.0010).
        afterBuildTicks: (axis) => {
          axis.ticks = results.map((r) => ({ value: r.value }));
        },
        ticks: { color: css('--muted'), maxRotation: 0, callback: (v) => String(Number(Number(v).toPrecision(6))) },
        title: { display: true, text: `${sweepLabel(sweep.target)}${log ? ' (log scale)' : ''}`, color: css('--muted') },
        grid: { color: css('--border') },
      },
    },
  };
  return (
    <div className="chart" data-testid={`sweep-chart-${metric.key}`} data-points={results.length} data-scale={log ? 'logarithmic' : 'linear'}>
      <Line
        data={{ datasets: [line(`train ${metric.label}`, metric.key, css('--accent')), line(`val ${metric.label}`, metric.val, css('--warning'), [5, 3]), line(`test ${metric.label}`, metric.test, css('--ok'))] }}
        options={opts}
        aria-label={`Chart: final training, validation and test ${metric.label} against the ${sweepLabel(sweep.target)}`}
      />
    </div>
  );
}

const shown = (v: number | null, percent: boolean): string => (v === null ? '—' : percent ? `${(v * 100).toFixed(2)}%` : v.toFixed(4));

function SweepResults({ sweep }: { sweep: SweepProgress }): React.JSX.Element {
  const history = useAppStore((s) => s.history);
  const results = [...sweep.results].sort((a, b) => a.value - b.value);
  const metric = isRegressionResult(results[0]) ? METRICS.mae : METRICS.accuracy;
  const runNumber = (r: SweepResult): string => {
    const i = history.findIndex((h) => h.id === r.runId);
    return i < 0 ? '' : `#${i + 1}`;
  };
  return (
    <div data-testid="sweep-results">
      <div className="charts sweep-charts" data-testid="sweep-chart">
        <SweepChart sweep={sweep} results={results} metric={metric} />
        <SweepChart sweep={sweep} results={results} metric={METRICS.loss} />
      </div>
      <div className="table-scroll">
        <table className="epochs">
          <thead>
            <tr><th>{sweepParamName(sweep.target)}</th><th>run</th><th>{metric === METRICS.mae ? 'mae' : 'accuracy'}</th><th>val</th><th>test</th><th>test loss</th><th>end</th></tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.runId} data-testid="sweep-row">
                <td>{r.value}</td>
                <td>{runNumber(r)}</td>
                <td>{shown(r[metric.key], metric.percent)}</td>
                <td>{shown(r[metric.val] as number | null, metric.percent)}</td>
                <td>{shown(r[metric.test] as number | null, metric.percent)}</td>
                <td>{shown(r.testLoss, false)}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small muted">Training and validation numbers are those of the epoch whose weights each run ended with; the runs&apos; curves are overlaid in the run history below.</p>
    </div>
  );
}
