// "Explain the numbers": one layer of the learner's network for the image the feature maps show,
// step by step. Opened by clicking a map pixel (that unit) or a layer's Explain button.
import { useEffect, useMemo, useState } from 'react';
import type { Graph, LayerNode } from '@shared/graph/model';
import type { MapsReply } from '@shared/ipc/maps';
import { inputOf, type Tensor3 } from '@shared/explain';
import { getSpec } from '@shared/layers/registry';
import { useAppStore } from '../store';
import { ConvView } from './ConvView';
import { DenseView } from './DenseView';
import { OptimizerView } from './OptimizerView';
import { PoolView } from './PoolView';
import type { Position } from './stepper';
import './explain.css';

export type ExplainTarget = { layerId: string; at: Position } | { layerId: 'optimizer'; at: Position };

const EXPLAINED = new Set<LayerNode['kind']>(['conv2d', 'maxPooling2d', 'averagePooling2d', 'dense']);

export function explainable(kind: LayerNode['kind']): boolean {
  return EXPLAINED.has(kind);
}

export function ExplainDialog({ reply, graph, target, onClose }: { reply: MapsReply; graph: Graph; target: ExplainTarget; onClose(): void }): React.JSX.Element {
  const [layerId, setLayerId] = useState(target.layerId);
  const [positions, setPositions] = useState<Record<string, Position>>({ [target.layerId]: target.at });
  useEffect(() => {
    setLayerId(target.layerId);
    setPositions((p) => ({ ...p, [target.layerId]: target.at }));
  }, [target]);
  useEffect(() => {
    const key = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, [onClose]);
  const batchSize = useAppStore((s) => s.options.batchSize);
  const nodes = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const layers = reply.layers.filter((l) => explainable(l.kind));
  const index = reply.layers.findIndex((l) => l.id === layerId);
  const layer = reply.layers[index];
  const node = layer ? nodes.get(layer.id) : undefined;
  const at = positions[layerId] ?? { row: 0, col: 0, channel: 0 };
  const setAt = (p: Position) => setPositions((s) => ({ ...s, [layerId]: p }));
  const input = layer ? inputOf(reply.layers, reply.input, index) : null;

  let body: React.JSX.Element;
  if (layerId === 'optimizer') body = <OptimizerView graph={graph} />;
  else if (!layer || !node || !input) body = <p className="message error">This layer is not in the feature maps any more: the network changed.</p>;
  else if (node.kind === 'conv2d') body = <ConvView node={node} layer={layer} input={input as Tensor3} at={at} onAt={setAt} />;
  else if (node.kind === 'maxPooling2d' || node.kind === 'averagePooling2d') body = <PoolView node={node} layer={layer} input={input as Tensor3} at={at} onAt={setAt} />;
  else if (node.kind === 'dense') body = <DenseView key={layer.id} node={node} layer={layer} input={input} label={reply.label} classNames={reply.classNames} batchSize={batchSize} />;
  else body = <p>{node.name} has nothing to explain step by step.</p>;

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal explain" role="dialog" aria-label="Explain the numbers" data-testid="explain-dialog">
        <div className="modal-head">
          <h2>
            Explain the numbers{' '}
            <span className="muted small">
              {reply.label !== null ? `test image #${reply.testIndex}, label ${reply.classNames[reply.label]}` : 'your drawing'}, {reply.weights} weights
            </span>
          </h2>
          <button onClick={onClose} aria-label="Close" data-testid="explain-close">
            ✕
          </button>
        </div>
        <nav className="explain-tabs" role="tablist">
          {layers.map((l) => (
            <button key={l.id} role="tab" aria-selected={l.id === layerId} className={l.id === layerId ? 'active' : ''} onClick={() => setLayerId(l.id)} data-testid={`explain-tab-${l.name}`}>
              {l.name} · {getSpec(l.kind).label}
            </button>
          ))}
          <button role="tab" aria-selected={layerId === 'optimizer'} className={layerId === 'optimizer' ? 'active' : ''} onClick={() => setLayerId('optimizer')} data-testid="explain-tab-optimizer">
            Optimizer
          </button>
        </nav>
        {body}
      </div>
    </div>
  );
}
