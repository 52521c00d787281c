// Data sets a careless user or an attacker could hand the engine: each is refused with a message
// before it can take the engine's memory or block its thread, and nothing wraps around silently.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync, gzipSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/engine/data/datasets';
import { loadImageFolder, pngSize } from '../../../src/engine/data/folder';
import { readIdx } from '../../../src/engine/data/idx';

const dir = (): string => mkdtempSync(join(tmpdir(), 'nb-data-'));

function idxHeader(dims: number[]): Uint8Array {
  const header = new Uint8Array(4 + dims.length * 4);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0x0800 + dims.length);
  dims.forEach((d, i) => view.setUint32(4 + i * 4, d));
  return header;
}
const idx = (dims: number[], values: ArrayLike<number>): Uint8Array => new Uint8Array([...idxHeader(dims), ...Array.from(values)]);

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A valid, all-black, 8-bit grey PNG of any size, made without encoding pixel by pixel. */
function blackPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const raw = Buffer.alloc((width + 1) * height); // filter byte 0 and zero pixels per row
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
}

/** A FIFO at path; a writer opens it (and writes nothing) after `ms`, so code that blocks on it ends, late. */
function fifo(path: string, ms: number): void {
  execFileSync('mkfifo', [path]);
  spawn('sh', ['-c', `sleep ${ms / 1000}; : > '${path}'`], { stdio: 'ignore', detached: false }).unref();
}

describe('data set limits', () => {
  it('stops inflating a gzip bomb at the size its idx header gives', () => {
    const d = dir();
    // 10 labels promised, 256 MiB of zeros delivered (about 256 KB compressed).
    const bomb = gzipSync(Buffer.concat([idxHeader([10]), Buffer.alloc(256 * 1024 * 1024)]), { level: 1 });
    writeFileSync(join(d, 'bomb.gz'), bomb);
    const start = performance.now();
    expect(() => readIdx(join(d, 'bomb.gz'))).toThrow(/inflates to more than its idx header says it holds \(18 bytes\)/);
    expect(performance.now() - start).toBeLessThan(100);
  });

  it('refuses an idx header that promises more than the limit, before inflating it', () => {
    const d = dir();
    writeFileSync(join(d, 'huge.gz'), gzipSync(Buffer.concat([idxHeader([60000, 200, 200]), Buffer.alloc(1024)])));
    expect(() => readIdx(join(d, 'huge.gz'))).toThrow(/says it holds 60000 x 200 x 200 = 2,400,000,000 values/);
    writeFileSync(join(d, 'huge'), Buffer.concat([idxHeader([60000, 200, 200]), Buffer.alloc(1024)]));
    expect(() => readIdx(join(d, 'huge'))).toThrow(/says it holds/);
  });

  it('checks a PNG\'s size in its header before decoding it', () => {
    expect(pngSize(blackPng(6000, 6000))).toEqual({ width: 6000, height: 6000 });
    const d = dir();
    mkdirSync(join(d, 'a'));
    mkdirSync(join(d, 'b'));
    writeFileSync(join(d, 'a', 'big.png'), blackPng(6000, 6000));
    writeFileSync(join(d, 'b', 'big.png'), blackPng(6000, 6000));
    const start = performance.now();
    expect(() => loadImageFolder(d)).toThrow(/big\.png is 6000x6000; images of at most 1,048,576 pixels/);
    expect(performance.now() - start).toBeLessThan(500);
  });

  it('refuses a FIFO named like a data file at once instead of blocking the engine', () => {
    const d = dir();
    mkdirSync(join(d, 'a'));
    mkdirSync(join(d, 'b'));
    writeFileSync(join(d, 'a', 'one.png'), PNG.sync.write(new PNG({ width: 2, height: 2 })));
    fifo(join(d, 'b', 'x.png'), 3000);
    let start = performance.now();
    expect(() => loadImageFolder(d)).toThrow(/x\.png is not a regular file \(a pipe, socket or device\)/);
    expect(performance.now() - start).toBeLessThan(1000);
    fifo(join(d, 'labels-idx1-ubyte'), 3000);
    start = performance.now();
    expect(() => readIdx(join(d, 'labels-idx1-ubyte'))).toThrow(/not a regular file/);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(() => readIdx(d)).toThrow(/not a regular file \(a folder\)/);
  });

  it('refuses more classes than byte labels hold instead of wrapping them around', () => {
    const d = dir();
    const tiny = blackPng(1, 1);
    for (let c = 0; c < 257; c++) {
      mkdirSync(join(d, `c${String(c).padStart(3, '0')}`));
      writeFileSync(join(d, `c${String(c).padStart(3, '0')}`, 'x.png'), tiny);
    }
    expect(() => loadImageFolder(d)).toThrow(/has 257 class folders; NetBuilder trains on at most 256 classes/);
  });

  it('counts test images against test labels', () => {
    const d = dir();
    writeFileSync(join(d, 'tri'), idx([4, 1, 1], [0, 1, 2, 3]));
    writeFileSync(join(d, 'trl'), idx([4], [0, 1, 0, 1]));
    writeFileSync(join(d, 'tei'), idx([3, 1, 1], [0, 1, 2]));
    writeFileSync(join(d, 'tel'), idx([2], [0, 1]));
    expect(() => loadDataset({ kind: 'idx', trainImages: join(d, 'tri'), trainLabels: join(d, 'trl'), testImages: join(d, 'tei'), testLabels: join(d, 'tel') })).toThrow(/tel has 2 labels for 3 test images/);
  });

  it('counts classes over the test labels too, so the network is checked against all of them before training', () => {
    const d = dir();
    writeFileSync(join(d, 'tri'), idx([4, 1, 1], [0, 1, 2, 3]));
    writeFileSync(join(d, 'trl'), idx([4], [0, 1, 0, 1]));
    writeFileSync(join(d, 'tei'), idx([2, 1, 1], [0, 1]));
    writeFileSync(join(d, 'tel'), idx([2], [1, 5]));
    const ds = loadDataset({ kind: 'idx', trainImages: join(d, 'tri'), trainLabels: join(d, 'trl'), testImages: join(d, 'tei'), testLabels: join(d, 'tel') });
    expect(ds.classNames).toHaveLength(6);
  });
});
