import { useEffect, useRef, useState } from 'react';
import type { LayerKind } from '@shared/graph/model';
import { layerRegistry } from '@shared/layers/registry';
import { useAppStore } from '../store';
import { duplicateSelection } from './actions';

/** The right-click menu on a layer or a connection. */
export function ContextMenu(): React.JSX.Element | null {
  const menu = useAppStore((s) => s.contextMenu);
  const ref = useRef<HTMLDivElement>(null);
  const [inserting, setInserting] = useState(false);
  useEffect(() => setInserting(false), [menu]);
  useEffect(() => {
    if (!menu) return;
    const close = (e: Event): void => {
      if (e instanceof KeyboardEvent && e.key !== 'Escape') return;
      if (e instanceof MouseEvent && ref.current?.contains(e.target as Node)) return;
      useAppStore.getState().openContextMenu(null);
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', close);
    window.addEventListener('resize', close);
    ref.current?.querySelector('button')?.focus();
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', close);
      window.removeEventListener('resize', close);
    };
  }, [menu]);
  if (!menu) return null;

  const s = useAppStore.getState;
  const run = (f: () => void) => () => {
    f();
    s().openContextMenu(null);
  };
  const { target } = menu;
  // Keep the menu inside the window.
  const style = { left: Math.min(menu.x, window.innerWidth - 230), top: Math.min(menu.y, window.innerHeight - (inserting ? 360 : 150)) };

  return (
    <div className="context-menu" role="menu" ref={ref} style={style} data-testid="context-menu" aria-label={target.kind === 'layer' ? 'Layer' : 'Connection'}>
      {target.kind === 'layer' ? (
        <>
          <button role="menuitem" onClick={run(() => duplicateSelection())}>Duplicate <kbd>Ctrl+D</kbd></button>
          <button role="menuitem" onClick={run(() => s().disconnectLayer(target.id))}>Disconnect</button>
          <button role="menuitem" onClick={run(() => s().removeSelection())}>Delete <kbd>Del</kbd></button>
        </>
      ) : inserting ? (
        <>
          <div className="context-menu-title">Insert into this connection</div>
          {Object.values(layerRegistry)
            .filter((spec) => spec.kind !== 'input')
            .map((spec) => (
              <button
                key={spec.kind}
                role="menuitem"
                data-testid={`insert-${spec.kind}`}
                onClick={run(() => {
                  const problem = s().insertLayer(target.id, spec.kind as LayerKind);
                  if (problem) s().notify(problem, 'error');
                })}
              >
                {spec.label}
              </button>
            ))}
        </>
      ) : (
        <>
          <button role="menuitem" onClick={() => setInserting(true)}>Insert a layer ▸</button>
          <button role="menuitem" onClick={run(() => s().removeConnections([target.id]))}>Disconnect <kbd>Del</kbd></button>
        </>
      )}
    </div>
  );
}
