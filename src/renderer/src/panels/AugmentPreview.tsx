// "What the network sees in training": a few training images, each beside several random
// versions from the augmentation layers up to the selected one, computed by the engine.
import { useEffect, useRef, useState } from 'react';
import type { AugmentPreview as Preview } from '@shared/ipc/augment';
import { api } from '../host';
import { useAppStore } from '../store';

const IMAGES = 4;
const VARIANTS = 5;

/** One image [h, w, c] with values in [0, 1] (grey for one channel, RGB for three). */
function ImageTile({ data, shape, label }: { data: Float32Array; shape: number[]; label: string }): React.JSX.Element {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const [h, w, c] = shape;
    canvas.width = w;
    canvas.height = h;
    const img = ctx.createImageData(w, h);
    for (let i = 0; i < h * w; i++) {
      for (let k = 0; k < 3; k++) img.data[i * 4 + k] = Math.round(Math.max(0, Math.min(1, data[i * c + (c === 3 ? k : 0)])) * 255);
      img.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [data, shape]);
  return <canvas ref={ref} className="augment-tile" role="img" aria-label={label} />;
}

export function AugmentPreview({ nodeId }: { nodeId: string }): React.JSX.Element {
  const graph = useAppStore((s) => s.graph);
  const valid = useAppStore((s) => s.info.valid);
  const dataset = useAppStore((s) => s.options.dataset);
  const [start, setStart] = useState<number | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (start === null || !valid) return;
    let current = true;
    setBusy(true);
    const timer = setTimeout(() => {
      api.invoke('augment:preview', { graph, nodeId, dataset, start, count: IMAGES, variants: VARIANTS }).then(
        (p) => current && (setPreview(p), setError(null), setBusy(false)),
        (e: Error) => current && (setError(e.message), setPreview(null), setBusy(false)),
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [start, valid, graph, nodeId, dataset]);

  return (
    <div className="augment-preview" data-testid="augment-preview">
      <div className="augment-head">
        <strong>What the network sees in training</strong>
        <button onClick={() => setStart((s) => (s === null ? 0 : s + IMAGES))} disabled={busy || !valid} data-testid="augment-preview-button">
          {start === null ? 'Show augmented images' : 'Other images'}
        </button>
      </div>
      {!valid && <div className="muted small">Fix the network to preview its augmentation.</div>}
      {error && <div className="message error" data-testid="augment-preview-error">{error}</div>}
      {preview && (
        <>
          <div className="muted small">
            Training images {preview.images[0].index}–{preview.images[preview.images.length - 1].index}: the original, then {VARIANTS} draws through {preview.layers.join(' → ')}. Predictions and evaluation see the originals.
          </div>
          <div className="augment-grid" style={{ gridTemplateColumns: `auto repeat(${VARIANTS + 1}, 1fr)` }} data-testid="augment-grid">
            {preview.images.map((image) => (
              <div className="augment-row" key={image.index} style={{ display: 'contents' }}>
                <span className="augment-label small">{image.label}</span>
                <ImageTile data={image.original} shape={preview.shape} label={`training image ${image.index} (${image.label})`} />
                {image.augmented.map((a, k) => (
                  <ImageTile key={k} data={a} shape={preview.shape} label={`training image ${image.index}, augmented ${k + 1}`} />
                ))}
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
