import { useEffect, useRef, useState } from 'react';
import { runCommand } from '../editor/shortcuts';
import { openRecent, recentFiles } from '../files/documents';
import type { RecentEntry } from '../host';
import { selectDirty, useAppStore } from '../store';

interface Item {
  label: string;
  run(): void;
  title?: string;
  testId?: string;
}

const dialog = (d: Parameters<ReturnType<typeof useAppStore.getState>['openDialog']>[0]) => () => useAppStore.getState().openDialog(d);

/** The toolbar's commands in groups: buttons on wide windows, one menu per group on narrow ones. */
const GROUPS: { menu: string; items: Item[] }[] = [
  {
    menu: 'File',
    items: [
      { label: 'New', run: () => runCommand('new'), title: 'New (Ctrl+N)' },
      { label: 'Open', run: () => runCommand('open'), title: 'Open (Ctrl+O)' },
      { label: 'Save', run: () => runCommand('save'), title: 'Save (Ctrl+S)', testId: 'save' },
      { label: 'Save As', run: () => runCommand('saveAs'), title: 'Save As (Ctrl+Shift+S)' },
    ],
  },
  {
    menu: 'View',
    items: [
      { label: 'Layout', run: () => runCommand('layout'), title: 'Auto layout (Ctrl+L)' },
      { label: 'Fit', run: () => runCommand('fit'), title: 'Fit view (Ctrl+0)' },
    ],
  },
  {
    menu: 'Network',
    items: [
      { label: 'Examples', run: dialog('examples'), testId: 'open-examples' },
      { label: 'Share / Import', run: dialog('share') },
      { label: 'Export', run: dialog('export') },
      { label: 'Compare', run: dialog('compare'), testId: 'open-compare' },
    ],
  },
];

export function Toolbar(): React.JSX.Element {
  const name = useAppStore((s) => s.documentName);
  const dirty = useAppStore(selectDirty);
  const canUndo = useAppStore((s) => s.past.length > 0);
  const canRedo = useAppStore((s) => s.future.length > 0);
  const theme = useAppStore((s) => s.theme);
  const s = useAppStore.getState;
  const [file, view, network] = GROUPS;
  return (
    <header className="toolbar">
      <h1 className="brand">NetBuilder</h1>
      <span className="doc-name" data-testid="doc-name" title={name}>
        {name}
        {dirty && <span title="Unsaved changes"> •</span>}
      </span>
      <div className="toolbar-group toolbar-wide">
        <Buttons items={file.items} />
        <RecentMenu />
      </div>
      <div className="toolbar-group toolbar-narrow">
        <Menu label={file.menu} items={file.items} withRecent />
      </div>
      <div className="toolbar-group">
        <button onClick={() => runCommand('undo')} disabled={!canUndo} title="Undo (Ctrl+Z)" data-testid="undo">Undo</button>
        <button onClick={() => runCommand('redo')} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)" data-testid="redo">Redo</button>
      </div>
      {[view, network].map((g) => (
        <div key={g.menu} className="toolbar-group-pair">
          <div className="toolbar-group toolbar-wide">
            <Buttons items={g.items} />
          </div>
          <div className="toolbar-group toolbar-narrow">
            <Menu label={g.menu} items={g.items} />
          </div>
        </div>
      ))}
      <div className="toolbar-spacer" />
      <button onClick={() => s().openDialog('shortcuts')} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">?</button>
      <button onClick={() => s().setTheme(theme === 'dark' ? 'light' : 'dark')} title="Switch theme" data-testid="theme">
        {theme === 'dark' ? 'Light' : 'Dark'}
      </button>
    </header>
  );
}

function Buttons({ items }: { items: Item[] }): React.JSX.Element {
  return (
    <>
      {items.map((i) => (
        <button key={i.label} onClick={i.run} title={i.title} data-testid={i.testId}>
          {i.label}
        </button>
      ))}
    </>
  );
}

/** A drop-down menu that closes on a choice, a click elsewhere or Escape. */
function Menu({ label, items, withRecent = false }: { label: string; items: Item[]; withRecent?: boolean }): React.JSX.Element {
  const [open, setOpen] = useState(false);
  const [recent, setRecent] = useState<RecentEntry[]>([]);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    if (withRecent) void recentFiles().then(setRecent, () => setRecent([]));
    const close = (e: Event): void => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', close);
    };
  }, [open, withRecent]);
  const choose = (f: () => void) => () => {
    setOpen(false);
    f();
  };
  return (
    <div className="menu" ref={ref}>
      <button onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-haspopup="menu" data-testid={`menu-${label.toLowerCase()}`}>
        {label} ▾
      </button>
      {open && (
        <div className="menu-list" role="menu" aria-label={label}>
          {items.map((i) => (
            <button key={i.label} role="menuitem" onClick={choose(i.run)} title={i.title}>
              {i.label}
            </button>
          ))}
          {withRecent && recent.length > 0 && <div className="muted small menu-empty">Recent</div>}
          {withRecent &&
            recent.map((e) => (
              <button key={e.label} role="menuitem" onClick={choose(() => void openRecent(e))}>
                {e.label}
              </button>
            ))}
        </div>
      )}
    </div>
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
