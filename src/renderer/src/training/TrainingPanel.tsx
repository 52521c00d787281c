import { useEffect, useState } from 'react';
import { LOSSES, MONITORS, OPTIMIZERS, type EngineInfo, type TrainOptionsInput } from '@shared/ipc/training';
import { formatCount } from '@shared/format';
import { formatDuration, overfittingFrom, splitSizes, stepsPerEpoch } from '@shared/training/metrics';
import { api } from '../host';
import { download } from '../files/documents';
import { useAppStore } from '../store';
import { RunCharts } from './Charts';
import { ConfidenceView, EarlyStoppingView, RunHistory } from './Lens';
import { useCurrentRun, useTrainingStore, type Run } from './store';
import './training.css';

const DATASET_SIZES: Record<string, number> = { mnist: 60000, 'fashion-mnist': 60000 };

export function TrainingPanel(): React.JSX.Element {
  const graph = useAppStore((s) => s.graph);
  const info = useAppStore((s) => s.info);
  const { options, setOptions, start, stop, starting, error } = useTrainingStore();
  const run = useCurrentRun();
  const running = !!run && !run.finished;
  const [engine, setEngine] = useState<EngineInfo | null>(null);
  useEffect(() => void api.invoke('engine:info', {}).then(setEngine, () => undefined), []);

  const firstError = info.graphErrors[0] ?? Object.values(info.nodes).flatMap((n) => n.errors)[0];
  const datasetKind = options.dataset?.kind ?? 'mnist';
  const available = DATASET_SIZES[datasetKind] ?? 0;
  const total = Math.min(options.trainLimit ?? available, available);
  const { train } = splitSizes(total, options.validationSplit ?? 0.1);
  const batch = options.batchSize ?? 32;

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
          <button onClick={() => void stop()} data-testid="stop">Stop (keeps the weights)</button>
        ) : (
          <button className="primary" disabled={!info.valid || starting} onClick={() => void start(graph)} data-testid="train">
            {starting ? 'Loading data…' : 'Train'}
          </button>
        )}
        {engine && <span className="small muted" title={engine.reason}>backend: {engine.backend}</span>}
      </div>
      {!info.valid && <div className="message error">Fix the network before training: {firstError ?? 'add layers and connect them.'}</div>}
      {error && <div className="message error" data-testid="train-error">{error}</div>}
      {run && <RunView run={run} />}
      <RunHistory />
    </div>
  );
}

function num(v: string): number {
  return v.trim() === '' ? NaN : Number(v);
}

