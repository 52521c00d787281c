import { useEffect, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import type { AppInfo } from '@shared/ipc';
import type { EngineInfo } from '@shared/ipc/training';
import { formatParamsWithBytes } from '@shared/format';
import { api } from './host';
import { FlowCanvas } from './editor/FlowCanvas';
import { ContextMenu } from './editor/ContextMenu';
import { runCommand, useEditorShortcuts } from './editor/shortcuts';
import { discardAutosave, openRecent, readAutosave, recentFiles, restoreAutosave, type Autosave } from './files/documents';
import type { RecentEntry } from './host';
import { Palette } from './panels/Palette';
import { Inspector } from './panels/Inspector';
import { SummaryPanel } from './panels/SummaryPanel';
import { CompareDialog, ExamplesDialog, ExportDialog, ShareDialog, ShortcutsDialog, openExample } from './panels/Dialogs';
import { TrainingPanel } from './training/TrainingPanel';
import { MapsPanel } from './maps/MapsPanel';
import { selectDirty, selectTrainingProblem, useAppStore, type DockTab } from './store';

const TABS: [DockTab, string][] = [
  ['inspector', 'Inspector'],
  ['summary', 'Summary'],
  ['training', 'Training'],
  ['maps', 'Maps'],
];

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
  const { fitView } = useReactFlow();
  useEditorShortcuts();
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  useEffect(() => {
    const fit = (): void => void setTimeout(() => void fitView({ maxZoom: 1, padding: 0.2, duration: 200 }), 30);
    window.addEventListener('netbuilder:fit', fit);
    return () => window.removeEventListener('netbuilder:fit', fit);
  }, [fitView]);
  return (
    <div className="app">
      <Toolbar />
      <RecoveryBanner />
      <div className="workspace">
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

function Toolbar(): React.JSX.Element {
  const name = useAppStore((s) => s.documentName);
  const dirty = useAppStore(selectDirty);
  const canUndo = useAppStore((s) => s.past.length > 0);
  const canRedo = useAppStore((s) => s.future.length > 0);
  const theme = useAppStore((s) => s.theme);
  const s = useAppStore.getState;
  return (
    <header className="toolbar">
      <h1 className="brand">NetBuilder</h1>
      <span className="doc-name" data-testid="doc-name">
        {name}
        {dirty && <span title="Unsaved changes"> •</span>}
      </span>
      <div className="toolbar-group">
        <button onClick={() => runCommand('new')} title="New (Ctrl+N)">New</button>
        <button onClick={() => runCommand('open')} title="Open (Ctrl+O)">Open</button>
        <button onClick={() => runCommand('save')} title="Save (Ctrl+S)" data-testid="save">Save</button>
        <button onClick={() => runCommand('saveAs')} title="Save As (Ctrl+Shift+S)">Save As</button>
        <RecentMenu />
      </div>
      <div className="toolbar-group">
        <button onClick={() => runCommand('undo')} disabled={!canUndo} title="Undo (Ctrl+Z)" data-testid="undo">Undo</button>
        <button onClick={() => runCommand('redo')} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)" data-testid="redo">Redo</button>
      </div>
      <div className="toolbar-group">
        <button onClick={() => runCommand('layout')} title="Auto layout (Ctrl+L)">Layout</button>
        <button onClick={() => runCommand('fit')} title="Fit view (Ctrl+0)">Fit</button>
      </div>
      <div className="toolbar-group">
        <button onClick={() => s().openDialog('examples')} data-testid="open-examples">Examples</button>
        <button onClick={() => s().openDialog('share')}>Share / Import</button>
        <button onClick={() => s().openDialog('export')}>Export</button>
        <button onClick={() => s().openDialog('compare')} data-testid="open-compare">Compare</button>
      </div>
      <div className="toolbar-spacer" />
      <button onClick={() => s().openDialog('shortcuts')} title="Keyboard shortcuts (?)">?</button>
      <button onClick={() => s().setTheme(theme === 'dark' ? 'light' : 'dark')} title="Switch theme" data-testid="theme">
        {theme === 'dark' ? 'Light' : 'Dark'}
      </button>
    </header>
  );
}

function RecentMenu(): React.JSX.Element {
  const [entries, setEntries] = useState<RecentEntry[] | null>(null);
  return (
    <div className="menu">
      <button onClick={() => (entries ? setEntries(null) : void recentFiles().then(setEntries, () => setEntries([])))} data-testid="recent" aria-expanded={!!entries}>
        Recent ▾
      </button>
      {entries && (
        <div className="menu-list" role="menu" onMouseLeave={() => setEntries(null)}>
          {entries.length === 0 && <div className="muted small menu-empty">No recent networks yet.</div>}
          {entries.map((e) => (
            <button key={e.label} role="menuitem" onClick={() => (setEntries(null), void openRecent(e))}>
              {e.label}
              {e.at > 0 && <span className="muted small"> · {new Date(e.at).toLocaleString()}</span>}
            </button>
          ))}
        </div>
      )}
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

function Dock(): React.JSX.Element {
  const tab = useAppStore((s) => s.dockTab);
  return (
    <aside className="dock">
      <nav className="tabs" role="tablist">
        {TABS.map(([id, label]) => (
          <button key={id} role="tab" aria-selected={tab === id} className={tab === id ? 'active' : ''} onClick={() => useAppStore.getState().setDockTab(id)} data-testid={`tab-${id}`}>
            {label}
          </button>
        ))}
      </nav>
      <div className="dock-body">
        {tab === 'inspector' && <Inspector />}
        {tab === 'summary' && <SummaryPanel />}
        {tab === 'training' && <TrainingPanel />}
        {tab === 'maps' && <MapsPanel />}
      </div>
    </aside>
  );
}

function StatusBar(): React.JSX.Element {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [engine, setEngine] = useState<EngineInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const totals = useAppStore((s) => s.info.totals.total);
  const problem = useAppStore(selectTrainingProblem);
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
        <span className={`status-train ${problem ? 'error' : ''}`} title={problem ?? undefined} data-testid="status-train">
          {problem ? `not ready: ${problem}` : 'ready to train'}
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
