import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { formatCount, formatShape } from '@shared/format';
import { getSpec, isLayerKind } from '@shared/layers/registry';
import { useAppStore } from '../../store';
import type { LayerFlowNode } from '../flowTypes';

/** One layer on the canvas: kind, key params, output shape and parameter count, or its error. */
function LayerNodeCard({ id, selected }: NodeProps<LayerFlowNode>): React.JSX.Element | null {
  const node = useAppStore((s) => s.graph.nodes.find((n) => n.id === id));
  // Primitive fields only, so an edit elsewhere does not re-render this card.
  const view = useAppStore(
    useShallow((s) => {
      const info = s.info.nodes[id];
      return {
        shape: info?.outputShape ? formatShape(info.outputShape) : null,
        // Unknown until the layer knows its input shape: "?" rather than a wrong 0.
        params: info?.outputShape ? info.params.total : null,
        error: info?.errors[0] ?? null,
        warning: info?.warnings[0] ?? null,
      };
    }),
  );
  if (!node || !isLayerKind(node.kind)) return null;
  const spec = getSpec(node.kind);
  const detail = spec.describe(node.params as never);
  const state = view.error ? 'error' : view.warning ? 'warning' : 'ok';
  return (
    <div
      className={`layer-node kind-${node.kind} state-${state}${selected ? ' selected' : ''}${node.trainable === false ? ' frozen' : ''}`}
      data-testid={`node-${node.name}`}
      title={view.error ?? view.warning ?? spec.description}
    >
      {node.kind !== 'input' && <Handle type="target" position={Position.Top} />}
      <div className="layer-node-head">
        <span className="layer-node-kind">{spec.label}</span>
        <span className="layer-node-name">{node.name}</span>
      </div>
      {detail && <div className="layer-node-detail">{detail}</div>}
      <div className="layer-node-stats">
        <span className="layer-node-shape" data-testid="node-shape">
          {view.shape ?? '—'}
        </span>
        <span>
          {node.trainable === false && (
            <span className="layer-node-frozen" data-testid="node-frozen" title="Frozen: training leaves these weights as they are (trainable off)" role="img" aria-label="frozen">
              ❄
            </span>
          )}
          <span className="layer-node-params" data-testid="node-params">
            {view.params === null ? '?' : formatCount(view.params)} params
          </span>
        </span>
      </div>
      {view.error && (
        <div className="layer-node-message error" data-testid="node-error">
          {view.error}
        </div>
      )}
      {!view.error && view.warning && <div className="layer-node-message warning">{view.warning}</div>}
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
}

export default memo(LayerNodeCard);
