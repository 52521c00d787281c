import { useRef } from 'react';
import { Inspector } from './Inspector';
import { SummaryPanel } from './SummaryPanel';
import { TrainingPanel } from '../training/TrainingPanel';
import { MapsPanel } from '../maps/MapsPanel';
import { DOCK_MIN_WIDTH, useAppStore, type DockTab } from '../store';

const TABS: [DockTab, string][] = [
  ['inspector', 'Inspector'],
  ['summary', 'Summary'],
  ['training', 'Training'],
  ['maps', 'Maps'],
];

/** The side dock: tabs, a handle to resize it, and a button to widen it over the whole workspace. */
export function Dock(): React.JSX.Element {
  const tab = useAppStore((s) => s.dockTab);
  const expanded = useAppStore((s) => s.dockExpanded);
  const width = useAppStore((s) => s.dockWidth);
  const s = useAppStore.getState;
  return (
    <aside className="dock" aria-label="Dock">
      {!expanded && <ResizeHandle width={width} />}
      <nav className="tabs">
        {/* A tablist may hold only tabs; the expand button sits beside it. */}
        <div className="tab-list" role="tablist">
          {TABS.map(([id, label]) => (
            <button key={id} role="tab" aria-selected={tab === id} className={tab === id ? 'active' : ''} onClick={() => s().setDockTab(id)} data-testid={`tab-${id}`}>
              {label}
            </button>
          ))}
        </div>
        <button
          className="dock-expand"
          onClick={() => s().setDockExpanded(!expanded)}
          title={expanded ? 'Back to the canvas' : 'Open this panel in a larger view'}
          aria-label={expanded ? 'Back to the canvas' : 'Larger view'}
          aria-pressed={expanded}
          data-testid="dock-expand"
        >
          {expanded ? '⤡' : '⤢'}
        </button>
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

/** Drag (or use the arrow keys on) the dock's left edge to make it wider or narrower. */
function ResizeHandle({ width }: { width: number }): React.JSX.Element {
  const start = useRef<{ x: number; width: number } | null>(null);
  const setWidth = (w: number): void => useAppStore.getState().setDockWidth(w);
  return (
    <div
      className="dock-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the dock"
      aria-valuenow={width}
      aria-valuemin={DOCK_MIN_WIDTH}
      tabIndex={0}
      data-testid="dock-resize"
      onPointerDown={(e) => {
        start.current = { x: e.clientX, width };
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => start.current && setWidth(start.current.width + start.current.x - e.clientX)}
      onPointerUp={() => (start.current = null)}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') setWidth(width + 40);
        if (e.key === 'ArrowRight') setWidth(width - 40);
      }}
    />
  );
}
