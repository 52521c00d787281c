// numpy's .npz (a zip of .npy arrays), so Python reads the app's weights with np.load, and the
// float32 bytes behind saved weights.
import { zipSync } from 'fflate';
import type { SavedWeights } from '../training/weights';

export interface NamedTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** The tensors of saved weights (base64 little-endian float32 in the file) as arrays. */
export function weightTensors(weights: SavedWeights): NamedTensor[] {
  return weights.tensors.map((t) => {
    const binary = atob(t.data);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return { name: t.name, shape: t.shape, values: new Float32Array(bytes.buffer) };
  });
}

/** One .npy file (format 1.0): magic, a header padded to 64 bytes, little-endian float32 data. */
export function toNpy(shape: number[], values: Float32Array): Uint8Array {
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const unpadded = 10 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + values.byteLength);
  out.set([0x93, ...Array.from('NUMPY', (c) => c.charCodeAt(0)), 1, 0, header.length & 0xff, header.length >> 8]);
  out.set(Array.from(header, (c) => c.charCodeAt(0)), 10);
  const data = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  // float32 arrays are little-endian on every platform the app runs on, as '<f4' says.
  out.set(data, 10 + header.length);
  return out;
}

/** An .npz whose keys are the tensor names ("conv2d/kernel"), stored uncompressed as np.savez does. */
export function toNpz(tensors: NamedTensor[]): Uint8Array {
  return zipSync(Object.fromEntries(tensors.map((t) => [`${t.name}.npy`, [toNpy(t.shape, t.values), { level: 0 }]])));
}