function OptionsForm({ options, setOptions, disabled }: { options: TrainOptionsInput; setOptions(p: Partial<TrainOptionsInput>): void; disabled: boolean }): React.JSX.Element {
  const es = options.earlyStopping ?? { enabled: false };
  const setEs = (p: object): void => setOptions({ earlyStopping: { ...es, ...p } as TrainOptionsInput['earlyStopping'] });
  return (
    <fieldset className="train-options" disabled={disabled}>
      <label>
        Data set
        <select
          value={options.dataset?.kind ?? 'mnist'}
          onChange={(e) => {
            const kind = e.target.value;
            if (kind === 'idx') setOptions({ dataset: { kind: 'idx', trainImages: '', trainLabels: '' } });
            else if (kind === 'folder') setOptions({ dataset: { kind: 'folder', path: '' } });
            else setOptions({ dataset: { kind: kind as 'mnist' } });
          }}
          data-testid="dataset"
        >
          <option value="mnist">MNIST digits</option>
          <option value="fashion-mnist">Fashion-MNIST</option>
          <option value="idx">Your idx files</option>
          <option value="folder">Image folder (one sub-folder per class)</option>
        </select>
      </label>
      <DatasetPaths options={options} setOptions={setOptions} />
      <label>
        Samples
        <select data-testid="train-limit" value={String(options.trainLimit ?? 'all')} onChange={(e) => setOptions({ trainLimit: e.target.value === 'all' ? null : Number(e.target.value) })}>
          {[1000, 2000, 5000, 10000, 30000].map((n) => (
            <option key={n} value={n}>{formatCount(n)}</option>
          ))}
          <option value="all">all (60,000)</option>
        </select>
      </label>
      <label>
        Epochs
        <input type="number" min={1} max={1000} value={options.epochs} onChange={(e) => setOptions({ epochs: Math.max(1, Math.round(num(e.target.value)) || 1) })} data-testid="epochs" />
      </label>
      <label>
        Batch size
        <input type="number" min={1} max={8192} value={options.batchSize} onChange={(e) => setOptions({ batchSize: Math.max(1, Math.round(num(e.target.value)) || 32) })} />
      </label>
      <label>
        Validation split
        <input type="number" min={0} max={0.5} step={0.05} value={options.validationSplit} onChange={(e) => setOptions({ validationSplit: Math.min(0.5, Math.max(0, num(e.target.value) || 0)) })} />
      </label>
      <label>
        Optimizer
        <select value={options.optimizer} onChange={(e) => setOptions({ optimizer: e.target.value as 'adam' })}>
          {OPTIMIZERS.map((o) => <option key={o}>{o}</option>)}
        </select>
      </label>
      <label>
        Learning rate
        <input type="number" min={0} step={0.0001} value={options.learningRate} onChange={(e) => num(e.target.value) > 0 && setOptions({ learningRate: num(e.target.value) })} />
      </label>
      {options.optimizer === 'sgd' && (
        <label>
          Momentum
          <input type="number" min={0} max={0.999} step={0.1} value={options.momentum} onChange={(e) => setOptions({ momentum: Math.min(0.999, Math.max(0, num(e.target.value) || 0)) })} />
        </label>
      )}
      <label>
        Loss
        <select value={options.loss} onChange={(e) => setOptions({ loss: e.target.value as 'categoricalCrossentropy' })}>
          {LOSSES.map((l) => <option key={l}>{l}</option>)}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={options.shuffle ?? true} onChange={(e) => setOptions({ shuffle: e.target.checked })} /> Shuffle each epoch
      </label>
      <div className="es" id="early-stopping">
        <label className="check">
          <input type="checkbox" checked={es.enabled ?? false} onChange={(e) => setEs({ enabled: e.target.checked })} data-testid="early-stopping" /> Early stopping
        </label>
        {es.enabled && (
          <div className="es-fields">
            <label>
              Monitor
              <select value={es.monitor ?? 'val_loss'} onChange={(e) => setEs({ monitor: e.target.value })}>
                {MONITORS.map((m) => <option key={m}>{m}</option>)}
              </select>
            </label>
            <label>
              Patience
              <input type="number" min={0} value={es.patience ?? 2} onChange={(e) => setEs({ patience: Math.max(0, Math.round(num(e.target.value)) || 0) })} />
            </label>
            <label>
              min_delta
              <input type="number" min={0} step={0.001} value={es.minDelta ?? 0} onChange={(e) => setEs({ minDelta: Math.max(0, num(e.target.value) || 0) })} />
            </label>
            <label className="check">
              <input type="checkbox" checked={es.restoreBestWeights ?? true} onChange={(e) => setEs({ restoreBestWeights: e.target.checked })} /> Restore best weights
            </label>
          </div>
        )}
      </div>
    </fieldset>
  );
}

