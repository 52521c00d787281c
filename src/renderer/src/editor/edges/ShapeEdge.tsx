import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { connectionPoint } from '@shared/graph/layout';

/** `order`: the connection's place among a merge layer's inputs (1, 2, ...); absent elsewhere. */
export type ShapeFlowEdge = Edge<{ order?: number; of?: string }, 'shape'>;

/** Where along the curve the input number sits: near the merge, before the curves meet. */
const BADGE_T = 0.78;

/**
 * A connection with the shape it carries as its label and, into a merge layer, the input's number
 * by its end (Concatenate stacks its inputs in this order).
 */
function ShapeEdge(props: EdgeProps<ShapeFlowEdge>): React.JSX.Element {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const badge = data?.order === undefined ? null : connectionPoint(sourceX, sourceY, targetX, targetY, BADGE_T);
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        labelX={labelX}
        labelY={labelY}
        label={props.label}
        labelBgPadding={props.labelBgPadding}
        labelBgBorderRadius={props.labelBgBorderRadius}
        markerEnd={props.markerEnd}
        style={props.style}
        interactionWidth={props.interactionWidth}
      />
      {badge && (
        <EdgeLabelRenderer>
          <div
            className="edge-order nodrag nopan"
            data-testid="edge-order"
            title={`Input ${data!.order} of ${data!.of}`}
            style={{ transform: `translate(-50%, -50%) translate(${badge.x}px, ${badge.y}px)` }}
          >
            {data!.order}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export default memo(ShapeEdge);
