// Options of a CSV table: the file, its target column, the task and the test split. The table is
// checked here as soon as it is chosen, so a bad row is named before anything trains.
import { useMemo } from 'react';
import { parseTable, tableColumns } from '@shared/data/csv';
import { CsvDatasetSchema, TASKS, type CsvDatasetSpec } from '@shared/training/dataset';
import { REGRESSION_LOSSES, type TrainOptions } from '@shared/training/options';
import { formatCount } from '@shared/format';
import { host } from '../host';
import { ValueField } from '../components/ValueField';

const shape = CsvDatasetSchema.shape;

/** Asks for a CSV file and makes a spec of it: the last column as target, its task guessed from its values. */
export async function chooseCsv(setOptions: (p: Partial<TrainOptions>) => void, current: TrainOptions): Promise<void> {
  const file = await host.openFile({ accept: '.csv,text/csv' });
  if (!file) return;
  const columns = tableColumns(file.text);
  const target = columns[columns.length - 1] ?? '';
  let task: CsvDatasetSpec['task'] = 'classification';
  try {
    // Many distinct numbers look like a real value; a handful of values (or names) like classes.
    const t = parseTable(file.text, target, 'classification');
    if (t.classNames.length > 20 && t.classNames.every((c) => Number.isFinite(Number(c)))) task = 'regression';
  } catch {
    task = 'regression';
  }
  const loss = task === 'regression' ? 'meanSquaredError' : current.loss;
  setOptions({ dataset: { kind: 'csv', name: file.name, text: file.text, target, task, testSplit: 0.2, seed: 1 }, trainLimit: null, loss });
}

export function CsvOptions({ spec, options, setOptions }: { spec: CsvDatasetSpec; options: TrainOptions; setOptions(p: Partial<TrainOptions>): void }): React.JSX.Element {
  const set = (p: Partial<CsvDatasetSpec>): void => setOptions({ dataset: { ...spec, ...p } });
  const columns = useMemo(() => (spec.text ? tableColumns(spec.text) : []), [spec.text]);
  const check = useMemo(() => {
    if (!spec.text) return null;
    try {
      const t = parseTable(spec.text, spec.target, spec.task);
      return { ok: true as const, rows: t.rows, features: t.featureNames.length, classes: t.classNames.length };
    } catch (err) {
      return { ok: false as const, message: (err as Error).message };
    }
  }, [spec.text, spec.target, spec.task]);
  const lossFits = spec.task === 'regression' ? (REGRESSION_LOSSES as readonly string[]).includes(options.loss) : !(REGRESSION_LOSSES as readonly string[]).includes(options.loss) || options.loss === 'meanSquaredError';
  return (
    <>
      <div className="wide row">
        <button type="button" onClick={() => void chooseCsv(setOptions, options)} data-testid="csv-choose">Choose CSV file…</button>
        <span className="small" data-testid="csv-name">{spec.name}{spec.path && !spec.text ? ` (${spec.path})` : ''}</span>
      </div>
      <label>
        Target column
        <select value={spec.target} onChange={(e) => set({ target: e.target.value })} data-testid="csv-target">
          {(columns.includes(spec.target) ? columns : [spec.target, ...columns]).map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </label>
      <label>
        Task
        <select
          value={spec.task}
          onChange={(e) => {
            const task = e.target.value as CsvDatasetSpec['task'];
            setOptions({ dataset: { ...spec, task }, loss: task === 'regression' ? 'meanSquaredError' : 'categoricalCrossentropy' });
          }}
          data-testid="csv-task"
        >
          {TASKS.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
      </label>
      <label>
        Test split
        <ValueField id="csv-test-split" kind="float" value={spec.testSplit} schema={shape.testSplit.unwrap()} onApply={(testSplit) => set({ testSplit })} />
      </label>
      {check?.ok === false && <div className="message error wide" data-testid="csv-problem">{spec.name}: {check.message}</div>}
      {check?.ok && (
        <p className="small muted wide" data-testid="csv-summary">
          {formatCount(check.rows)} rows, {check.features} numeric features, target {spec.target} ({spec.task === 'regression' ? 'real values' : `${check.classes} classes`}). {formatCount(Math.floor(check.rows * spec.testSplit))} rows held out for testing after a seeded shuffle; the validation split comes from the rest. Features are standardised with the mean and standard deviation of the training split only (validation and test rows use the same numbers).
        </p>
      )}
      {!lossFits && <div className="message warning wide">{options.loss} does not suit {spec.task}: choose {spec.task === 'regression' ? 'meanSquaredError, meanAbsoluteError or huber' : 'categoricalCrossentropy'}.</div>}
    </>
  );
}
