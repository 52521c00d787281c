// The idx format of MNIST and Fashion-MNIST: big-endian header, then unsigned bytes.
import { constants, gunzipSync } from 'node:zlib';
import { MAX_DATA_BYTES, readRegularFile } from './files';

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/** Reads an idx file (gzipped or not). Errors say what is wrong with which file. */
export function readIdx(path: string): IdxArray {
  let bytes = readRegularFile(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipIdx(bytes, path);
  return parseIdx(bytes, path);
}

/**
 * Decompresses a gzipped idx file no further than its header says it holds: the header is read
 * from the first bytes, and inflating stops at that size (or the limit), so a small file that
 * would inflate to gigabytes is refused after a few bytes.
 */
function gunzipIdx(compressed: Uint8Array, path: string): Uint8Array {
  let limit = MAX_DATA_BYTES + 4 + 4 * 4;
  try {
    const head = gunzipSync(compressed.subarray(0, 4096), { finishFlush: constants.Z_SYNC_FLUSH });
    if (head.length >= 4 && head[3] >= 1 && head[3] <= 4 && head.length >= 4 + head[3] * 4) limit = Math.min(limit, idxByteLength(head, path));
  } catch {
    // Not even the start inflates: the full attempt below says so.
  }
  try {
    // One byte over the expected size, so a file holding more than its header says is caught by parseIdx.
    return gunzipSync(compressed, { maxOutputLength: limit + 1 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new Error(`${path} inflates to more than its idx header says it holds (${limit.toLocaleString('en-US')} bytes): the file is corrupt.`, { cause: err });
    }
    throw new Error(`${path} looks gzipped but cannot be decompressed (truncated download?).`, { cause: err });
  }
}

/** The whole file's length as the header gives it; throws when that is over the limit. */
function idxByteLength(bytes: Uint8Array, name: string): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rank = bytes[3];
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + i * 4));
  const size = dims.reduce((a, b) => a * b, 1);
  if (size > MAX_DATA_BYTES) {
    throw new Error(`${name} says it holds ${dims.join(' x ')} = ${size.toLocaleString('en-US')} values; data sets of at most ${MAX_DATA_BYTES.toLocaleString('en-US')} bytes can be read.`);
  }
  return 4 + rank * 4 + size;
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
  const start = 4 + rank * 4;
  const size = idxByteLength(bytes, name) - start;
  if (bytes.length - start !== size) {
    throw new Error(`${name} should hold ${size.toLocaleString('en-US')} values (${dims.join(' x ')}) but has ${(bytes.length - start).toLocaleString('en-US')}: the file is truncated or corrupt.`);
  }
  return { dims, data: bytes.subarray(start) };
}
