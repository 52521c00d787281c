import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { MapsSourceSchema, type LayerActivation, type MapsReply, type MapsSource } from '@shared/ipc/maps';
import { toMnistImage } from '@shared/digits/preprocess';
import { formatShape } from '@shared/format';
import { getSpec } from '@shared/layers/registry';
import { api, host } from '../host';
import { ValueField } from '../components/ValueField';
import { useAppStore } from '../store';
import { channel, gridToCanvas, paint, paletteGradient, range, type Palette, type ScaleMode } from './render';
import { format } from '../explain/Legend';
import { ExplainDialog, explainable, type ExplainTarget } from '../explain/ExplainDialog';
import './maps.css';

/** The test image index's bounds, as the contract checks them. */
const TEST_INDEX = MapsSourceSchema.options[0].shape.index;

export function MapsPanel(): React.JSX.Element {
  const graph = useAppStore((s) => s.graph);
  const valid = useAppStore((s) => s.info.valid);
  const selectedId = useAppStore((s) => s.selectedIds[0] ?? null);
  const [source, setSource] = useState<MapsSource>({ kind: 'test', index: 0 });
  const [reply, setReply] = useState<MapsReply | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [scale, setScale] = useState<ScaleMode>('shared');
  const [live, setLive] = useState(true);
  const [showFilters, setShowFilters] = useState(false);
  const [palette, setPalette] = useState<Palette>('colour');
  const [zoom, setZoom] = useState(1);
  const [drawing, setDrawing] = useState(false);
  const [explain, setExplain] = useState<ExplainTarget | null>(null);
  // A new pad for each digit picked another way: an old drawing never stays beside another image.
  const [padKey, setPadKey] = useState(0);
  const pick = (src: MapsSource): void => {
    setPadKey((k) => k + 1);
    setSource(src);
  };

  const load = useCallback(
    (src: MapsSource) => {
      if (!valid) return;
      performance.mark('maps:request');
      api.invoke('maps:compute', { graph, source: src }).then(
        (r) => {
          setReply(r);
          setError(null);
        },
        (e: Error) => setError(e.message),
      );
    },
    [graph, valid],
  );
  useEffect(() => load(source), [load, source]);
  useEffect(() => (live ? api.on('train:finished', () => load(source)) : undefined), [live, load, source]);
  useEffect(() => (live ? api.on('train:epoch', () => load(source)) : undefined), [live, load, source]);
  useEffect(() => {
    if (reply) requestAnimationFrame(() => performance.mark('maps:drawn'));
  }, [reply]);

  if (!valid) return <div className="panel-empty">Feature maps appear when the network is complete and has no errors.</div>;
  const layers = reply ? (selectedId && reply.layers.some((l) => l.id === selectedId) ? reply.layers.filter((l) => l.id === selectedId) : reply.layers) : [];

  return (
    <div className="maps" data-testid="maps-panel">
      <div className="maps-controls">
        <label>
          Test image
          <ValueField
            id="maps-index"
            kind="int"
            value={source.kind === 'test' ? source.index : (reply?.testIndex ?? 0)}
            schema={TEST_INDEX}
            onApply={(index) => pick({ kind: 'test', index })}
          />
        </label>
        <button onClick={() => pick({ kind: 'random' })}>Random</button>
        {reply && reply.misclassified.length > 0 && (
          <button onClick={() => pick({ kind: 'test', index: reply.misclassified[Math.floor(Math.random() * reply.misclassified.length)] })} title={`${reply.misclassified.length}${reply.misclassified.length >= 200 ? '+' : ''} test digits are misclassified`}>
            A mistake
          </button>
        )}
        <button onClick={() => setDrawing((d) => !d)} className={drawing ? 'active' : ''} data-testid="maps-draw">
          Draw
        </button>
      </div>
      {drawing && <DrawPad key={padKey} onDigit={(pixels) => setSource({ kind: 'pixels', pixels: Array.from(pixels) })} />}
      <div className="maps-options small">
        <label><input type="radio" checked={scale === 'shared'} onChange={() => setScale('shared')} /> one colour scale per layer</label>
        <label><input type="radio" checked={scale === 'channel'} onChange={() => setScale('channel')} /> per channel</label>
        <label><input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} /> update while training</label>
        <label><input type="checkbox" checked={showFilters} onChange={(e) => setShowFilters(e.target.checked)} /> show filters</label>
        <label><input type="checkbox" checked={palette === 'colour'} onChange={(e) => setPalette(e.target.checked ? 'colour' : 'grey')} data-testid="maps-colour" /> colour</label>
        <label>
          zoom <input type="range" min={1} max={4} step={0.5} value={zoom} onChange={(e) => setZoom(Number(e.target.value))} aria-label="Map size" data-testid="maps-zoom" /> {zoom}x
        </label>
      </div>
      {error && <div className="message error">{error}</div>}
      {reply && (
        <>
          <Prediction reply={reply} />
          {selectedId && layers.length === 1 && <p className="small muted">Showing the selected layer; click the canvas background to see all layers.</p>}
          {layers.map((l) => (
            <LayerMaps key={l.id} layer={l} scale={scale} palette={palette} zoom={zoom} showFilters={showFilters} onExplain={setExplain} />
          ))}
        </>
      )}
      {reply && explain && <ExplainDialog reply={reply} graph={graph} target={explain} onClose={() => setExplain(null)} />}
    </div>
  );
}

