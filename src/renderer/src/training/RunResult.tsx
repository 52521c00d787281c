// How a run ended: its message, test accuracy, confusion matrix and the trained model's export.
import { formatCount } from '@shared/format';
import { formatDuration } from '@shared/training/metrics';
import type { Run } from '../store';

export function RunResult({ run }: { run: Run }): React.JSX.Element {
  const f = run.finished!;
  const bad = f.reason === 'diverged' || f.reason === 'failed';
  return (
    <div className="finished">
      <div className={`message ${bad ? 'error' : 'info'}`} data-testid="train-message">{f.message}</div>
      {f.testAccuracy !== null && (
        <div className="test-result" data-testid="test-accuracy">
          Test accuracy <b>{(f.testAccuracy * 100).toFixed(2)}%</b> (loss {f.testLoss?.toFixed(4)}) on {formatCount(run.started.testSamples)} test images, in {formatDuration(f.durationMs / 1000)}.
        </div>
      )}
      {f.confusion && <Confusion matrix={f.confusion} classes={f.classNames} />}
      {f.testMse !== null && <RegressionResult run={run} />}
    </div>
  );
}

function Confusion({ matrix, classes }: { matrix: number[][]; classes: string[] }): React.JSX.Element {
  const max = Math.max(1, ...matrix.flatMap((row, i) => row.filter((_, j) => j !== i)));
  const diagMax = Math.max(1, ...matrix.map((row, i) => row[i]));
  return (
    <div className="confusion-wrap">
      <div className="small muted">Confusion matrix on the test set (rows: true class, columns: predicted)</div>
      <table className="confusion" data-testid="confusion">
        <thead>
          <tr>
            <th>
              <abbr title="rows: true class, columns: predicted class">t\p</abbr>
            </th>
            {classes.map((c) => <th key={c} title={c}>{c.length > 3 ? c.slice(0, 3) : c}</th>)}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, i) => (
            <tr key={i}>
              <th title={classes[i]}>{classes[i].length > 3 ? classes[i].slice(0, 3) : classes[i]}</th>
              {row.map((v, j) => {
                const alpha = i === j ? v / diagMax : v / max;
                return (
                  <td key={j} className={i === j ? 'diag' : ''} style={{ ['--a' as string]: alpha.toFixed(3) }} title={`true ${classes[i]}, predicted ${classes[j]}: ${v}`}>
                    {v || ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}



const n4 = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v.toFixed(4));

/** The network's errors beside linear regression's on the same inputs and splits. */
function RegressionResult({ run }: { run: Run }): React.JSX.Element {
  const f = run.finished!;
  const last = run.epochs[run.epochs.length - 1];
  const b = f.baseline;
  return (
    <div className="test-result" data-testid="test-regression">
      <div className="small muted">Mean squared and absolute error (in the target's units) beside linear regression: the same standardised inputs, no hidden layer, fitted by least squares on the training split.</div>
      <div className="table-scroll">
      <table className="epochs regression-compare" data-testid="baseline-compare">
        <thead>
          <tr><th /><th>test MSE</th><th>test MAE</th><th>val MSE</th><th>val MAE</th><th>train MSE</th><th>train MAE</th></tr>
        </thead>
        <tbody>
          <tr data-testid="network-row"><th>network</th><td><b>{n4(f.testMse)}</b></td><td><b>{n4(f.testMae)}</b></td><td>{n4(last?.valMse)}</td><td>{n4(last?.valMae)}</td><td>{n4(last?.mse)}</td><td>{n4(last?.mae)}</td></tr>
          {b && <tr data-testid="baseline-row"><th>linear</th><td><b>{n4(b.testMse)}</b></td><td><b>{n4(b.testMae)}</b></td><td>{n4(b.valMse)}</td><td>{n4(b.valMae)}</td><td>{n4(b.trainMse)}</td><td>{n4(b.trainMae)}</td></tr>}
        </tbody>
      </table>
      </div>
      <div className="small muted">On {formatCount(run.started.testSamples)} test rows, in {formatDuration(f.durationMs / 1000)}. The network's train columns are the last epoch's running averages (with Dropout active), as Keras reports them.</div>
    </div>
  );
}
