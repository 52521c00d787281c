// Chooses the fastest TensorFlow.js backend that works here, and says which and why.
import * as tf from '@tensorflow/tfjs';
import type { BackendName, EngineInfo } from '@shared/ipc/training';
import { registerNativeKernels } from './nativeKernels';
import { loadSimdKernels, registerWasmGradientKernels } from './wasmKernels';

export const NATIVE_HINT = 'For native TensorFlow (about twice as fast), run `npm run setup:native` once, then restart.';
const BACKENDS: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

const NATIVE: EngineInfo = { backend: 'tensorflow', reason: 'Native TensorFlow (@tensorflow/tfjs-node).' };

let chosen: Promise<EngineInfo> | null = null;

/** Loads tfjs-node; null when it works, else why not. */
async function tryTensorflow(): Promise<string | null> {
  try {
    // Optional dependency: present where its own install worked or `npm run setup:native` built it.
    const name = '@tensorflow/tfjs-node';
    await import(/* @vite-ignore */ name);
    registerNativeKernels();
    return (await tf.setBackend('tensorflow')) ? null : 'the tensorflow backend did not initialise';
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/Cannot find (module|package) '@tensorflow\/tfjs-node'/.test(message)) return '@tensorflow/tfjs-node is not installed (its install could not download libtensorflow)';
    return `@tensorflow/tfjs-node does not load (${message.split('\n')[0].slice(0, 200)})`;
  }
}

/** Null when wasm cannot run; else what its kernels are (NetBuilder's SIMD kernels, or why not). */
async function tryWasm(): Promise<string | null> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    registerWasmGradientKernels();
    if (!(await tf.setBackend('wasm'))) return null;
    const problem = await loadSimdKernels();
    return problem ? `NetBuilder's SIMD kernels could not load (${problem}), so training is slower` : "NetBuilder's SIMD kernels";
  } catch {
    return null;
  }
}

/** NETBUILDER_BACKEND=tensorflow|wasm|cpu picks a backend for a whole process (comparing, benchmarks). */
function fromEnvironment(): BackendName | undefined {
  const value = process.env['NETBUILDER_BACKEND'];
  return BACKENDS.find((b) => b === value);
}

async function choose(prefer: BackendName | undefined): Promise<EngineInfo> {
  let why = prefer ? `asked for ${prefer}` : '';
  if (prefer !== 'wasm' && prefer !== 'cpu') {
    const problem = await tryTensorflow();
    if (!problem) return NATIVE;
    why = prefer ? `${why}, but ${problem}` : problem;
  }
  const nativeHint = prefer === 'wasm' || prefer === 'cpu' ? undefined : NATIVE_HINT;
  const kernels = prefer === 'cpu' ? null : await tryWasm();
  if (kernels) return { backend: 'wasm', reason: `${why}; using WebAssembly (SIMD) with ${kernels}.`, nativeHint };
  await tf.setBackend('cpu');
  return { backend: 'cpu', reason: `${why}; WebAssembly is unavailable, so training uses the slow pure-JavaScript backend.`, nativeHint };
}

/** The backend this process trains on, chosen once: native TensorFlow, else wasm, else cpu. */
export function initBackend(prefer: BackendName | undefined = fromEnvironment()): Promise<EngineInfo> {
  chosen ??= choose(prefer);
  return chosen;
}

/** Switches this process to exactly this backend, or throws saying why it cannot (tests, benchmarks). */
export async function useBackend(name: BackendName): Promise<EngineInfo> {
  chosen = null;
  if (name === 'tensorflow') {
    const problem = await tryTensorflow();
    if (problem) throw new Error(problem);
    chosen = Promise.resolve(NATIVE);
    return NATIVE;
  }
  const info = await choose(name);
  if (info.backend !== name) throw new Error(`The ${name} backend is unavailable: ${info.reason}`);
  chosen = Promise.resolve(info);
  return info;
}
