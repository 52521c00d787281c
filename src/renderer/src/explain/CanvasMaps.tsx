// "Maps on the canvas": each layer's feature-map thumbnails (or value bars for vectors) beside its
// node, so the image's transformation reads down the network as it was built.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Panel, ViewportPortal, useNodes } from '@xyflow/react';
import type { LayerActivation, MapsReply } from '@shared/ipc/maps';
import { api } from '../host';
import { useAppStore } from '../store';
import { scaleFor, type Scale } from './colour';
import { channelOf } from './grids';
import { Legend } from './Legend';
import './explain.css';

const THUMBS = 8;
const THUMB = 30;

function Thumb({ values, h, w, scale }: { values: ArrayLike<number>; h: number; w: number; scale: Scale }): React.JSX.Element {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ref.current || !ctx) return;
    ref.current.width = w;
    ref.current.height = h;
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) {
      ctx.fillStyle = scale.colour(values[r * w + c]);
      ctx.fillRect(c, r, 1, 1);
    }
  }, [values, h, w, scale]);
  return <canvas ref={ref} className="canvas-thumb" style={{ width: THUMB, height: THUMB }} />;
}

function ValueBars({ values, scale }: { values: ArrayLike<number>; scale: Scale }): React.JSX.Element {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ref.current || !ctx) return;
    const n = values.length;
    const width = 4 * THUMB;
    const height = THUMB;
    ref.current.width = width;
    ref.current.height = height;
    const top = Math.max(Math.abs(scale.lo), Math.abs(scale.hi)) || 1;
    const signed = scale.lo < 0;
    const base = signed ? height / 2 : height;
    const bw = width / n;
    for (let i = 0; i < n; i++) {
      const bh = (Math.abs(values[i]) / top) * (signed ? height / 2 : height);
      ctx.fillStyle = scale.colour(values[i]);
      ctx.fillRect(i * bw, values[i] >= 0 ? base - bh : base, Math.max(bw, 1), Math.max(bh, 0.5));
    }
  }, [values, scale]);
  return <canvas ref={ref} className="canvas-bars" style={{ width: 4 * THUMB, height: THUMB }} />;
}

function LayerThumbs({ layer }: { layer: Pick<LayerActivation, 'shape' | 'data'> }): React.JSX.Element {
  const scale = useMemo(() => scaleFor(layer.data), [layer]);
  if (layer.shape.length !== 3) return <ValueBars values={layer.data} scale={scale} />;
  const [h, w, c] = layer.shape;
  const shown = Math.min(THUMBS, c);
  return (
    <div className="canvas-thumbs">
      {Array.from({ length: shown }, (_, k) => (
        <Thumb key={k} values={channelOf(layer.data, h, w, c, k)} h={h} w={w} scale={scale} />
      ))}
      {c > shown && <span className="more">+{c - shown}</span>}
    </div>
  );
}

export function CanvasMaps(): React.JSX.Element {
  const [on, setOn] = useState(false);
  const [index, setIndex] = useState(0);
  const [reply, setReply] = useState<MapsReply | null>(null);
  const [error, setError] = useState<string | null>(null);
  const graph = useAppStore((s) => s.graph);
  const valid = useAppStore((s) => s.info.valid);
  const nodes = useNodes();
  const [version, setVersion] = useState(0);
  useEffect(() => api.on('train:finished', () => setVersion((v) => v + 1)), []);
  useEffect(() => {
    if (!on || !valid) return;
    let current = true;
    const timer = setTimeout(() => {
      api.invoke('maps:compute', { graph, source: { kind: 'test', index } }).then(
        (r) => current && (setReply(r), setError(null)),
        (e: Error) => current && setError(e.message),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [on, valid, graph, index, version]);
  const byId = useMemo(() => new Map(reply?.layers.map((l) => [l.id, l]) ?? []), [reply]);
  const inputNode = graph.nodes.find((n) => n.kind === 'input');
  const signed = reply?.layers.some((l) => l.data.some((v) => v < 0));

  return (
    <>
      <Panel position="top-right" className="canvas-maps-toggle">
        <label>
          <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} data-testid="canvas-maps-toggle" /> Maps on the canvas
        </label>
        {on && (
          <label>
            test image{' '}
            <input type="number" min={0} max={9999} value={index} onChange={(e) => setIndex(Math.max(0, Math.min(9999, Math.round(Number(e.target.value)) || 0)))} aria-label="Test image for the maps on the canvas" />
          </label>
        )}
        {on && reply && <span className="small">label {reply.label !== null ? reply.classNames[reply.label] : '?'}, predicted {reply.classNames[reply.predicted]} ({reply.weights} weights)</span>}
        {on && !valid && <span className="small">Fix the network to see its maps.</span>}
        {on && error && <span className="small error">{error}</span>}
        {on && reply && <Legend scale={scaleFor([0, 1])} label="activations" ends={['min', 'max']} />}
        {on && reply && signed && <Legend scale={scaleFor([-1, 1])} label="signed" ends={['-max', '+max']} />}
        {on && reply && <span className="small muted">each layer on its own scale</span>}
      </Panel>
      {on && reply && (
        <ViewportPortal>
          {nodes.map((n) => {
            const layer = n.id === inputNode?.id ? reply.input : byId.get(n.id);
            if (!layer) return null;
            const x = n.position.x + (n.measured?.width ?? 180) + 12;
            return (
              <div key={n.id} className="canvas-maps" style={{ transform: `translate(${x}px, ${n.position.y}px)` }} data-testid={`canvas-maps-${n.id}`}>
                <LayerThumbs layer={layer} />
              </div>
            );
          })}
        </ViewportPortal>
      )}
    </>
  );
}
