// Chooses the fastest TensorFlow.js backend that works here, and says which and why.
import * as tf from '@tensorflow/tfjs';
import type { BackendName, EngineInfo } from '@shared/ipc/training';
import { registerWasmGradientKernels } from './wasmKernels';

let chosen: Promise<EngineInfo> | null = null;

async function tryTensorflow(): Promise<boolean> {
  try {
    // Optional dependency: present where libtensorflow could be installed.
    const name = '@tensorflow/tfjs-node';
    await import(/* @vite-ignore */ name);
    return (await tf.setBackend('tensorflow')) === true;
  } catch {
    return false;
  }
}

async function tryWasm(): Promise<boolean> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    registerWasmGradientKernels();
    return (await tf.setBackend('wasm')) === true;
  } catch {
    return false;
  }
}

export function initBackend(prefer?: BackendName): Promise<EngineInfo> {
  chosen ??= (async (): Promise<EngineInfo> => {
    if (prefer !== 'wasm' && prefer !== 'cpu' && (await tryTensorflow())) {
      return { backend: 'tensorflow', reason: 'Native TensorFlow (@tensorflow/tfjs-node) is installed.' };
    }
    const why = prefer ? `asked for ${prefer}` : '@tensorflow/tfjs-node is not installed (its native library could not be downloaded)';
    if (prefer !== 'cpu' && (await tryWasm())) {
      return { backend: 'wasm', reason: `${why}; using WebAssembly (SIMD) with NetBuilder's gradient kernels.` };
    }
    await tf.setBackend('cpu');
    return { backend: 'cpu', reason: `${why}; WebAssembly is unavailable, so training uses the slow pure-JavaScript backend.` };
  })();
  return chosen;
}