function RunView({ run }: { run: Run }): React.JSX.Element {
  const last = run.last;
  const f = run.finished;
  const progress = last ? ((last.epoch - 1) * last.steps + last.step) / (last.epochs * last.steps) : 0;
  const overfit = overfittingFrom(run.epochs.map((e) => e.loss), run.epochs.map((e) => e.valLoss));
  return (
    <div className="run">
      <div className="progress" role="progressbar" aria-valuenow={Math.round(progress * 100)} data-testid="progress">
        <div className="progress-fill" style={{ width: `${(f && f.reason === 'completed' ? 1 : progress) * 100}%` }} />
      </div>
      {last && (
        <div className="small" data-testid="progress-text">
          Epoch {last.epoch}/{last.epochs} · step {formatCount(last.step)}/{formatCount(last.steps)} · loss {last.loss.toFixed(4)} · accuracy {(last.accuracy * 100).toFixed(1)}% · {formatCount(Math.round(last.samplesPerSecond))} samples/s
          {!f && ` · ETA ${formatDuration(last.etaSeconds)}`} · {run.started.backend}, {run.started.threads} thread{run.started.threads === 1 ? '' : 's'}
        </div>
      )}
      {!last && !f && <div className="small muted">Starting on {formatCount(run.started.trainSamples)} samples ({run.started.backend}, {run.started.threads} thread{run.started.threads === 1 ? '' : 's'})…</div>}
      <RunCharts run={run} />
      {overfit !== null && (
        <div className="message warning" data-testid="overfitting">
          From epoch {overfit}, val_loss rises while loss falls: the network is starting to memorise the training set (overfitting). <a href="#early-stopping">Early stopping</a> with patience would stop here and keep the best weights.
        </div>
      )}
      {run.epochs.length > 0 && (
        <table className="epochs">
          <thead>
            <tr><th>epoch</th><th>loss</th><th>accuracy</th><th>val_loss</th><th>val_accuracy</th><th>time</th></tr>
          </thead>
          <tbody>
            {run.epochs.map((e) => (
              <tr key={e.epoch} className={f?.bestEpoch === e.epoch ? 'best' : ''}>
                <td>{e.epoch}{f?.bestEpoch === e.epoch ? ' ★' : ''}</td>
                <td>{e.loss.toFixed(4)}</td>
                <td>{(e.accuracy * 100).toFixed(2)}%</td>
                <td>{e.valLoss?.toFixed(4) ?? '—'}</td>
                <td>{e.valAccuracy !== null ? `${(e.valAccuracy * 100).toFixed(2)}%` : '—'}</td>
                <td>{formatDuration(e.durationMs / 1000)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <EarlyStoppingView run={run} />
      {run.epochs.length > 0 && <ConfidenceView epoch={run.epochs[run.epochs.length - 1]} />}
      {f && <Finished run={run} />}
    </div>
  );
}

function Finished({ run }: { run: Run }): React.JSX.Element {
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
      {f.testAccuracy !== null && <ExportModel />}
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
            <th />
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

function ExportModel(): React.JSX.Element {
  const [error, setError] = useState<string | null>(null);
  const exportModel = async (): Promise<void> => {
    try {
      const files = await api.invoke('model:exportTfjs', { graph: useAppStore.getState().graph });
      download('model.json', files.modelJson, 'application/json');
      download('weights.bin', new Blob([files.weights.slice().buffer as ArrayBuffer]), 'application/octet-stream');
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div className="row">
      <button onClick={() => void exportModel()} data-testid="export-tfjs" title="model.json + weights.bin, for tf.loadLayersModel">
        Export trained model (TF.js)
      </button>
      <span className="small muted">Saving the network (Ctrl+S) keeps the trained weights in the file.</span>
      {error && <div className="message error">{error}</div>}
    </div>
  );
}

/** Paths on the machine the engine runs on (this one, for the browser host too). */
function DatasetPaths({ options, setOptions }: { options: TrainOptionsInput; setOptions(p: Partial<TrainOptionsInput>): void }): React.JSX.Element | null {
  const ds = options.dataset;
  if (ds?.kind === 'folder') {
    return (
      <label className="wide">
        Folder
        <input placeholder="/path/to/images (cats/, dogs/, ...)" value={ds.path} onChange={(e) => setOptions({ dataset: { kind: 'folder', path: e.target.value } })} />
      </label>
    );
  }
  if (ds?.kind === 'idx') {
    const field = (key: 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels', label: string) => (
      <label className="wide" key={key}>
        {label}
        <input value={ds[key] ?? ''} placeholder="/path/to/file-idx3-ubyte(.gz)" onChange={(e) => setOptions({ dataset: { ...ds, [key]: e.target.value || undefined } as never })} />
      </label>
    );
    return (
      <>
        {field('trainImages', 'Training images')}
        {field('trainLabels', 'Training labels')}
        {field('testImages', 'Test images (optional)')}
        {field('testLabels', 'Test labels (optional)')}
      </>
    );
  }
  return null;
}
