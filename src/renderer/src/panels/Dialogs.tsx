import { useState } from 'react';
import { examples } from '@shared/examples';
import { formatCount } from '@shared/format';
import { toKerasJson, toKerasPython, toTfjsCode } from '@shared/interop';
import { inferGraph } from '@shared/shape/infer';
import { download, importKerasDialog, openGraph, readShareString, shareString } from '../files/documents';
import { SHORTCUTS } from '../editor/shortcuts';
import { selectDirty, useAppStore } from '../store';

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

export function openExample(id: string): void {
  const example = examples.find((e) => e.id === id);
  const s = useAppStore.getState();
  if (!example) return;
  if (selectDirty(s) && !window.confirm('Open the example? Unsaved changes to this network are lost.')) return;
  openGraph(example.graph, example.title);
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
      <textarea className="share" readOnly value={text} data-testid="share-string" onFocus={(e) => e.target.select()} />
      <div className="row">
        <button onClick={() => void navigator.clipboard?.writeText(text).then(() => useAppStore.getState().notify('Copied.'))}>Copy</button>
      </div>
      <p className="small">Or paste a shared network here:</p>
      <textarea className="share" value={pasted} onChange={(e) => setPasted(e.target.value)} placeholder="nnb1:…" data-testid="share-paste" />
      {problem && <div className="message error">{problem}</div>}
      <div className="row">
        <button
          onClick={() => {
            const r = readShareString(pasted);
            if (!r.ok) return setProblem(r.error);
            openGraph(r.value.graph, r.value.name);
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
              <pre className="code">{o.result.value.slice(0, 1200)}</pre>
              <button onClick={() => o.result.ok && download(o.file, o.result.value, o.type)}>Download {o.file}</button>
            </>
          ) : (
            <div className="message error">{o.result.error}</div>
          )}
        </div>
      ))}
    </Modal>
  );
}
