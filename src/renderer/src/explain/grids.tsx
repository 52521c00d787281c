// The two pictures every step-by-step view needs: a small table of numbers coloured by value, and a
// map drawn cell by cell with its padding ring, the window on it, and the cell being explained.
import { useEffect, useRef } from 'react';
import { inkFor, type Scale } from './colour';
import { format } from './Legend';

export function NumberGrid({ rows, scale, padded, highlight, testId, digits = 3 }: { rows: number[][]; scale: Scale; padded?: boolean[][]; highlight?: [number, number] | null; testId: string; digits?: number }): React.JSX.Element {
  return (
    <table className="number-grid" data-testid={testId}>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((v, j) => {
              const pad = padded?.[i][j];
              const bg = pad ? undefined : scale.colour(v);
              return (
                <td key={j} className={`${pad ? 'pad' : ''} ${highlight && highlight[0] === i && highlight[1] === j ? 'win' : ''}`} style={bg ? { background: bg, color: inkFor(bg) } : undefined} title={pad ? 'padding: 0' : String(v)}>
                  {pad ? '0' : format(v, digits)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface MapDrawing {
  /** h x w values, row-major. */
  values: ArrayLike<number>;
  h: number;
  w: number;
  scale: Scale;
  padding?: { top: number; bottom: number; left: number; right: number };
  /** The window, in unpadded input coordinates (top/left may be negative). */
  window?: { top: number; left: number; h: number; w: number } | null;
  /** A cell to outline (output maps). */
  cell?: [number, number] | null;
  /** Only the first n cells (row-major) are drawn: the map filling in. */
  filled?: number;
  /** Largest side in CSS pixels. */
  size?: number;
  onPick?(row: number, col: number): void;
  testId?: string;
}

export function MapCanvas(d: MapDrawing): React.JSX.Element {
  const ref = useRef<HTMLCanvasElement>(null);
  const pad = d.padding ?? { top: 0, bottom: 0, left: 0, right: 0 };
  const rows = d.h + pad.top + pad.bottom;
  const cols = d.w + pad.left + pad.right;
  const cell = Math.max(3, Math.floor((d.size ?? 240) / Math.max(rows, cols)));
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = cols * cell * dpr;
    canvas.height = rows * cell * dpr;
    canvas.style.width = `${cols * cell}px`;
    canvas.style.height = `${rows * cell}px`;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#e8e8e8';
    ctx.fillRect(0, 0, cols * cell, rows * cell);
    // Padding: hatched cells that count as zeros.
    ctx.strokeStyle = '#b0b0b0';
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
      const inside = r >= pad.top && r < pad.top + d.h && c >= pad.left && c < pad.left + d.w;
      if (inside) continue;
      ctx.beginPath();
      ctx.moveTo(c * cell, (r + 1) * cell);
      ctx.lineTo((c + 1) * cell, r * cell);
      ctx.stroke();
    }
    const shown = d.filled ?? d.h * d.w;
    for (let r = 0; r < d.h; r++) for (let c = 0; c < d.w; c++) {
      const i = r * d.w + c;
      ctx.fillStyle = i < shown ? d.scale.colour(d.values[i]) : '#fafafa';
      ctx.fillRect((c + pad.left) * cell, (r + pad.top) * cell, cell, cell);
    }
    if (cell >= 6) {
      ctx.strokeStyle = 'rgba(0,0,0,0.08)';
      for (let r = 0; r <= rows; r++) ctx.strokeRect(0, r * cell, cols * cell, 0);
      for (let c = 0; c <= cols; c++) ctx.strokeRect(c * cell, 0, 0, rows * cell);
    }
    ctx.lineWidth = 2;
    if (d.window) {
      ctx.strokeStyle = '#ff3d00';
      ctx.strokeRect((d.window.left + pad.left) * cell + 1, (d.window.top + pad.top) * cell + 1, d.window.w * cell - 2, d.window.h * cell - 2);
    }
    if (d.cell) {
      ctx.strokeStyle = '#ff3d00';
      ctx.strokeRect((d.cell[1] + pad.left) * cell + 1, (d.cell[0] + pad.top) * cell + 1, cell - 2, cell - 2);
    }
    ctx.lineWidth = 1;
  }, [d.values, d.h, d.w, d.scale, pad.top, pad.bottom, pad.left, pad.right, d.window, d.cell, d.filled, rows, cols, cell]);
  return (
    <canvas
      ref={ref}
      className={`map-canvas ${d.onPick ? 'pickable' : ''}`}
      data-testid={d.testId}
      onClick={(e) => {
        if (!d.onPick) return;
        const box = e.currentTarget.getBoundingClientRect();
        const c = Math.floor(((e.clientX - box.left) / box.width) * cols) - pad.left;
        const r = Math.floor(((e.clientY - box.top) / box.height) * rows) - pad.top;
        if (r >= 0 && r < d.h && c >= 0 && c < d.w) d.onPick(r, c);
      }}
    />
  );
}

/** Channel k of a channels-last [h, w, c] array. */
export function channelOf(data: ArrayLike<number>, h: number, w: number, c: number, k: number): Float32Array {
  const out = new Float32Array(h * w);
  for (let i = 0; i < h * w; i++) out[i] = data[i * c + k];
  return out;
}
