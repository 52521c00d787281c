import { useMemo } from 'react';
import { formatCount, formatParamsWithBytes, formatShape } from '@shared/format';
import { buildSummary } from '@shared/summary';
import { useAppStore } from '../store';

/** The Keras model.summary() table, with how each count is made. Clicking a row selects its layer. */
export function SummaryPanel(): React.JSX.Element {
  const graph = useAppStore((s) => s.graph);
  const info = useAppStore((s) => s.info);
  const selectedIds = useAppStore((s) => s.selectedIds);
  const summary = useMemo(() => buildSummary(graph, info), [graph, info]);
  if (graph.nodes.length === 0) return <div className="panel-empty">The summary appears when the canvas has layers.</div>;
  return (
    <div className="summary" data-testid="summary">
      <table>
        <thead>
          <tr>
            <th>Layer (type)</th>
            <th>Output Shape</th>
            <th className="num">Param #</th>
            {summary.functional && <th>Connected to</th>}
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((r) => (
            <tr
              key={r.id}
              className={`${selectedIds.includes(r.id) ? 'selected' : ''} ${r.errors.length ? 'error' : ''}`}
              onClick={() => useAppStore.getState().select([r.id])}
              data-testid={`summary-row-${r.name}`}
            >
              <td>
                {r.name} <span className="muted">({r.type})</span>
                {r.formula && <div className="formula">{r.formula}</div>}
                {r.errors[0] && <div className="formula error">{r.errors[0]}</div>}
              </td>
              <td>
                <code>{formatShape(r.outputShape)}</code>
              </td>
              <td className="num">{formatCount(r.params)}</td>
              {summary.functional && (
                <td className="connected" data-testid={`summary-connected-${r.name}`}>
                  {r.connectedTo}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="summary-totals" data-testid="summary-totals">
        <div>
          Total params: <strong>{formatParamsWithBytes(summary.totalParams)}</strong>
        </div>
        <div>Trainable params: {formatParamsWithBytes(summary.trainableParams)}</div>
        <div>Non-trainable params: {formatParamsWithBytes(summary.nonTrainableParams)}</div>
      </div>
      {info.graphErrors.map((e) => (
        <div key={e} className="message error">
          {e}
        </div>
      ))}
    </div>
  );
}