function Prediction({ reply }: { reply: MapsReply }): React.JSX.Element {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) paint(ref.current, reply.input.data, 28, 28, [0, 1]);
  }, [reply]);
  return (
    <div className="prediction">
      <canvas ref={ref} className="digit" data-testid="maps-input" />
      <div className="probs" data-testid="maps-probabilities">
        <div className="small">
          {reply.label !== null ? `Test image #${reply.testIndex}, label ${reply.classNames[reply.label]}. ` : 'Your drawing. '}
          Predicted <b data-testid="maps-predicted">{reply.classNames[reply.predicted]}</b> ({(reply.probabilities[reply.predicted] * 100).toFixed(1)}%) with {reply.weights} weights.
        </div>
        {Array.from(reply.probabilities).map((p, i) => (
          <div key={i} className={`prob ${i === reply.predicted ? 'top' : ''} ${i === reply.label ? 'label' : ''}`}>
            <span className="prob-name">{reply.classNames[i]}</span>
            <span className="prob-bar" style={{ width: `${Math.max(p * 100, 0.5)}%` }} />
            <span className="prob-value">{(p * 100).toFixed(1)}%</span>
          </div>
        ))}
      </div>
    </div>
  );
}

function LayerMaps({ layer, scale, palette, zoom, showFilters, onExplain }: { layer: LayerActivation; scale: ScaleMode; palette: Palette; zoom: number; showFilters: boolean; onExplain(t: ExplainTarget): void }): React.JSX.Element {
  const canExplain = explainable(layer.kind);
  const [hover, setHover] = useState<string | null>(null);
  const isImage = layer.shape.length === 3;
  const [h, w, c] = isImage ? layer.shape : [1, layer.shape[0], 1];
  const tiles = useMemo(() => (isImage ? Array.from({ length: c }, (_, k) => channel(layer.data, h, w, c, k)) : []), [layer, isImage, h, w, c]);
  const ranges = useMemo(() => {
    const all = range(layer.data);
    return tiles.map((t) => (scale === 'shared' ? all : range(t)));
  }, [tiles, layer, scale]);
  const exportPng = (): void => {
    gridToCanvas(tiles, h, w, ranges, palette).toBlob((blob) => blob && host.download(`${layer.name}.png`, blob, 'image/png'));
  };
  return (
    <section className="layer-maps" data-testid={`maps-${layer.name}`}>
      <h3>
        {layer.name} <span className="muted">{getSpec(layer.kind).label} · {formatShape([null, ...layer.shape])}</span>
        {isImage && <button className="link" onClick={exportPng}>Export PNG</button>}
        {canExplain && <button className="link" onClick={() => onExplain({ layerId: layer.id, at: { row: 0, col: 0, channel: 0 } })} data-testid={`explain-${layer.name}`}>Explain</button>}
      </h3>
      {isImage ? (
        <>
        <MapLegend palette={palette} range={scale === 'shared' ? ranges[0] : null} />
        <div className="tiles" style={{ ['--tile' as string]: `${Math.round(zoom * Math.max(28, Math.min(72, 720 / Math.ceil(Math.sqrt(c)) / 2.2)))}px` }}>
          {tiles.map((t, k) => (
            <figure key={k} className="tile-figure">
            <Tile values={t} h={h} w={w} range={ranges[k]} palette={palette} onHover={(v, y, x) => setHover(v === null ? null : `channel ${k}, (${y}, ${x}): ${v.toFixed(4)}${canExplain ? ' (click to explain)' : ''}`)} onPick={canExplain ? (row, col) => onExplain({ layerId: layer.id, at: { row, col, channel: k } }) : undefined} />
              <figcaption>{k}</figcaption>
            </figure>
          ))}
        </div>
        </>
      ) : (
        <Bars values={layer.data} />
      )}
      <div className="small muted hover">{hover ?? (isImage ? `${c} maps; hover for values` : `${layer.shape[0]} values`)}</div>
      {showFilters && layer.kind === 'conv2d' && layer.kernel && <Filters kernel={layer.kernel} />}
    </section>
  );
}

function Tile({ values, h, w, range: r, palette = 'grey', onHover, onPick }: { values: Float32Array; h: number; w: number; range: [number, number]; palette?: Palette; onHover(v: number | null, y: number, x: number): void; onPick?(y: number, x: number): void }): React.JSX.Element {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) paint(ref.current, values, h, w, r, palette);
  }, [values, h, w, r, palette]);
  const cellAt = (e: React.MouseEvent<HTMLCanvasElement>): [number, number, number] => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = Math.min(w - 1, Math.floor(((e.clientX - box.left) / box.width) * w));
    const y = Math.min(h - 1, Math.floor(((e.clientY - box.top) / box.height) * h));
    return [values[y * w + x], y, x];
  };
  return (
    <canvas
      ref={ref}
      className={`tile ${onPick ? 'pickable' : ''}`}
      onMouseMove={(e) => onHover(...cellAt(e))}
      onClick={onPick ? (e) => onPick(...cellAt(e).slice(1) as [number, number]) : undefined}
      onMouseLeave={() => onHover(null, 0, 0)}
    />
  );
}

