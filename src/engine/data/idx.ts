// The idx format of MNIST and Fashion-MNIST: big-endian header, then unsigned bytes.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/** Reads an idx file (gzipped or not). Errors say what is wrong with which file. */
export function readIdx(path: string): IdxArray {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new Error(`Cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, { cause: err });
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (err) {
      throw new Error(`${path} looks gzipped but cannot be decompressed (truncated download?).`, { cause: err });
    }
  }
  return parseIdx(bytes, path);
}

export function parseIdx(bytes: Uint8Array, name = 'idx data'): IdxArray {
  if (bytes.length < 4) throw new Error(`${name} is too short to be an idx file.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0) !== 0 || bytes[2] !== 0x08) {
    throw new Error(`${name} is not an unsigned-byte idx file (bad magic number 0x${view.getUint32(0).toString(16).padStart(8, '0')}; expected 0x00000801 or 0x00000803).`);
  }
  const rank = bytes[3];
  if (rank < 1 || rank > 4 || bytes.length < 4 + rank * 4) throw new Error(`${name} has a bad idx header (rank ${rank}).`);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + i * 4));
  const size = dims.reduce((a, b) => a * b, 1);
  const start = 4 + rank * 4;
  if (bytes.length - start !== size) {
    throw new Error(`${name} should hold ${size.toLocaleString('en-US')} values (${dims.join(' x ')}) but has ${(bytes.length - start).toLocaleString('en-US')}: the file is truncated or corrupt.`);
  }
  return { dims, data: bytes.subarray(start) };
}
