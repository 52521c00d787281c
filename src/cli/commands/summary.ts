import { parseArgs } from 'node:util';
import { inferGraph } from '@shared/shape/infer';
import { buildSummary, renderSummaryText } from '@shared/summary';
import { loadNetworkFile } from './loadGraph';
import { print, printError } from '../terminal';

export const SUMMARY_USAGE = 'summary <file> [--json]       Keras-style summary of a network (.nnb.json, Keras JSON or TF.js model.json)';

/** `netbuilder summary <file> [--json]`: exit 0 for a valid network, 1 when it has errors or cannot be read. */
export function summaryCommand(args: string[]): number {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  if (positionals.length !== 1) {
    printError('Usage: netbuilder summary <file> [--json]');
    return 2;
  }
  const { graph, name } = loadNetworkFile(positionals[0]);
  const info = inferGraph(graph);
  const summary = buildSummary(graph, info);
  if (values.json) {
    const out = {
      name,
      valid: info.valid,
      layers: summary.rows.map((r) => ({
        name: r.name,
        type: r.type,
        outputShape: r.outputShape,
        params: r.params,
        formula: r.formula,
        ...(r.errors.length ? { errors: r.errors } : {}),
        ...(r.warnings.length ? { warnings: r.warnings } : {}),
      })),
      totalParams: summary.totalParams,
      trainableParams: summary.trainableParams,
      nonTrainableParams: summary.nonTrainableParams,
      ...(info.graphErrors.length ? { errors: info.graphErrors } : {}),
    };
    print(JSON.stringify(out));
  } else {
    print(renderSummaryText(summary, name));
    for (const e of info.graphErrors) print(`! ${e}`);
  }
  return info.valid ? 0 : 1;
}
