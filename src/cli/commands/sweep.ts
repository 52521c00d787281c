import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { EpochMetrics } from '@shared/ipc/training';
import { requireNetwork } from '@shared/shape/network';
import { formatDuration } from '@shared/training/metrics';
import { isRegressionResult, parseSweepParam, parseSweepValues, planSweep, sweepParamName, sweepResult, sweepResultLine, type SweepResult } from '@shared/training/sweep';
import { initBackend } from '../../engine/backend';
import { train } from '../../engine/trainer';
import { print, printError } from '../terminal';
import { loadNetworkFile } from './loadGraph';
import { TRAIN_ARGS, TRAIN_ARGS_USAGE, trainInputs } from './trainArgs';

export const SWEEP_USAGE = `sweep <file> --param NAME --values A,B,C ${TRAIN_ARGS_USAGE}
        NAME: lr | samples | epochs | batch-size | LAYER.units (Dense) | LAYER.filters (Conv2D) | LAYER.rate (Dropout)
        one training run per value, one after another; --json prints one "sweep-result" line per value`;

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
const num = (v: number | null): string => (v === null ? '—' : v.toFixed(4));

/** "loss 0.4123, accuracy 85.00%, val_loss ..., test_accuracy 84.33%" */
function describe(r: SweepResult): string {
  if (isRegressionResult(r)) {
    return `loss ${num(r.loss)}, mae ${num(r.mae)}, val_loss ${num(r.valLoss)}, val_mae ${num(r.valMae)}, test_mse ${num(r.testMse)}, test_mae ${num(r.testMae)}`;
  }
  return `loss ${num(r.loss)}, accuracy ${pct(r.accuracy)}, val_loss ${num(r.valLoss)}, val_accuracy ${pct(r.valAccuracy)}, test_loss ${num(r.testLoss)}, test_accuracy ${pct(r.testAccuracy)}`;
}

/**
 * `netbuilder sweep`: the same training as `train`, once per value of one setting. Every value is
 * checked before the first run starts.
 */
export async function sweepCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...TRAIN_ARGS, param: { type: 'string' }, values: { type: 'string' } } });
  const parsed = trainInputs(positionals, values, SWEEP_USAGE, !!values.param && values.values !== undefined);
  if (!parsed) return 2;
  const { graph, name } = loadNetworkFile(parsed.file);
  requireNetwork(graph, 'The network cannot be trained yet');
  const target = parseSweepParam(values.param!, graph);
  if (!target.ok) {
    printError(target.problem);
    return 2;
  }
  const list = parseSweepValues(values.values!);
  if (!list.ok) {
    printError(`--values: ${list.problem}`);
    return 2;
  }
  // One shuffling seed for every run, so that the swept setting is what differs.
  const options = { ...parsed.options, seed: parsed.options.seed ?? Math.floor(Math.random() * 2 ** 31) };
  const plan = planSweep(target.target, list.values, graph, options);
  if (!plan.ok) {
    printError(`Nothing was trained; ${plan.problems.length === 1 ? 'one value cannot be used' : 'these values cannot be used'}:\n  ${plan.problems.join('\n  ')}`);
    return 2;
  }

  const param = sweepParamName(target.target);
  const engine = await initBackend();
  const json = values.json;
  if (json) print(JSON.stringify({ type: 'backend', ...engine }));
  else print(`Backend: ${engine.backend} (${engine.reason})\nSweeping ${param} of ${name} over ${list.values.join(', ')}: ${plan.runs.length} runs, one after another.`);

  let failed = false;
  for (const [i, run] of plan.runs.entries()) {
    if (!json) print(`Run ${i + 1} of ${plan.runs.length}, ${param} = ${run.value}...`);
    const epochs: EpochMetrics[] = [];
    const result = await train(randomUUID(), requireNetwork(run.graph, 'The network cannot be trained yet'), run.options, { epoch: (m) => epochs.push(m) });
    result.model.dispose();
    const row = sweepResult(run.value, result.finished, epochs);
    failed ||= row.reason === 'failed';
    if (json) print(JSON.stringify(sweepResultLine(param, row)));
    else print(`  ${param} = ${run.value}: ${describe(row)} (${row.reason}, ${row.epochs} epoch${row.epochs === 1 ? '' : 's'}, ${formatDuration(row.seconds)})${row.reason === 'diverged' ? `\n  ${result.finished.message}` : ''}`);
  }
  return failed ? 1 : 0;
}