function Bars({ values }: { values: Float32Array }): React.JSX.Element {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    canvas.width = 340;
    canvas.height = 60;
    const [lo, hi] = range(values);
    const top = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    ctx.clearRect(0, 0, 340, 60);
    const bw = 340 / values.length;
    ctx.fillStyle = getComputedStyle(canvas).color;
    values.forEach((v, i) => {
      const bh = (Math.abs(v) / top) * (lo < 0 ? 29 : 58);
      ctx.fillRect(i * bw, lo < 0 ? (v >= 0 ? 30 - bh : 30) : 60 - bh, Math.max(bw - (bw > 3 ? 1 : 0), 0.5), bh);
    });
  }, [values]);
  return <canvas ref={ref} className="bars" />;
}

function Filters({ kernel }: { kernel: { shape: number[]; data: Float32Array } }): React.JSX.Element {
  const [fh, fw, cin, cout] = kernel.shape;
  const [inChannel, setInChannel] = useState(0);
  const tiles = useMemo(
    () =>
      Array.from({ length: cout }, (_, o) => {
        const t = new Float32Array(fh * fw);
        for (let y = 0; y < fh; y++) for (let x = 0; x < fw; x++) t[y * fw + x] = kernel.data[((y * fw + x) * cin + inChannel) * cout + o];
        return t;
      }),
    [kernel, fh, fw, cin, cout, inChannel],
  );
  const r = range(kernel.data);
  return (
    <div className="filters">
      <div className="small">
        Filters ({fh}x{fw}), input channel{' '}
        {cin > 1 ? <input type="number" min={0} max={cin - 1} value={inChannel} onChange={(e) => setInChannel(Math.min(cin - 1, Math.max(0, Math.round(Number(e.target.value)) || 0)))} /> : '0'} of {cin}
      </div>
      <div className="tiles" style={{ ['--tile' as string]: '34px' }}>
        {tiles.map((t, k) => (
          <Tile key={k} values={t} h={fh} w={fw} range={r} onHover={() => undefined} />
        ))}
      </div>
    </div>
  );
}

const PAD = 196;

/** A 28x28-style drawing pad: thick strokes, centred and scaled like MNIST on each stroke's end. */
function DrawPad({ onDigit }: { onDigit(pixels: Float32Array): void }): React.JSX.Element {
  const ref = useRef<HTMLCanvasElement>(null);
  const drawingRef = useRef(false);
  const clear = (): void => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, PAD, PAD);
  };
  useEffect(clear, []);
  const point = (e: React.PointerEvent<HTMLCanvasElement>): [number, number] => {
    const box = e.currentTarget.getBoundingClientRect();
    return [((e.clientX - box.left) / box.width) * PAD, ((e.clientY - box.top) / box.height) * PAD];
  };
  const finish = (): void => {
    drawingRef.current = false;
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const rgba = ctx.getImageData(0, 0, PAD, PAD).data;
    const pixels = new Float32Array(PAD * PAD);
    for (let i = 0; i < pixels.length; i++) pixels[i] = rgba[i * 4] / 255;
    onDigit(toMnistImage(pixels, PAD));
  };
  return (
    <div className="drawpad">
      <canvas
        ref={ref}
        width={PAD}
        height={PAD}
        data-testid="drawpad"
        onPointerDown={(e) => {
          drawingRef.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          const ctx = e.currentTarget.getContext('2d')!;
          const [x, y] = point(e);
          ctx.beginPath();
          ctx.moveTo(x, y);
        }}
        onPointerMove={(e) => {
          if (!drawingRef.current) return;
          const ctx = e.currentTarget.getContext('2d')!;
          const [x, y] = point(e);
          ctx.strokeStyle = '#fff';
          ctx.lineWidth = 16;
          ctx.lineCap = 'round';
          ctx.lineJoin = 'round';
          ctx.lineTo(x, y);
          ctx.stroke();
        }}
        onPointerUp={finish}
      />
      <div className="small muted">
        Draw a digit, then watch the prediction. <button className="link" onClick={clear}>Clear</button>
      </div>
    </div>
  );
}

/** What the colours of a layer's maps mean: one scale for the layer, or each map its own. */
function MapLegend({ palette, range: r }: { palette: Palette; range: [number, number] | null }): React.JSX.Element {
  return (
    <div className="legend small" data-testid="maps-legend">
      <span className="legend-value">{r ? format(r[0]) : 'min'}</span>
      <span className="legend-bar" style={{ background: paletteGradient(palette) }} />
      <span className="legend-value">{r ? format(r[1]) : 'max'}</span>
      <span className="muted">{r ? 'one scale for all maps of this layer; the number under a map is its channel' : 'each map from its own min to its own max; the number under a map is its channel'}</span>
    </div>
  );
}
