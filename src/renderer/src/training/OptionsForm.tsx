// The training options, as the person sets them before a run.
import { EarlyStoppingSchema, LOSSES, MONITORS, OPTIMIZERS, TrainOptionsSchema, type TrainOptions } from '@shared/training/options';
import { formatCount } from '@shared/format';
import { ValueField } from '../components/ValueField';
import { ToyOptions, toyDefaults } from './ToyOptions';
import { CsvOptions, chooseCsv } from './CsvOptions';

const shape = TrainOptionsSchema.shape;
const esShape = EarlyStoppingSchema.shape;

export function OptionsForm({ options, setOptions, disabled }: { options: TrainOptions; setOptions(p: Partial<TrainOptions>): void; disabled: boolean }): React.JSX.Element {
  const es = options.earlyStopping;
  const setEs = (p: Partial<TrainOptions['earlyStopping']>): void => setOptions({ earlyStopping: { ...es, ...p } });
  return (
    <fieldset className="train-options" disabled={disabled}>
      <label className="wide">
        Data set
        <select
          value={options.dataset.kind}
          onChange={(e) => {
            const kind = e.target.value;
            if (kind === 'idx') setOptions({ dataset: { kind: 'idx', trainImages: '', trainLabels: '' } });
            else if (kind === 'folder') setOptions({ dataset: { kind: 'folder', path: '' } });
            // Toy data is sized by its points per class, not by a limit on a fixed set.
            else if (kind === 'toy') setOptions({ dataset: toyDefaults('spiral'), trainLimit: null });
            else if (kind === 'csv') void chooseCsv(setOptions, options);
            else setOptions({ dataset: { kind: kind as 'mnist' } });
          }}
          data-testid="dataset"
        >
          <option value="mnist">MNIST digits</option>
          <option value="fashion-mnist">Fashion-MNIST</option>
          <option value="idx">Your idx files</option>
          <option value="folder">Image folder (one sub-folder per class)</option>
          <option value="toy">Toy 2-D points (spiral, circles, XOR, blobs, moons)</option>
          <option value="csv">CSV table (classification or regression)</option>
        </select>
      </label>
      <DatasetPaths options={options} setOptions={setOptions} />
      {options.dataset.kind !== 'toy' && options.dataset.kind !== 'csv' && <label>
        Samples
        <select data-testid="train-limit" value={String(options.trainLimit ?? 'all')} onChange={(e) => setOptions({ trainLimit: e.target.value === 'all' ? null : Number(e.target.value) })}>
          {[1000, 2000, 5000, 10000, 30000].map((n) => (
            <option key={n} value={n}>{formatCount(n)}</option>
          ))}
          <option value="all">all (60,000)</option>
        </select>
      </label>}
      <label>
        Epochs
        <ValueField id="epochs" kind="int" value={options.epochs} schema={shape.epochs} onApply={(epochs) => setOptions({ epochs })} />
      </label>
      <label>
        Batch size
        <ValueField id="batch-size" kind="int" value={options.batchSize} schema={shape.batchSize} onApply={(batchSize) => setOptions({ batchSize })} />
      </label>
      <label>
        Validation split
        <ValueField id="validation-split" kind="float" value={options.validationSplit} schema={shape.validationSplit} onApply={(validationSplit) => setOptions({ validationSplit })} />
      </label>
      <label>
        Optimizer
        <select value={options.optimizer} onChange={(e) => setOptions({ optimizer: e.target.value as TrainOptions['optimizer'] })} data-testid="optimizer">
          {OPTIMIZERS.map((o) => <option key={o}>{o}</option>)}
        </select>
      </label>
      <label>
        Learning rate
        <ValueField id="learning-rate" kind="float" value={options.learningRate} schema={shape.learningRate} onApply={(learningRate) => setOptions({ learningRate })} />
      </label>
      {options.optimizer === 'sgd' && (
        <label>
          Momentum
          <ValueField id="momentum" kind="float" value={options.momentum} schema={shape.momentum} onApply={(momentum) => setOptions({ momentum })} />
        </label>
      )}
      <label>
        Loss
        <select value={options.loss} onChange={(e) => setOptions({ loss: e.target.value as TrainOptions['loss'] })}>
          {LOSSES.map((l) => <option key={l}>{l}</option>)}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={options.shuffle} onChange={(e) => setOptions({ shuffle: e.target.checked })} /> Shuffle each epoch
      </label>
      <div className="es" id="early-stopping">
        <label className="check">
          <input type="checkbox" checked={es.enabled} onChange={(e) => setEs({ enabled: e.target.checked })} data-testid="early-stopping" /> Early stopping
        </label>
        {es.enabled && (
          <div className="es-fields">
            <label>
              Monitor
              <select value={es.monitor} onChange={(e) => setEs({ monitor: e.target.value as TrainOptions['earlyStopping']['monitor'] })}>
                {MONITORS.map((m) => <option key={m}>{m}</option>)}
              </select>
            </label>
            <label>
              Patience
              <ValueField id="patience" kind="int" value={es.patience} schema={esShape.patience} onApply={(patience) => setEs({ patience })} />
            </label>
            <label>
              min_delta
              <ValueField id="min-delta" kind="float" value={es.minDelta} schema={esShape.minDelta} onApply={(minDelta) => setEs({ minDelta })} />
            </label>
            <label className="check">
              <input type="checkbox" checked={es.restoreBestWeights} onChange={(e) => setEs({ restoreBestWeights: e.target.checked })} /> Restore best weights
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
  if (ds.kind === 'toy') return <ToyOptions spec={ds} setOptions={setOptions} />;
  if (ds.kind === 'csv') return <CsvOptions spec={ds} options={options} setOptions={setOptions} />;
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
