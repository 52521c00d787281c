// NetBuilder's own WebAssembly SIMD kernels, assembled from their text (conv.ts, poolGrad.ts)
// by wabt and run on the wasm backend's own memory: the module imports that WebAssembly.Memory,
// so kernels read and write tensors where the backend keeps them, by address, without copies.
// The module has no data segments and no memory of its own: it touches only the addresses it is
// given.
import wabtInit from 'wabt';
import { CONVOLUTION } from './conv';
import { POOL_GRADIENT } from './poolGrad';

const KERNELS_WAT = `(module
  (import "env" "memory" (memory 1))
  ${CONVOLUTION}
  ${POOL_GRADIENT})`;

type Fn = (...args: number[]) => void;

export interface SimdKernels {
  /** Pointers x, filter, y, then n, h, w, cin, oh, ow, cout, fh, fw, sh, sw, padTop, padLeft. */
  conv2d: Fn;
  /** Pointers x, dy, out, then n, h, w, cin, oh, ow, cout, fh, fw, sh, sw, padTop, padLeft. */
  conv2dFilterGrad: Fn;
  /** Pointers dy, filter as [fh, fw, cout, cin], dx, then the same shape numbers. */
  conv2dInputGrad: Fn;
  /** Pointers x, dy, dx, then n, h, w, c, oh, ow. */
  maxPoolGrad2x2: Fn;
}

let binary: Promise<Uint8Array<ArrayBuffer>> | null = null;

/** The module's bytes, assembled once per thread (about 10 ms). */
function kernelsBinary(): Promise<Uint8Array<ArrayBuffer>> {
  binary ??= wabtInit().then((wabt) => {
    const parsed = wabt.parseWat('netbuilder-kernels.wat', KERNELS_WAT, { simd: true, bulk_memory: true });
    try {
      parsed.resolveNames();
      parsed.validate();
      return new Uint8Array(parsed.toBinary({}).buffer);
    } finally {
      parsed.destroy();
    }
  });
  return binary;
}

/** The kernels, working on this memory (the wasm backend's). */
export async function instantiateKernels(memory: WebAssembly.Memory): Promise<SimdKernels> {
  const module = await WebAssembly.compile(await kernelsBinary());
  const { exports } = await WebAssembly.instantiate(module, { env: { memory } });
  return exports as unknown as SimdKernels;
}
