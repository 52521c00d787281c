// Every export format as files, for the command line and the app's Export dialog alike. The TF.js
// model (model.json + weights.bin) needs a built model and is written by the engine.
import type { Graph } from '../graph/model';
import type { SavedWeights } from '../training/weights';
import type { TrainOptions } from '../training/options';
import type { ParseResult } from '../serialization/document';
import { toTfjsCode } from './code';
import { toKerasJson } from './keras';
import { toNpz, weightTensors } from './npz';
import { toKerasScript } from './python/keras';
import { toPytorchScript } from './python/pytorch';

export const EXPORT_FORMATS = ['keras-json', 'keras-python', 'tfjs-model', 'tfjs-code', 'pytorch'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FORMAT_INFO: Record<ExportFormat, { label: string; description: string }> = {
  'keras-json': { label: 'Keras JSON', description: 'the architecture for keras.models.model_from_json' },
  'keras-python': { label: 'Keras script', description: 'build_model(), training as in the app, weights in an .npz beside it' },
  'tfjs-model': { label: 'TF.js model', description: 'model.json + weights.bin for tf.loadLayersModel' },
  'tfjs-code': { label: 'TF.js code', description: 'the layers as TensorFlow.js code' },
  pytorch: { label: 'PyTorch script', description: 'the nn.Module (NCHW), training as in the app, DistributedDataParallel with torchrun' },
};

export interface ExportFile {
  /** File name, relative to the folder the export goes to. */
  path: string;
  content: string | Uint8Array;
  mime: string;
}

export interface ExportRequest {
  graph: Graph;
  /** The network's name: file names and the model's name. */
  name: string;
  /** The training settings to reproduce (the last run's, or the defaults). */
  options: TrainOptions;
  /** Weights to ship with the scripts (trained, else none). */
  weights: SavedWeights | null;
  trained: boolean;
  /** The main file's name (default: from the network's name); the weights go beside it as <stem>.weights.npz. */
  fileName?: string;
  /** Keras script: build under tf.distribute (MirroredStrategy, or MultiWorkerMirroredStrategy with TF_CONFIG). */
  distribute?: boolean;
}

/** A name usable as a Python module and file name: "MNIST CNN" -> "mnist_cnn". */
export function fileStem(name: string): string {
  const stem = name.toLowerCase().replace(/\.nnb\.json$/, '').replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(stem) ? stem : `net_${stem}`;
}

export function exportFiles(format: Exclude<ExportFormat, 'tfjs-model'>, req: ExportRequest): ParseResult<ExportFile[]> {
  const named = req.fileName ? { stem: fileStem(req.fileName.replace(/\.[^.]*$/, '')), file: req.fileName } : null;
  const stem = named?.stem ?? fileStem(req.name);
  const defaults: Record<typeof format, string> = { 'keras-json': `${stem}.keras.json`, 'tfjs-code': `${stem}.js`, 'keras-python': `${stem}.py`, pytorch: `${stem}_pytorch.py` };
  const fileName = named?.file ?? defaults[format];
  const npz = `${stem}.weights.npz`;
  const weightsFile = req.weights ? [{ path: npz, content: toNpz(weightTensors(req.weights)), mime: 'application/octet-stream' }] : [];
  const script = { graph: req.graph, name: fileStem(req.name), fileName, options: req.options, weightsFile: req.weights ? npz : null, trained: req.trained };
  const one = (r: ParseResult<string>, path: string, mime: string, extra: ExportFile[] = []): ParseResult<ExportFile[]> =>
    r.ok ? { ok: true, value: [{ path, content: r.value, mime }, ...extra] } : r;
  switch (format) {
    case 'keras-json':
      return one(toKerasJson(req.graph), fileName, 'application/json');
    case 'tfjs-code':
      return one(toTfjsCode(req.graph), fileName, 'text/javascript');
    case 'keras-python':
      return one(toKerasScript({ ...script, distribute: req.distribute ?? false }), fileName, 'text/x-python', weightsFile);
    case 'pytorch':
      return one(toPytorchScript(script), fileName, 'text/x-python', weightsFile);
  }
}
