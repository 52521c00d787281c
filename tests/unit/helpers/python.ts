// The Python with TensorFlow, Keras and PyTorch that the export tests run the exported scripts in:
// NETBUILDER_PYTHON, else the project's .venv (`npm run setup:python` creates it). Where there is
// none, the tests are reported as skipped with the reason in their name, never as passed;
// NETBUILDER_REQUIRE_PYTHON=1 (CI after a successful setup) makes them fail instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface PythonUnderTest {
  python: string | null;
  /** Why the Python tests are skipped here; null when they run. */
  skip: string | null;
}

const root = join(__dirname, '../../..');

export function pythonWithFrameworks(): PythonUnderTest {
  const candidates = [process.env['NETBUILDER_PYTHON'], join(root, '.venv/bin/python'), join(root, '.venv/Scripts/python.exe')].filter((p): p is string => !!p);
  const python = candidates.find((p) => existsSync(p));
  let skip: string | null = null;
  if (!python) skip = 'no Python with TensorFlow, Keras and PyTorch: run `npm run setup:python` (or set NETBUILDER_PYTHON)';
  else {
    const check = spawnSync(python, ['-c', 'import keras, tensorflow, torch, numpy'], { encoding: 'utf8', env: pythonEnv() });
    if (check.status !== 0) skip = `${python} cannot import keras, tensorflow, torch and numpy: ${check.stderr.trim().split('\n').pop()}`;
  }
  if (skip && process.env['NETBUILDER_REQUIRE_PYTHON'] === '1') throw new Error(`NETBUILDER_REQUIRE_PYTHON=1 but ${skip}`);
  return { python: skip ? null : python!, skip };
}

/** Quiet TensorFlow's start-up logs; Keras on TensorFlow. */
export function pythonEnv(): NodeJS.ProcessEnv {
  return { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3', KERAS_BACKEND: 'tensorflow', PYTHONDONTWRITEBYTECODE: '1' };
}

/** Python that imports an exported script as a module: `load("net.py")` (builds nothing by itself). */
export const LOAD_EXPORTED = `
import importlib.util, json, sys
import numpy as np
def load(path):
    spec = importlib.util.spec_from_file_location("exported", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
`;
