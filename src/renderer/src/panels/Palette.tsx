import { useMemo, useState } from 'react';
import type { LayerKind } from '@shared/graph/model';
import { LAYER_CATEGORIES, layerRegistry } from '@shared/layers/registry';
import { LAYER_DRAG_TYPE } from '../editor/FlowCanvas';
import { useAppStore } from '../store';
import { addLayerBelowSelection } from '../editor/actions';

/** Layer blocks grouped by category: drag onto the canvas, or double-click to add below the selection. */
export function Palette(): React.JSX.Element {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const specs = Object.values(layerRegistry).filter(
      (s) => !q || s.label.toLowerCase().includes(q) || s.description.toLowerCase().includes(q) || s.category.toLowerCase().includes(q),
    );
    return LAYER_CATEGORIES.map((category) => ({ category, specs: specs.filter((s) => s.category === category) })).filter((g) => g.specs.length > 0);
  }, [query]);
  const hasNodes = useAppStore((s) => s.graph.nodes.length > 0);

  return (
    <aside className="palette" aria-label="Layers">
      <input
        className="palette-search"
        type="search"
        placeholder="Search layers…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        aria-label="Search layers"
      />
      {/* The list scrolls on its own above the minimap, which sits at the palette's foot. */}
      <div className="palette-list">
        {groups.map((g) => (
          <section key={g.category}>
            <h2>{g.category}</h2>
            {g.specs.map((spec) => (
              <div
                key={spec.kind}
                className={`palette-item kind-${spec.kind}`}
                data-testid={`palette-${spec.kind}`}
                draggable
                role="button"
                tabIndex={0}
                title={`${spec.description}\n\nDrag onto the canvas, or double-click (Enter) to add it below the selected layer.`}
                onDragStart={(e) => {
                  e.dataTransfer.setData(LAYER_DRAG_TYPE, spec.kind);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onDoubleClick={() => addLayerBelowSelection(spec.kind as LayerKind)}
                onKeyDown={(e) => e.key === 'Enter' && addLayerBelowSelection(spec.kind as LayerKind)}
              >
                <span className="palette-swatch" />
                <span className="palette-label">{breakable(spec.label)}</span>
              </div>
            ))}
          </section>
        ))}
        {groups.length === 0 && <p className="muted">No layer matches “{query}”.</p>}
        {!hasNodes && <p className="palette-hint">Start with an Input, then add layers below it. Connect a layer’s bottom handle to the next one’s top.</p>}
      </div>
    </aside>
  );
}

/** A long name (GlobalAveragePooling2D) may wrap between its words (Global·Average·Pooling2D), never inside one. */
function breakable(label: string): React.ReactNode[] {
  return label.split(/(?<=[a-z])(?=[A-Z])/).flatMap((word, i) => (i === 0 ? [word] : [<wbr key={i} />, word]));
}
