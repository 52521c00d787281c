import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FASHION_DIR, loadDataset, mnistDir } from '../../../src/engine/data/datasets';
import { parseIdx, readIdx } from '../../../src/engine/data/idx';

function idx(dims: number[], values: number[]): Uint8Array {
  const header = new Uint8Array(4 + dims.length * 4);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0x0800 + dims.length);
  dims.forEach((d, i) => view.setUint32(4 + i * 4, d));
  return new Uint8Array([...header, ...values]);
}

describe('idx files', () => {
  it('reads the real MNIST files: 60,000 + 10,000 28x28 digits', () => {
    const train = readIdx(join(mnistDir(), 'train-images-idx3-ubyte'));
    expect(train.dims).toEqual([60000, 28, 28]);
    const labels = readIdx(join(mnistDir(), 't10k-labels-idx1-ubyte'));
    expect(labels.dims).toEqual([10000]);
    expect(Array.from(labels.data.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
  });

  it('reads gzipped files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-idx-'));
    writeFileSync(join(dir, 'x.gz'), gzipSync(idx([2, 2], [1, 2, 3, 4])));
    expect(Array.from(readIdx(join(dir, 'x.gz')).data)).toEqual([1, 2, 3, 4]);
  });

  // Skipped (and reported as skipped) where Debian's dataset-fashion-mnist is not installed.
  it.skipIf(!existsSync(FASHION_DIR))(`reads the Debian Fashion-MNIST package (${FASHION_DIR})`, () => {
    const fashion = loadDataset({ kind: 'fashion-mnist' });
    expect(fashion.trainLabels.length).toBe(60000);
    expect(fashion.classNames[9]).toBe('Ankle boot');
  });

  it.each([
    ['a bad magic number', new Uint8Array([0, 0, 9, 1, 0, 0, 0, 1, 5]), /bad magic number 0x00000901/],
    ['a wrong length', idx([3, 2], [1, 2, 3]), /should hold 6 values \(3 x 2\) but has 3: the file is truncated or corrupt/],
    ['too few bytes', new Uint8Array([0, 0]), /too short/],
    ['an impossible rank', new Uint8Array([0, 0, 8, 9, 0, 0, 0, 1]), /bad idx header \(rank 9\)/],
  ])('refuses %s with a clear message', (_what, bytes, message) => {
    expect(() => parseIdx(bytes, 'labels.idx')).toThrow(message);
  });

  it('refuses a damaged gzip and a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-idx-'));
    writeFileSync(join(dir, 'x.gz'), gzipSync(idx([4], [1, 2, 3, 4])).subarray(0, 12));
    expect(() => readIdx(join(dir, 'x.gz'))).toThrow(/cannot be decompressed/);
    expect(() => readIdx(join(dir, 'none'))).toThrow(/no such file/);
    expect(() => loadDataset({ kind: 'idx', trainImages: join(dir, 'none'), trainLabels: join(dir, 'none') })).toThrow(/no such file/);
  });

  it('refuses images and labels that do not pair up', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-idx-'));
    writeFileSync(join(dir, 'img'), idx([2, 2, 2], [0, 0, 0, 0, 0, 0, 0, 0]));
    writeFileSync(join(dir, 'lab'), idx([3], [0, 1, 2]));
    expect(() => loadDataset({ kind: 'idx', trainImages: join(dir, 'img'), trainLabels: join(dir, 'lab') })).toThrow(/has 3 labels for 2 images/);
  });
});
