import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { loadImageFolder } from '../../../src/engine/data/folder';

function png(w: number, h: number, colour: (x: number, y: number) => [number, number, number]): Buffer {
  const img = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const [r, g, b] = colour(x, y);
    img.data.set([r, g, b, 255], (y * w + x) * 4);
  }
  return PNG.sync.write(img);
}

function folder(files: Record<string, Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'nb-folder-'));
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), data);
  }
  return root;
}

describe('image folders, one sub-folder per class', () => {
  it('reads grey images with class names from the folder names', () => {
    const root = folder({
      'cats/a.png': png(4, 3, () => [10, 10, 10]),
      'cats/b.png': png(4, 3, () => [20, 20, 20]),
      'dogs/c.png': png(4, 3, () => [200, 200, 200]),
    });
    const ds = loadImageFolder(root);
    expect(ds.classNames).toEqual(['cats', 'dogs']);
    expect(ds.imageShape).toEqual([3, 4, 1]);
    expect(ds.trainImages.length).toBe(3 * 12);
    // Each image keeps its own label after the shuffle.
    for (let i = 0; i < 3; i++) expect(ds.trainImages[i * 12] === 200).toBe(ds.trainLabels[i] === 1);
  });

  it('keeps colour images as three channels', () => {
    const ds = loadImageFolder(folder({ 'r/a.png': png(2, 2, () => [255, 0, 0]), 'g/b.png': png(2, 2, () => [0, 255, 0]) }));
    expect(ds.imageShape).toEqual([2, 2, 3]);
  });

  it('refuses mixed sizes, naming both files', () => {
    const root = folder({ 'a/1.png': png(28, 28, () => [0, 0, 0]), 'b/2.png': png(32, 32, () => [0, 0, 0]) });
    expect(() => loadImageFolder(root)).toThrow(/different sizes: .*1\.png is 28x28 but .*2\.png is 32x32\. Resize them all to one size\./);
  });

  it('refuses a folder without class folders, and a broken PNG', () => {
    expect(() => loadImageFolder(folder({ 'only/a.png': png(2, 2, () => [0, 0, 0]) }))).toThrow(/one sub-folder per class/);
    expect(() => loadImageFolder(folder({ 'a/1.png': png(2, 2, () => [0, 0, 0]), 'b/2.png': Buffer.from('not a png') }))).toThrow(/2\.png is not a readable PNG image/);
  });
});
