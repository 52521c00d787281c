import { useEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import type { AppInfo } from '@shared/ipc';
import type { EngineInfo } from '@shared/ipc/training';
import { formatParamsWithBytes } from '@shared/format';
import { api } from './host';
import { FlowCanvas } from './editor/FlowCanvas';
import { ContextMenu } from './editor/ContextMenu';
import { useEditorShortcuts } from './editor/shortcuts';
import { useViewFit } from './editor/viewFit';
import { discardAutosave, readAutosave, restoreAutosave, type Autosave } from './files/documents';
import { Toolbar } from './panels/Toolbar';
import { Palette } from './panels/Palette';
import { Dock } from './panels/Dock';
import { CompareDialog, ExamplesDialog, ExportDialog, ShareDialog, ShortcutsDialog, openExample } from './panels/Dialogs';
import { selectEngineStopped, selectTrainingProblem, selectTrainingStatus, useAppStore } from './store';

export function App(): React.JSX.Element {
  return (
    <ReactFlowProvider>
      <Shell />
    </ReactFlowProvider>
  );
}

function Shell(): React.JSX.Element {
  const theme = useAppStore((s) => s.theme);
  const dialog = useAppStore((s) => s.dialog);
  const dockWidth = useAppStore((s) => s.dockWidth);
  const dockExpanded = useAppStore((s) => s.dockExpanded);
  useEditorShortcuts();
  useViewFit();
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  return (
    <div className="app">
      <Toolbar />
      <RecoveryBanner />
      <div className={`workspace${dockExpanded ? ' dock-expanded' : ''}`} style={{ ['--dock-w' as string]: `${dockWidth}px` }}>
        <Palette />
        <main className="canvas" aria-label="Canvas">
          <FlowCanvas />
          <Welcome />
        </main>
        <Dock />
      </div>
      <StatusBar />
      <Toasts />
      <ContextMenu />
      {dialog === 'examples' && <ExamplesDialog />}
      {dialog === 'shortcuts' && <ShortcutsDialog />}
      {dialog === 'share' && <ShareDialog />}
      {dialog === 'export' && <ExportDialog />}
      {dialog === 'compare' && <CompareDialog />}
    </div>
  );
}

function RecoveryBanner(): React.JSX.Element | null {
  const [entry, setEntry] = useState<Autosave | null>(() => readAutosave());
  if (!entry) return null;
  const when = new Date(entry.savedAt).toLocaleString();
  return (
    <div className="banner" data-testid="recovery">
      NetBuilder found unsaved work on “{entry.name}” from {when}.
      <button onClick={() => (restoreAutosave(entry), setEntry(null))}>Restore it</button>
      <button onClick={() => (discardAutosave(), setEntry(null))}>Discard</button>
    </div>
  );
}

function Welcome(): React.JSX.Element | null {
  const empty = useAppStore((s) => s.graph.nodes.length === 0);
  if (!empty) return null;
  return (
    <div className="welcome">
      <h2>Build a network</h2>
      <p>Drag an <b>Input</b> from the palette onto the canvas, then add layers (double-click a block to add it below the selected one). Every layer shows its output shape and parameter count as Keras would.</p>
      <p>Or start from an example:</p>
      <div className="row">
        <button onClick={() => openExample('mnist-cnn')} data-testid="welcome-cnn">MNIST CNN</button>
        <button onClick={() => openExample('mnist-mlp')}>MNIST MLP</button>
        <button onClick={() => openExample('spiral')} data-testid="welcome-spiral">Spiral (2-D points)</button>
        <button onClick={() => useAppStore.getState().openDialog('examples')}>More…</button>
      </div>
    </div>
  );
}

function StatusBar(): React.JSX.Element {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [engine, setEngine] = useState<EngineInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const totals = useAppStore((s) => s.info.totals.total);
  const problem = useAppStore(selectTrainingProblem);
  const training = useAppStore(selectTrainingStatus);
  const engineStopped = useAppStore(selectEngineStopped);
  const layers = useAppStore((s) => s.graph.nodes.length);
  useEffect(() => {
    api.invoke('app:info', {}).then(setInfo, (e: Error) => setError(e.message));
    api.invoke('engine:info', {}).then(setEngine, () => undefined);
  }, []);
  return (
    <footer className="statusbar" data-testid="statusbar">
      <span data-testid="status-totals">
        {layers} layer{layers === 1 ? '' : 's'} · {formatParamsWithBytes(totals)} params
      </span>
      {layers > 0 && (
        <span
          className={`status-train ${!training && (problem || engineStopped) ? 'error' : ''}`}
          title={training ? undefined : (engineStopped ?? problem ?? undefined)}
          data-testid="status-train"
        >
          {training ?? engineStopped ?? (problem ? `not ready: ${problem}` : 'ready to train')}
        </span>
      )}
      <span className="toolbar-spacer" />
      {engine && (
        <span title={engine.reason} data-testid="status-backend">
          backend: {engine.backend}
          {engine.nativeHint && <span className="muted" title={engine.nativeHint}> · native: npm run setup:native</span>}
        </span>
      )}
      {error ? (
        <span className="error">{error}</span>
      ) : info ? (
        <span data-testid="engine-info">
          {info.name} {info.version} · {info.host} host · node {info.versions['node']}
        </span>
      ) : (
        <span>Connecting to the engine…</span>
      )}
    </footer>
  );
}

function Toasts(): React.JSX.Element {
  const toasts = useAppStore((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.kind}`} data-testid="toast" onClick={() => useAppStore.getState().dismiss(t.id)}>
          {t.text}
        </div>
      ))}
    </div>
  );
}
