// The training options, as the person sets them before a run.
import { LOSSES, MONITORS, OPTIMIZERS, type TrainOptions } from '@shared/ipc/training';
import { formatCount } from '@shared/format';

function num(v: string): number {
  return v.trim() === '' ? NaN : Number(v);
}

export function OptionsForm({ options, setOptions, disabled }: { options: TrainOptions; setOptions(p: Partial<TrainOptions>): void; disabled: boolean }): React.JSX.Element {
  const es = options.earlyStopping ?? { enabled: false };
  const setEs = (p: object): void => setOptions({ earlyStopping: { ...es, ...p } as TrainOptions['earlyStopping'] });
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


/** Paths on the machine the engine runs on (this one, for the browser host too). */
function DatasetPaths({ options, setOptions }: { options: TrainOptions; setOptions(p: Partial<TrainOptions>): void }): React.JSX.Element | null {
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
