// Draws a decision boundary: each grid cell in its predicted class's colour (paler where the
// network is unsure), then the training points (filled) and the test points (ringed).
import { argmaxRows } from '@shared/data/plane';
import type { BoundaryGrid, PlaneData } from '@shared/ipc/training';

/** One colour per class (Tableau 10), readable in both themes. */
export const CLASS_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#b07aa1', '#76b7b2', '#edc948', '#ff9da7', '#9c755f', '#bab0ac'];

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function drawBoundary(canvas: HTMLCanvasElement, plane: PlaneData, grid: BoundaryGrid | null, show: { train: boolean; test: boolean }): void {
  const ctx = canvas.getContext('2d')!;
  const size = canvas.width;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size, size);
  if (grid) {
    const res = grid.resolution;
    const { classes, confidence } = argmaxRows(grid.values, grid.outputs);
    const image = ctx.createImageData(res, res);
    for (let i = 0; i < res * res; i++) {
      const [r, g, b] = rgb(CLASS_COLORS[classes[i] % CLASS_COLORS.length]);
      // Blend towards white by certainty: 1/K (a guess) is nearly white, 1 is a strong tint.
      const chance = 1 / Math.max(2, grid.outputs);
      const t = 0.15 + 0.45 * Math.max(0, (confidence[i] - chance) / (1 - chance));
      image.data[i * 4] = Math.round(255 + (r - 255) * t);
      image.data[i * 4 + 1] = Math.round(255 + (g - 255) * t);
      image.data[i * 4 + 2] = Math.round(255 + (b - 255) * t);
      image.data[i * 4 + 3] = 255;
    }
    const cells = document.createElement('canvas');
    cells.width = res;
    cells.height = res;
    cells.getContext('2d')!.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(cells, 0, 0, size, size);
  }
  const px = (x: number): number => ((x - plane.xMin) / (plane.xMax - plane.xMin)) * size;
  const py = (y: number): number => ((plane.yMax - y) / (plane.yMax - plane.yMin)) * size;
  const points = (xy: Float32Array, labels: Uint8Array, test: boolean): void => {
    for (let i = 0; i < labels.length; i++) {
      const color = CLASS_COLORS[labels[i] % CLASS_COLORS.length];
      ctx.beginPath();
      ctx.arc(px(xy[i * 2]), py(xy[i * 2 + 1]), test ? 3.2 : 2.2, 0, 2 * Math.PI);
      if (test) {
        ctx.fillStyle = '#ffffff';
        ctx.fill();
        ctx.lineWidth = 1.6;
        ctx.strokeStyle = color;
        ctx.stroke();
      } else {
        ctx.fillStyle = color;
        ctx.fill();
        ctx.lineWidth = 0.6;
        ctx.strokeStyle = '#ffffff';
        ctx.stroke();
      }
    }
  };
  if (show.train) points(plane.train, plane.trainLabels, false);
  if (show.test) points(plane.test, plane.testLabels, true);
}
