// What the optimizer did to one weight over the latest run: its gradient, Adam's m and v, the
// bias-corrected values and the step taken (or momentum's velocity), step by step; the learning
// rate against the step actually taken; and a per-layer summary.
import { useEffect, useMemo, useState } from 'react';
import { Line } from 'react-chartjs-2';
import type { Graph } from '@shared/graph/model';
import type { OptimizerTrace, WatchedTensor } from '@shared/ipc/explain';
import { adamCorrected } from '@shared/explain';
import { api } from '../host';
import { css, options as chartOptions } from '../training/Charts';
import { format } from './Legend';

/** Row-major flat index -> [i, j, ...] in a tensor of this shape. */
function unflatten(index: number, shape: number[]): number[] {
  const out: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    out.unshift(index % shape[d]);
    index = Math.floor(index / shape[d]);
  }
  return out;
}

interface Row {
  t: number;
  g: number;
  m: number | null;
  v: number | null;
  mHat: number | null;
  vHat: number | null;
  velocity: number | null;
  predicted: number | null;
  step: number;
  before: number;
  after: number;
}

function rowsOf(trace: OptimizerTrace, t: WatchedTensor, j: number): Row[] {
  const k = t.indices.length;
  const c = { learningRate: trace.learningRate, beta1: trace.beta1, beta2: trace.beta2, epsilon: trace.epsilon };
  return Array.from(trace.steps, (step, s) => {
    const i = s * k + j;
    const m = t.m ? t.m[i] : null;
    const v = t.v ? t.v[i] : null;
    const corrected = m !== null && v !== null ? adamCorrected(step, m, v, c) : null;
    const velocity = t.velocity ? t.velocity[i] : null;
    const predicted = corrected ? corrected.step : velocity !== null ? -trace.learningRate * velocity : trace.optimizer === 'sgd' ? -trace.learningRate * t.gradient[i] : null;
    return { t: step, g: t.gradient[i], m, v, mHat: corrected?.mHat ?? null, vHat: corrected?.vHat ?? null, velocity, predicted, step: t.after[i] - t.before[i], before: t.before[i], after: t.after[i] };
  });
}

