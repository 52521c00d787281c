// Reading a data file the user named: only regular files (a FIFO or a device named x.png would
// block the engine), and only up to a size decided before reading.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Largest data file or decompressed idx file the engine reads: the data are held in memory, and again as floats per batch. */
export const MAX_DATA_BYTES = 512 * 1024 * 1024;

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export function readRegularFile(path: string, maxBytes = MAX_DATA_BYTES): Uint8Array {
  let fd: number;
  try {
    // Non-blocking, so opening a FIFO returns at once instead of waiting for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`Cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`, { cause: err });
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new Error(`${path} is not a regular file (${info.isDirectory() ? 'a folder' : 'a pipe, socket or device'}).`);
    if (info.size > maxBytes) throw new Error(`${path} is ${mib(info.size)}; data files of at most ${mib(maxBytes)} can be read.`);
    const bytes = new Uint8Array(info.size);
    for (let at = 0; at < bytes.length; ) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      if (n === 0) throw new Error(`${path} got shorter while it was read.`);
      at += n;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}
