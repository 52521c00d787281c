import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { formatDuration, threadsText } from '@shared/training/metrics';
import { initBackend } from '../../engine/backend';
import { train } from '../../engine/trainer';
import { requireNetwork } from '@shared/shape/network';
import { loadNetworkFile } from './loadGraph';
import { createDocument, serializeDocument } from '@shared/serialization';
import { writeFileAtomic } from '../../node/files/atomicWrite';
import { getWeights } from '../../engine/weights';
import { print } from '../terminal';
import { TRAIN_ARGS, TRAIN_ARGS_USAGE, trainInputs } from './trainArgs';

export const TRAIN_USAGE = `train <file> ${TRAIN_ARGS_USAGE}\n        [--save FILE]   write the network with its trained weights`;

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);

/** `netbuilder train`: trains on the same engine the app uses, printing progress and metrics. */
export async function trainCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...TRAIN_ARGS, save: { type: 'string' } } });
  const parsed = trainInputs(positionals, values, TRAIN_USAGE);
  if (!parsed) return 2;
  const { graph, name } = loadNetworkFile(parsed.file);
  const network = requireNetwork(graph, 'The network cannot be trained yet');
  const engine = await initBackend();
  const json = values.json;
  const log = (o: object): void => print(JSON.stringify(o));
  if (json) log({ type: 'backend', ...engine });
  else print(`Backend: ${engine.backend} (${engine.reason})${engine.nativeHint ? `\n${engine.nativeHint}` : ''}`);

  let bar: SingleBar | null = null;
  const result = await train(randomUUID(), network, parsed.options, {
    started: (s) => {
      // The plane's points are for the app's decision-boundary view, not for the terminal.
      const { plane: _plane, ...started } = s;
      if (json) return log({ type: 'started', ...started });
      print(`Training ${name} on ${threadsText(s)}: ${s.trainSamples.toLocaleString('en-US')} samples, ${s.validationSamples.toLocaleString('en-US')} for validation, ${s.stepsPerEpoch.toLocaleString('en-US')} steps per epoch.`);
    },
    batch: (b) => {
      if (json) return;
      if (!bar) {
        bar = new SingleBar({ format: `Epoch ${b.epoch}/${b.epochs} [{bar}] {value}/{total} | loss {loss} | acc {acc} | {rate} samples/s | ETA {eta_s}`, hideCursor: true, etaBuffer: 50 });
        bar.start(b.steps, 0, { loss: '-', acc: '-', rate: '-', eta_s: '-' });
      }
      bar.update(b.step, { loss: b.loss.toFixed(4), acc: pct(b.accuracy), rate: Math.round(b.samplesPerSecond), eta_s: formatDuration(b.etaSeconds) });
    },
    epoch: (m) => {
      if (json) {
        const metrics = m.mae !== null ? { mse: m.mse, mae: m.mae, val_loss: m.valLoss, val_mse: m.valMse, val_mae: m.valMae } : { accuracy: m.accuracy, val_loss: m.valLoss, val_accuracy: m.valAccuracy };
        // With regularizers, loss = data_loss + reg_loss (and val_loss = val_data_loss + the penalty), as Keras reports loss.
        const split = m.regLoss !== null ? { data_loss: m.dataLoss, reg_loss: m.regLoss, val_data_loss: m.valDataLoss } : {};
        return log({ type: 'epoch', epoch: m.epoch, loss: m.loss, ...split, ...metrics, seconds: m.durationMs / 1000 });
      }
      (bar as SingleBar | null)?.stop();
      bar = null;
      const metrics = m.mae !== null ? `mse ${m.mse?.toFixed(4)}, mae ${m.mae.toFixed(4)}, val_loss ${m.valLoss?.toFixed(4) ?? '—'}, val_mae ${m.valMae?.toFixed(4) ?? '—'}` : `accuracy ${pct(m.accuracy)}, val_loss ${m.valLoss?.toFixed(4) ?? '—'}, val_accuracy ${pct(m.valAccuracy)}`;
      const split = m.regLoss !== null ? ` (data ${m.dataLoss!.toFixed(4)} + regularization ${m.regLoss.toFixed(4)})` : '';
      print(`Epoch ${m.epoch}: loss ${m.loss.toFixed(4)}${split}, ${metrics} (${formatDuration(m.durationMs / 1000)})`);
    },
  });
  (bar as SingleBar | null)?.stop();
  const f = result.finished;
  if (json) log({ type: 'finished', reason: f.reason, message: f.message, test_loss: f.testLoss, ...(f.testMae !== null ? { test_mse: f.testMse, test_mae: f.testMae, baseline_test_mse: f.baseline?.testMse ?? null, baseline_test_mae: f.baseline?.testMae ?? null } : { test_accuracy: f.testAccuracy }), best_epoch: f.bestEpoch, restored_from_epoch: f.restoredWeightsFromEpoch, seconds: f.durationMs / 1000, backend: engine.backend });
  else {
    const linear = f.baseline?.testMse != null ? `; linear regression on the same inputs: MSE ${f.baseline.testMse.toFixed(4)}, MAE ${f.baseline.testMae!.toFixed(4)}` : '';
    const test = f.testMae !== null ? `Test MSE ${f.testMse?.toFixed(4)}, MAE ${f.testMae.toFixed(4)}${linear}` : `Test accuracy: ${pct(f.testAccuracy)}`;
    print(`${f.message}\n${test} (loss ${f.testLoss?.toFixed(4) ?? '—'}) in ${formatDuration(f.durationMs / 1000)} on ${engine.backend}.`);
  }
  if (values.save) {
    await writeFileAtomic(values.save, serializeDocument(createDocument(graph, name, { weights: getWeights(result.model) })));
    if (!json) print(`Saved the trained network to ${values.save}.`);
  }
  result.model.dispose();
  return f.reason === 'diverged' || f.reason === 'failed' ? 1 : 0;
}
