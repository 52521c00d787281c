// The decision boundary of a two-input network: the predicted class over the plane, updated while
// it trains, with the training and test points; exportable as PNG.
import { useEffect, useRef, useState } from 'react';
import { formatCount } from '@shared/format';
import type { PlaneData } from '@shared/ipc/training';
import { host } from '../host';
import type { Run } from '../store';
import { CLASS_COLORS, drawBoundary } from './draw';
import './boundary.css';

const SIZE = 360;

export function BoundaryView({ run, plane }: { run: Run; plane: PlaneData }): React.JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [show, setShow] = useState({ train: true, test: true });
  const grid = run.boundary;
  useEffect(() => {
    if (canvas.current) drawBoundary(canvas.current, plane, grid, show);
  }, [plane, grid, show]);
  const classes = Math.max(...plane.trainLabels, ...plane.testLabels) + 1;
  const exportPng = (): void => canvas.current?.toBlob((blob) => blob && host.download('decision-boundary.png', blob, 'image/png'));
  return (
    <section className="boundary" data-testid="boundary">
      <h4>Decision boundary</h4>
      <p className="small muted">
        Each pixel is coloured by the class the network predicts there (paler where it is unsure){grid ? `, after epoch ${grid.epoch}` : ': waiting for the first epoch'}. Dots: {formatCount(plane.trainLabels.length)} training points; rings: {formatCount(plane.testLabels.length)} test points.
      </p>
      <div className="boundary-body">
        <canvas ref={canvas} width={SIZE} height={SIZE} data-testid="boundary-canvas" data-epoch={grid?.epoch ?? 0} aria-label="Decision boundary" />
        <div className="boundary-side">
          <ul className="legend">
            {Array.from({ length: classes }, (_, k) => (
              <li key={k}><span className="swatch" style={{ background: CLASS_COLORS[k % CLASS_COLORS.length] }} /> class {k}</li>
            ))}
          </ul>
          <label className="check"><input type="checkbox" checked={show.train} onChange={(e) => setShow({ ...show, train: e.target.checked })} /> training points</label>
          <label className="check"><input type="checkbox" checked={show.test} onChange={(e) => setShow({ ...show, test: e.target.checked })} /> test points</label>
          <div className="small muted">x from {plane.xMin.toFixed(2)} to {plane.xMax.toFixed(2)}, y from {plane.yMin.toFixed(2)} to {plane.yMax.toFixed(2)}</div>
          <button onClick={exportPng} disabled={!grid} data-testid="boundary-png">Export PNG</button>
        </div>
      </div>
    </section>
  );
}
