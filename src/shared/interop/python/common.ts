// What the Keras and PyTorch scripts share: the training settings as the app used them, reading
// the data set (idx files by path, or the framework's own download), and the command line.
import type { Graph, LayerNode } from '../../graph/model';
import type { TrainOptions } from '../../training/options';
import { inferGraph } from '../../shape/infer';
import type { DatasetSpec } from '../../training/dataset';
import { dataArgument, datasetSettings } from './data';

export const KERAS_LOSS: Record<TrainOptions['loss'], string> = {
  categoricalCrossentropy: 'categorical_crossentropy',
  sparseCategoricalCrossentropy: 'sparse_categorical_crossentropy',
  binaryCrossentropy: 'binary_crossentropy',
  meanSquaredError: 'mean_squared_error',
  meanAbsoluteError: 'mean_absolute_error',
  huber: 'huber',
};

/** A table with a real-valued target: regression losses, MSE and MAE instead of accuracy. */
export function isRegression(o: TrainOptions): boolean {
  return o.dataset.kind === 'csv' && o.dataset.task === 'regression';
}

/** A JSON-like value as a Python literal. */
export function pyLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return value.length === 1 ? `(${pyLiteral(value[0])},)` : `(${value.map(pyLiteral).join(', ')})`;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${JSON.stringify(k)}: ${pyLiteral(v)}`);
  return `{${entries.join(', ')}}`;
}

export interface ScriptInput {
  graph: Graph;
  /** The network's name, for the model and the docstring. */
  name: string;
  /** The script's own file name, as its usage lines show it. */
  fileName: string;
  options: TrainOptions;
  /** The .npz file beside the script with the app's (trained) weights, or null when there are none. */
  weightsFile: string | null;
  /** Whether those weights were trained (else they are the initial ones). */
  trained: boolean;
}

const PYTHON_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);

/** A Python identifier per layer (Keras names may hold characters Python names may not), unique and clear of `reserved`. */
export function pythonNames(layers: readonly LayerNode[], reserved: readonly string[]): Map<string, string> {
  const taken = new Set([...PYTHON_KEYWORDS, ...reserved]);
  const names = new Map<string, string>();
  for (const node of layers) {
    let base = node.name.replace(/\W/g, '_');
    if (!/^[A-Za-z_]/.test(base)) base = `layer_${base}`;
    let name = base;
    for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    names.set(node.id, name);
  }
  return names;
}

/** The settings block at the top of both scripts: change them here, not in the code below. */
export function settingsBlock(input: ScriptInput, inputShape: number[]): string {
  const info = inferGraph(input.graph);
  const output = info.outputId ? info.nodes[info.outputId]?.outputShape : null;
  const classes = output ? (output[output.length - 1] as number) : 0;
  const o = input.options;
  const es = o.earlyStopping.enabled
    ? { monitor: o.earlyStopping.monitor, patience: o.earlyStopping.patience, min_delta: o.earlyStopping.minDelta, restore_best_weights: o.earlyStopping.restoreBestWeights }
    : null;
  const lines = [
    `INPUT_SHAPE = ${pyLiteral(inputShape)}`,
    `CLASSES = ${classes}`,
    `DATASET = ${pyLiteral(datasetSettings(o.dataset))}`,
    `TASK = ${JSON.stringify(isRegression(o) ? 'regression' : 'classification')}  # classes, or a real value per sample`,
    'TRAINING = {',
    `    "epochs": ${o.epochs},`,
    `    "batch_size": ${o.batchSize},`,
    `    "validation_split": ${o.validationSplit},`,
    `    "shuffle": ${pyLiteral(o.shuffle)},`,
    `    "limit": ${pyLiteral(o.trainLimit)},  # train on the first N samples only (None: all)`,
    `    "optimizer": ${pyLiteral(o.optimizer)},`,
    `    "learning_rate": ${o.learningRate},`,
    // A float: Keras' SGD refuses momentum=0 written as an int.
    ...(o.optimizer === 'sgd' ? [`    "momentum": ${Number.isInteger(o.momentum) ? o.momentum.toFixed(1) : o.momentum},`] : []),
    `    "loss": ${pyLiteral(KERAS_LOSS[o.loss])},`,
    `    "early_stopping": ${pyLiteral(es)},`,
    '}',
    `# ${input.weightsFile ? `The ${input.trained ? 'trained' : 'initial'} weights from NetBuilder, by Keras layer and weight name.` : 'No weights were exported with this network.'}`,
    `WEIGHTS = ${input.weightsFile ? `os.path.join(os.path.dirname(os.path.abspath(__file__)), ${JSON.stringify(input.weightsFile)})` : 'None'}`,
  ];
  return lines.join('\n');
}

/** The command line both scripts take. */
export function argsBlock(kind: DatasetSpec['kind']): string {
  return `def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\\n")[0])
${dataArgument(kind) || '    parser.set_defaults(data_dir=None)'}
    parser.add_argument("--epochs", type=int, default=TRAINING["epochs"])
    parser.add_argument("--limit", type=int, default=TRAINING["limit"], help="train on the first N samples only")
    parser.add_argument("--resume", action="store_true", help="start from the weights exported from NetBuilder")
    parser.add_argument("--evaluate", action="store_true", help="only evaluate the weights exported from NetBuilder")
    return parser.parse_args(argv)`;
}
