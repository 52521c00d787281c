import { useState } from 'react';
import { examples } from '@shared/examples';
import { formatCount, formatParamsWithBytes, formatShape } from '@shared/format';
import { comparisonNetworks } from '@shared/examples/comparisons';
import { receptiveFields } from '@shared/shape/receptiveField';
import { buildSummary } from '@shared/summary';
import { toKerasJson, toKerasPython, toTfjsCode, toTfjsModelJson } from '@shared/interop';
import { inferGraph } from '@shared/shape/infer';
import { confirmDiscard, importKerasDialog, openGraph, readShareString, shareString } from '../files/documents';
import { host } from '../host';
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
  if (example.training) s.setOptions(example.training);
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
            openGraph(r.value.graph, r.value.name, null, r.value.runs);
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
  const outputs = [
    { label: 'Keras JSON (model_from_json)', file: `${name}.keras.json`, result: toKerasJson(graph), type: 'application/json' },
    { label: 'TF.js model.json (untrained; train, then export from the Training tab for weights)', file: 'model.json', result: toTfjsModelJson(graph), type: 'application/json' },
    { label: 'Python Keras code', file: `${name}.py`, result: toKerasPython(graph), type: 'text/x-python' },
    { label: 'TensorFlow.js code', file: `${name}.js`, result: toTfjsCode(graph), type: 'text/javascript' },
  ];
  return (
    <Modal title="Export">
      {outputs.map((o) => (
        <div key={o.label} className="export-row">
          <strong>{o.label}</strong>
          {o.result.ok ? (
            <>
              <pre className="code export-preview" tabIndex={0} aria-label={`${o.label}, preview`} data-testid={`export-preview-${o.file}`}>{o.result.value}</pre>
              <div className="row">
                <button onClick={() => o.result.ok && copyText(o.result.value)}>Copy</button>
                <button onClick={() => o.result.ok && host.download(o.file, o.result.value, o.type)}>Download {o.file}</button>
                <span className="small muted">{o.result.value.length.toLocaleString('en-US')} characters</span>
              </div>
            </>
          ) : (
            <div className="message error">{o.result.error}</div>
          )}
        </div>
      ))}
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
