// The Keras-style summary table, for the UI's summary panel and the CLI.
import type { Graph } from './graph/model';
import { formatCount, formatParamsWithBytes, formatShape } from './format';
import { getSpec, isLayerKind } from './layers/registry';
import type { GraphInfo } from './shape/types';
import { inputsOf, isChain } from './graph/ops';

export interface SummaryRow {
  id: string;
  name: string;
  /** Keras class name, e.g. "Conv2D". */
  type: string;
  outputShape: (number | null)[] | null;
  params: number;
  trainable: number;
  nonTrainable: number;
  /** Keras' "Connected to" column of a Functional model: "conv2d[0][0], input_layer[0][0]", or "-". */
  connectedTo: string;
  /** "(3*3*32 + 1) * 64 = 18,496", empty for layers without weights. */
  formula: string;
  errors: string[];
  warnings: string[];
}

export interface Summary {
  /** A graph with branches or merges is summarised as Keras summarises a Functional model. */
  functional: boolean;
  rows: SummaryRow[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
  bytes: number;
}

/**
 * Rows in topological order (as Keras lists layers), then any layer that could not be ordered.
 * A chain leaves its Input out, as Keras' summary of a Sequential model does; a Functional
 * model's summary lists it, and says what each layer is connected to.
 */
export function buildSummary(graph: Graph, info: GraphInfo): Summary {
  const functional = !isChain(graph);
  const inputs = inputsOf(graph);
  const ids = [...info.order, ...graph.nodes.map((n) => n.id).filter((id) => !info.order.includes(id))];
  const rows = ids
    .filter((id) => info.nodes[id] && (functional || info.nodes[id].kind !== 'input'))
    .map((id): SummaryRow => {
      const n = info.nodes[id];
      const from = inputs.get(id) ?? [];
      return {
        connectedTo: from.length === 0 ? '-' : from.map((s) => `${info.nodes[s]?.name ?? s}[0][0]`).join(', '),
        id,
        name: n.name,
        type: isLayerKind(n.kind) ? getSpec(n.kind).keras.className : String(n.kind),
        outputShape: n.outputShape,
        params: n.params.total,
        trainable: n.params.trainable,
        nonTrainable: n.params.nonTrainable,
        formula: n.formula,
        errors: n.errors,
        warnings: n.warnings,
      };
    });
  return {
    functional,
    rows,
    totalParams: info.totals.total,
    trainableParams: info.totals.trainable,
    nonTrainableParams: info.totals.nonTrainable,
    bytes: info.totals.bytes,
  };
}

/** Text like Keras' model.summary(), with the counting formula under each layer that has weights. */
export function renderSummaryText(summary: Summary, title = 'Model'): string {
  const cells = summary.rows.map((r) => [`${r.name} (${r.type})`, formatShape(r.outputShape), formatCount(r.params), ...(summary.functional ? [r.connectedTo] : [])]);
  const headers = ['Layer (type)', 'Output Shape', 'Param #', ...(summary.functional ? ['Connected to'] : [])];
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)) + 2);
  const line = (ch: string): string => ch.repeat(widths.reduce((a, b) => a + b, 0));
  const row = (c: string[]): string =>
    c[0].padEnd(widths[0]) + c[1].padEnd(widths[1]) + c[2].padStart(widths[2] - 2) + (c[3] !== undefined ? `  ${c[3].padEnd(widths[3])}` : '');
  const out = [`Model: "${title}"`, line('━'), row(headers), line('━')];
  summary.rows.forEach((r, i) => {
    out.push(row(cells[i]));
    if (r.formula) out.push(`    = ${r.formula}`);
    for (const e of r.errors) out.push(`    ! ${e}`);
    for (const w of r.warnings) out.push(`    ~ ${w}`);
    out.push(i === summary.rows.length - 1 ? line('━') : line('─'));
  });
  out.push(` Total params: ${formatParamsWithBytes(summary.totalParams)}`);
  out.push(` Trainable params: ${formatParamsWithBytes(summary.trainableParams)}`);
  out.push(` Non-trainable params: ${formatParamsWithBytes(summary.nonTrainableParams)}`);
  return out.join('\n');
}
