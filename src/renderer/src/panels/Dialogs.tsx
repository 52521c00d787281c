import { useState } from 'react';
import { examples } from '@shared/examples';
import { EXAMPLE_TABLES } from '../examples/tables';
import { formatCount, formatParamsWithBytes, formatShape } from '@shared/format';
import { comparisonNetworks } from '@shared/examples/comparisons';
import { receptiveFields } from '@shared/shape/receptiveField';
import { buildSummary } from '@shared/summary';
import { EXPORT_FORMATS, EXPORT_FORMAT_INFO, exportFiles, type ExportFormat } from '@shared/interop/exports';
import { inferGraph } from '@shared/shape/infer';
import { confirmDiscard, importKerasDialog, openGraph, readShareString, shareString } from '../files/documents';
import { downloadExport } from '../files/exports';
import { SHORTCUTS } from '../editor/shortcuts';
import { useAppStore } from '../store';

function Modal({ title, children }: { title: string; children: React.ReactNode }): React.JSX.Element {
  const close = (): void => useAppStore.getState().openDialog(null);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="modal" role="dialog" aria-label={title}>
        <div className="modal-head">
          <h2>{title}</h2>
          <button className="icon" onClick={close} aria-label="Close">
            ×
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

function copyText(text: string): void {
  const notify = useAppStore.getState().notify;
  if (!navigator.clipboard) return notify('Copying needs clipboard access: select the text and press Ctrl+C.', 'error');
  navigator.clipboard.writeText(text).then(
    () => notify('Copied.'),
    () => notify('Copying needs clipboard access: select the text and press Ctrl+C.', 'error'),
  );
}

export function openExample(id: string): void {
  const example = examples.find((e) => e.id === id);
  const s = useAppStore.getState();
  if (!example) return;
  if (!confirmDiscard('Open the example? Unsaved changes to this network are lost.')) return;
  openGraph(example.graph, example.title);
  const ds = example.training?.dataset;
  // A table the example trains on travels as its text, bundled with the app.
  if (example.training) s.setOptions(ds?.kind === 'csv' && EXAMPLE_TABLES[ds.name] !== undefined ? { ...example.training, dataset: { ...ds, text: EXAMPLE_TABLES[ds.name] } } : example.training);
  // Image networks go back to MNIST from 2-D points (which their Input could not take).
  else if (s.options.dataset.kind === 'toy') s.setOptions({ dataset: { kind: 'mnist' } });
  s.openDialog(null);
}

export function ExamplesDialog(): React.JSX.Element {
  return (
    <Modal title="Examples">
      <div className="examples">
        {examples.map((e) => (
          <button key={e.id} className="example" data-testid={`example-${e.id}`} onClick={() => openExample(e.id)}>
            <strong>{e.title}</strong>
            <span className="muted">{formatCount(inferGraph(e.graph).totals.total)} params</span>
            <span className="small">{e.description}</span>
          </button>
        ))}
      </div>
    </Modal>
  );
}

export function ShortcutsDialog(): React.JSX.Element {
  return (
    <Modal title="Keyboard shortcuts">
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}

export function ShareDialog(): React.JSX.Element {
  const [text] = useState(shareString);
  const [pasted, setPasted] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Modal title="Share">
      <p className="small">Copy this string and send it; whoever pastes it into NetBuilder (Ctrl+V on the canvas) gets this network.</p>
      <textarea className="share" readOnly value={text} aria-label="Share string for this network" data-testid="share-string" onFocus={(e) => e.target.select()} />
      <div className="row">
        <button onClick={() => copyText(text)}>Copy</button>
      </div>
      <p className="small">Or paste a shared network here:</p>
      <textarea className="share" value={pasted} onChange={(e) => setPasted(e.target.value)} placeholder="nnb1:…" aria-label="Paste a shared network" data-testid="share-paste" />
      {problem && <div className="message error">{problem}</div>}
      <div className="row">
        <button
          onClick={() => {
            const r = readShareString(pasted);
            if (!r.ok) return setProblem(r.error);
            openGraph(r.value.graph, r.value.name, null, r.value.doc?.runs);
            useAppStore.getState().openDialog(null);
          }}
        >
          Open pasted network
        </button>
        <button onClick={() => void importKerasDialog().then(() => useAppStore.getState().openDialog(null))}>Import Keras / TF.js JSON…</button>
      </div>
    </Modal>
  );
}

export function ExportDialog(): React.JSX.Element {
  const graph = useAppStore((s) => s.graph);
  const name = useAppStore((s) => s.documentName);
  const options = useAppStore((s) => s.options);
  const [distribute, setDistribute] = useState(false);
  const [status, setStatus] = useState<{ format: ExportFormat; text: string; error?: boolean } | null>(null);
  const save = (format: ExportFormat): void => {
    setStatus({ format, text: 'Preparing…' });
    downloadExport(format, distribute).then(
      (files) => setStatus({ format, text: `Downloaded ${files.join(', ')}.` }),
      (err: Error) => setStatus({ format, text: err.message, error: true }),
    );
  };
  return (
    <Modal title="Export">
      <p className="small">
        The scripts train with the Training tab’s settings and, once this network is trained, carry its weights in an .npz beside them. The same files
        come from <code>netbuilder export</code>.
      </p>
      {EXPORT_FORMATS.map((format) => {
        const info = EXPORT_FORMAT_INFO[format];
        // The preview is the text file itself; weights are fetched from the engine on download.
        const preview = format === 'tfjs-model' ? null : exportFiles(format, { graph, name, options, weights: null, trained: false, distribute });
        const text = preview?.ok ? String(preview.value[0].content) : null;
        return (
          <div key={format} className="export-row" data-testid={`export-row-${format}`}>
            <strong>{info.label}</strong> <span className="small muted">{info.description}</span>
            {preview && !preview.ok ? (
              <div className="message error">{preview.error}</div>
            ) : (
              <>
                {text !== null && (
                  <pre className="code export-preview" tabIndex={0} aria-label={`${info.label}, preview`} data-testid={`export-preview-${format}`}>
                    {text}
                  </pre>
                )}
                <div className="row">
                  {text !== null && <button onClick={() => copyText(text)}>Copy</button>}
                  <button onClick={() => save(format)} data-testid={`export-${format}`}>
                    Download
                  </button>
                  {format === 'keras-python' && (
                    <label className="small">
                      <input type="checkbox" checked={distribute} onChange={(e) => setDistribute(e.target.checked)} data-testid="export-distribute" /> for several GPUs or
                      machines (tf.distribute)
                    </label>
                  )}
                </div>
                {status?.format === format && <div className={`message ${status.error ? 'error' : 'info'}`} role="status">{status.text}</div>}
              </>
            )}
          </div>
        );
      })}
    </Modal>
  );
}

function compareChoices(): { id: string; title: string; graph: import('@shared/graph/model').Graph }[] {
  return [{ id: 'current', title: 'This network', graph: useAppStore.getState().graph }, ...comparisonNetworks, ...examples.map((e) => ({ id: e.id, title: e.title, graph: e.graph }))];
}

function CompareColumn({ choice, onChange }: { choice: string; onChange(id: string): void }): React.JSX.Element {
  const options = compareChoices();
  const picked = options.find((o) => o.id === choice) ?? options[0];
  const info = inferGraph(picked.graph);
  const summary = buildSummary(picked.graph, info);
  const rf = receptiveFields(picked.graph, info);
  return (
    <div className="compare-col" data-testid={`compare-${choice}`}>
      <select value={picked.id} onChange={(e) => onChange(e.target.value)} aria-label="Network to compare">
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.title}
          </option>
        ))}
      </select>
      <table className="compare-table">
        <thead>
          <tr>
            <th>Layer</th>
            <th>Output</th>
            <th className="num">Params</th>
            <th className="num" title="Receptive field: input pixels one output value sees">RF</th>
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((r) => (
            <tr key={r.id}>
              <td>
                {r.name}
                {r.formula && <div className="formula">{r.formula}</div>}
              </td>
              <td>
                <code>{formatShape(r.outputShape)}</code>
              </td>
              <td className="num">{formatCount(r.params)}</td>
              <td className="num">{rf[r.id]?.size ? `${rf[r.id].size![0]}x${rf[r.id].size![1]}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="compare-total" data-testid="compare-total">
        Total params: <b>{formatParamsWithBytes(info.totals.total)}</b>
      </div>
    </div>
  );
}

export function CompareDialog(): React.JSX.Element {
  const [left, setLeft] = useState('one-8x8');
  const [right, setRight] = useState('four-2x2');
  return (
    <Modal title="Compare networks">
      <p className="small muted">Shapes, parameter counts and receptive fields side by side: one 8x8 kernel against four stacked 2x2, valid against same padding, or this network against an example.</p>
      <div className="compare">
        <CompareColumn choice={left} onChange={setLeft} />
        <CompareColumn choice={right} onChange={setRight} />
      </div>
    </Modal>
  );
}
