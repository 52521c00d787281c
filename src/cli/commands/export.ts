import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, exportFiles, type ExportFormat } from '@shared/interop/exports';
import { TrainOptionsSchema } from '@shared/training/options';
import { readRuns } from '@shared/training/runs';
import { exportTfjs, getWeights } from '../../engine/weights';
import { networkWithWeights } from './networkWithWeights';
import { print, printError } from '../terminal';

export const EXPORT_USAGE = `export <file> --format ${EXPORT_FORMATS.join('|')} --out <path> [--distribute] [--weights <file>]
                               the network for Keras, TF.js or PyTorch: a file (and its .npz weights), or a folder for tfjs-model`;

const isFormat = (v: string | undefined): v is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(v ?? '');

/** `netbuilder export`: the same files the app's Export dialog gives, with the file's trained weights and last run's settings. */
export async function exportCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' }, out: { type: 'string' }, distribute: { type: 'boolean', default: false }, weights: { type: 'string' } } });
  } catch (err) {
    printError(`${(err as Error).message}\nUsage: netbuilder ${EXPORT_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || !values.out || !isFormat(values.format)) {
    const why = !isFormat(values.format) ? `--format must be one of ${EXPORT_FORMATS.join(', ')}${values.format ? ` (got "${values.format}")` : ''}.` : 'Give one network file and --out.';
    printError(`${why}\nUsage: netbuilder ${EXPORT_USAGE}`);
    return 2;
  }
  if (values.distribute && values.format !== 'keras-python') {
    printError('--distribute is for --format keras-python (the PyTorch script runs distributed under torchrun as it is).');
    return 2;
  }
  const { graph, name, doc, built, trained } = await networkWithWeights(positionals[0], values.weights);
  try {
    const out = values.out;
    if (values.format === 'tfjs-model') {
      // Untrained networks get the weights Keras' initialisers give a freshly built model.
      const files = await exportTfjs(built.model);
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'model.json'), files.modelJson);
      writeFileSync(join(out, 'weights.bin'), files.weights);
      print(`Wrote ${join(out, 'model.json')} and weights.bin (${trained ? 'trained' : 'initial'} weights, ${files.weights.byteLength.toLocaleString('en-US')} bytes).`);
      return 0;
    }
    const lastRun = readRuns(doc?.runs).at(-1);
    const files = exportFiles(values.format, {
      graph,
      name,
      fileName: basename(out),
      options: lastRun?.options ?? TrainOptionsSchema.parse({}),
      weights: trained ? getWeights(built.model) : null,
      trained,
      distribute: values.distribute,
    });
    if (!files.ok) {
      printError(files.error);
      return 1;
    }
    mkdirSync(dirname(out), { recursive: true });
    const [main, ...beside] = files.value;
    writeFileSync(out, main.content);
    for (const f of beside) writeFileSync(join(dirname(out), f.path), f.content);
    const settings = lastRun ? 'the settings of its last run' : 'the default training settings (the file has no runs)';
    print(`Wrote ${[out, ...beside.map((f) => join(dirname(out), f.path))].join(' and ')}${values.format.includes('python') || values.format === 'pytorch' ? `, with ${settings}${trained ? ' and its trained weights' : ''}` : ''}.`);
    return 0;
  } finally {
    built.model.dispose();
  }
}