export function OptimizerView({ graph }: { graph: Graph }): React.JSX.Element {
  const [trace, setTrace] = useState<OptimizerTrace | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [tensor, setTensor] = useState(0);
  const [weight, setWeight] = useState(0);
  const [stepIndex, setStepIndex] = useState(0);
  const load = () => api.invoke('explain:optimizerTrace', {}).then(setTrace, (e: Error) => setError(e.message));
  useEffect(() => void load(), []);
  const t = trace?.tensors[Math.min(tensor, trace.tensors.length - 1)];
  const rows = useMemo(() => (trace && t ? rowsOf(trace, t, Math.min(weight, t.indices.length - 1)) : []), [trace, t, weight]);

  if (error) return <p className="message error">{error}</p>;
  if (trace === undefined) return <p className="small muted">Loading the optimizer's record…</p>;
  if (trace === null || !t || rows.length === 0) return <p className="small" data-testid="optimizer-empty">Train the network first (Training tab): the optimizer's state is recorded at every step of a run, for {graph.nodes.length ? 'six weights of every kernel and bias' : 'its weights'}.</p>;

  const adam = trace.optimizer === 'adam';
  const r = rows[Math.min(stepIndex, rows.length - 1)];
  // The recursion is written out only when the step before was recorded (every step up to
  // everyStepUntil, then every stride-th one).
  const before = rows[Math.min(stepIndex, rows.length - 1) - 1];
  const prev = r.t === 1 ? undefined : before && before.t === r.t - 1 ? before : null;
  const accent = css('--accent');
  const warn = css('--warning');
  const line = (label: string, data: (number | null)[], color: string, dash?: number[]) => ({ label, data: rows.map((row, i) => ({ x: row.t, y: data[i] })), borderColor: color, backgroundColor: color, pointRadius: 0, borderWidth: 1.5, borderDash: dash });
  const stateData = {
    datasets: [
      line('gradient g', rows.map((x) => x.g), '#999'),
      ...(adam ? [line('m', rows.map((x) => x.m), accent), line('m^ (bias-corrected)', rows.map((x) => x.mHat), accent, [4, 3])] : []),
      ...(t.velocity ? [line('velocity', rows.map((x) => x.velocity), accent)] : []),
    ],
  };
  const stepData = {
    datasets: [line('|step| taken', rows.map((x) => Math.abs(x.step)), warn), line('learning rate', rows.map(() => trace.learningRate), '#555', [6, 4])],
  };
  const xOpts = (title: string) => {
    const o = chartOptions(title);
    o.scales!.x = { ...o.scales!.x, min: rows[0].t, max: rows[rows.length - 1].t, title: { display: true, text: 'optimizer step' }, ticks: {} };
    o.scales!.y = { ...o.scales!.y, min: undefined };
    return o;
  };
  const index = t.indices[Math.min(weight, t.indices.length - 1)];
  const lr = trace.learningRate;

  return (
    <div className="explain-optimizer" data-testid="explain-optimizer">
      <p className="small">
        <b>{trace.optimizer === 'adam' ? 'Adam' : trace.optimizer === 'sgd' ? (trace.momentum > 0 ? 'SGD with momentum' : 'SGD') : 'RMSprop'}</b>, learning rate {lr}
        {adam && `, beta1 ${trace.beta1}, beta2 ${trace.beta2}, epsilon ${trace.epsilon}`}
        {trace.momentum > 0 && `, momentum ${trace.momentum}`}. {rows.length} steps recorded{rows[rows.length - 1].t > trace.everyStepUntil ? ` (every step up to ${trace.everyStepUntil}, then every ${trace.stride}th)` : ''}.
      </p>
      <p className="small mono">
        {adam && 'm = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;  m^ = m / (1 - b1^t);  v^ = v / (1 - b2^t);  w = w - lr m^ / (sqrt(v^) + eps)'}
        {trace.optimizer === 'sgd' && trace.momentum > 0 && 'velocity = momentum x velocity + g;  w = w - lr x velocity   (Keras writes v = momentum v - lr g; w = w + v: the same steps)'}
        {trace.optimizer === 'sgd' && trace.momentum === 0 && 'w = w - lr x g'}
      </p>
      <div className="step-controls">
        <label className="small">
          Weight{' '}
          <select value={tensor} onChange={(e) => (setTensor(Number(e.target.value)), setWeight(0))} data-testid="optimizer-tensor">
            {trace.tensors.map((x, i) => (
              <option key={i} value={i}>{x.name} ({x.shape.join('x')})</option>
            ))}
          </select>
        </label>
        <label className="small">
          element{' '}
          <select value={weight} onChange={(e) => setWeight(Number(e.target.value))} data-testid="optimizer-weight">
            {t.indices.map((ix, j) => (
              <option key={j} value={j}>[{unflatten(ix, t.shape).join(', ')}]</option>
            ))}
          </select>
        </label>
        <label className="small">
          step t{' '}
          <input type="range" min={0} max={rows.length - 1} value={Math.min(stepIndex, rows.length - 1)} onChange={(e) => setStepIndex(Number(e.target.value))} data-testid="optimizer-step" /> {r.t}
        </label>
      </div>
      <div className="explain-row">
        <div className="optimizer-chart" style={{ width: 460 }} data-testid="optimizer-state-chart">
          <Line data={stateData} options={xOpts(adam ? 'g, m, m^' : 'g, velocity')} aria-label={`Chart: the weight's gradient${adam ? ', m and m^' : ''} at each step`} />
        </div>
        <div className="optimizer-chart" style={{ width: 460 }}>
          <Line data={stepData} options={xOpts('|step|')} aria-label="Chart: the size of each step taken against the learning rate" />
        </div>
      </div>
      <h3>
        {t.name}[{unflatten(index, t.shape).join(', ')}] at step t = {r.t}
      </h3>
      <table className="explain-sum" data-testid="optimizer-table">
        <tbody>
          <tr>
            <td>gradient g</td>
            <td className="mono" data-testid="optimizer-g">{format(r.g, 6)}</td>
          </tr>
          {adam && r.m !== null && (
            <>
              <tr>
                <td>{prev === null ? 'm (recorded)' : `m = ${trace.beta1} x ${format(prev?.m ?? 0, 6)} + ${format(1 - trace.beta1, 1)} x ${format(r.g, 6)}`}</td>
                <td className="mono" data-testid="optimizer-m">{format(r.m, 6)}</td>
              </tr>
              <tr>
                <td>{prev === null ? 'v (recorded)' : `v = ${trace.beta2} x ${format(prev?.v ?? 0, 8)} + ${format(1 - trace.beta2, 3)} x ${format(r.g, 6)}^2`}</td>
                <td className="mono" data-testid="optimizer-v">{r.v!.toExponential(4)}</td>
              </tr>
              <tr>
                <td>m^ = m / (1 - {trace.beta1}^{r.t}) = m / {format(1 - trace.beta1 ** r.t, 6)}</td>
                <td className="mono" data-testid="optimizer-mhat">{format(r.mHat!, 6)}</td>
              </tr>
              <tr>
                <td>v^ = v / (1 - {trace.beta2}^{r.t}) = v / {format(1 - trace.beta2 ** r.t, 6)}</td>
                <td className="mono" data-testid="optimizer-vhat">{r.vHat!.toExponential(4)}</td>
              </tr>
            </>
          )}
          {r.velocity !== null && (
            <tr>
              <td data-testid="optimizer-velocity-formula">{prev === null ? 'velocity (recorded)' : `velocity = ${trace.momentum} x ${format(prev?.velocity ?? 0, 6)} + ${format(r.g, 6)}`}</td>
              <td className="mono" data-testid="optimizer-velocity">{format(r.velocity, 6)}</td>
            </tr>
          )}
          {r.predicted !== null && (
            <tr>
              <td>{adam ? `step = -${lr} x m^ / (sqrt(v^) + ${trace.epsilon})` : r.velocity !== null ? `step = -${lr} x velocity` : `step = -${lr} x g`}</td>
              <td className="mono" data-testid="optimizer-predicted">{format(r.predicted, 8)}</td>
            </tr>
          )}
          <tr className="result">
            <td>weight {format(r.before, 6)} to {format(r.after, 6)}: change measured</td>
            <td className="mono" data-testid="optimizer-step-taken">{format(r.step, 8)}</td>
          </tr>
          <tr>
            <td>learning rate vs the step taken: |step| / lr</td>
            <td className="mono">{format(Math.abs(r.step) / lr, 3)}</td>
          </tr>
        </tbody>
      </table>
      <h3>Per layer (mean over each tensor, whole run)</h3>
      <table className="softmax-table" data-testid="optimizer-summary">
        <thead>
          <tr>
            <th>weights</th>
            <th>layer</th>
            <th>mean |g|</th>
            <th>mean |step|</th>
            <th>mean |step| / lr</th>
            <th>last step: mean |g|</th>
            <th>last step: mean |step|</th>
          </tr>
        </thead>
        <tbody>
          {trace.tensors.map((x) => {
            const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
            const n = x.meanAbsStep.length - 1;
            return (
              <tr key={x.name}>
                <td>{x.name} ({x.shape.join('x')})</td>
                <td>{x.layer}</td>
                <td className="mono">{mean(x.meanAbsGradient).toExponential(3)}</td>
                <td className="mono">{mean(x.meanAbsStep).toExponential(3)}</td>
                <td className="mono">{format(mean(x.meanAbsStep) / lr, 3)}</td>
                <td className="mono">{x.meanAbsGradient[n].toExponential(3)}</td>
                <td className="mono">{x.meanAbsStep[n].toExponential(3)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button onClick={() => void load()}>Reload after another run</button>
    </div>
  );
}
