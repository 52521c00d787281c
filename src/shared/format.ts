// Number and shape formatting exactly as Keras' model.summary() prints it.
import type { Shape } from './graph/model';

/** "18,496" */
export function formatCount(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "(None, 26, 26, 32)"; a one-axis shape keeps Python's trailing comma: "(None,)". */
export function formatShape(shape: Shape | null): string {
  if (!shape) return '?';
  const parts = shape.map((d) => (d === null ? 'None' : String(d)));
  return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
}

/** Keras' readable_memory_size: 139,304 bytes -> "136.04 KB" (1 KB = 1024 B). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let size = bytes;
  for (const unit of units) {
    if (size / 1024 < 1) return `${size.toFixed(2)} ${unit}`;
    size /= 1024;
  }
  return `${size.toFixed(2)} ${units[units.length - 1]}`;
}

/** "34,826 (136.04 KB)": a parameter count with its float32 size. */
export function formatParamsWithBytes(params: number): string {
  return `${formatCount(params)} (${formatBytes(params * 4)})`;
}

/** "3x3" for a (height, width) pair. */
export function formatPair(pair: readonly [number, number]): string {
  return `${pair[0]}x${pair[1]}`;
}
