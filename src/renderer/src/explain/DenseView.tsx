// A Dense layer with the numbers: logits, their exponentials, the sum and the probabilities; the
// sample's loss under Keras's three cross-entropies with the one-hot vector; one unit's products;
// and the layer's shapes in Keras's (inputs, units) and numpy's (units, inputs) conventions.
import { useMemo, useState } from 'react';
import type { LayerNodeOf } from '@shared/graph/model';
import type { LayerActivation } from '@shared/ipc/maps';
import { denseShapes, denseUnit, explainDense, type Kernel2, type Values } from '@shared/explain';
import { format } from './Legend';

export function DenseView({ node, layer, input, label, classNames, batchSize }: { node: LayerNodeOf<'dense'>; layer: LayerActivation; input: Values; label: number | null; classNames: string[]; batchSize: number }): React.JSX.Element {
  const units = layer.shape[0];
  const [chosenLabel, setChosenLabel] = useState<number>(label ?? 0);
  const trueLabel = label ?? chosenLabel;
  const d = useMemo(() => explainDense(node, layer, input, trueLabel < units ? trueLabel : null), [node, layer, input, trueLabel, units]);
  // The true class's unit first: the logit that the loss is about.
  const [unit, setUnit] = useState(label !== null && label < units ? label : 0);
  const u = useMemo(() => denseUnit(input.data, layer.kernel as unknown as Kernel2, layer.bias?.data ?? null, Math.min(unit, units - 1)), [input, layer, unit, units]);
  const top = useMemo(() => u.products.map((p, i) => ({ p, i })).sort((a, b) => Math.abs(b.p) - Math.abs(a.p)).slice(0, 8), [u]);
  const inputs = input.data.length;
  const shapes = denseShapes(inputs, units, batchSize);
  const name = (i: number) => (units === classNames.length ? classNames[i] : `unit ${i}`);
  return (
    <div className="explain-dense" data-testid="explain-dense">
      <p className="small">
        <b>{node.name}</b>: {inputs} inputs, {units} units, activation <b>{node.params.activation}</b>. Each logit is z = sum of (input x weight) + bias.
      </p>
      {label === null && d.softmax && (
        <label className="small">
          Your drawing has no label: the true digit is{' '}
          <select value={chosenLabel} onChange={(e) => setChosenLabel(Number(e.target.value))}>
            {classNames.map((c, i) => (
              <option key={i} value={i}>{c}</option>
            ))}
          </select>
        </label>
      )}
      <table className="softmax-table" data-testid="explain-softmax">
        <thead>
          <tr>
            <th>class</th>
            <th>logit z</th>
            {d.softmax && <th>{d.softmax.shift ? `e^(z - ${format(d.softmax.shift, 2)})` : 'e^z'}</th>}
            <th>{d.softmax ? 'p = e^z / sum' : node.params.activation}</th>
            {d.losses && <th>one-hot y</th>}
            {d.losses && <th>-y log p</th>}
            {d.losses && <th>binary: -[y log p + (1-y) log(1-p)]</th>}
          </tr>
        </thead>
        <tbody>
          {d.logits.map((z, i) => (
            <tr key={i} className={d.losses && i === d.losses.label ? 'true-class' : ''}>
              <td>{name(i)}</td>
              <td className="mono">{format(z)}</td>
              {d.softmax && <td className="mono">{d.softmax.exps[i].toPrecision(5)}</td>}
              <td className="mono">{format(d.outputs[i])}</td>
              {d.losses && <td className="mono">{d.losses.oneHot[i]}</td>}
              {d.losses && <td className="mono">{format(d.losses.categoricalTerms[i])}</td>}
              {d.losses && <td className="mono">{format(d.losses.binaryTerms[i])}</td>}
            </tr>
          ))}
        </tbody>
        {d.softmax && (
          <tfoot>
            <tr>
              <td>sum</td>
              <td />
              <td className="mono" data-testid="explain-exp-sum">{d.softmax.sum.toPrecision(6)}</td>
              <td className="mono">{format(d.outputs.reduce((a, b) => a + b, 0))}</td>
              {d.losses && <td />}
              {d.losses && <td className="mono">{format(d.losses.categorical)}</td>}
              {d.losses && <td className="mono">mean {format(d.losses.binary)}</td>}
            </tr>
          </tfoot>
        )}
      </table>
      {d.softmax && <p className="small mono">softmax: p_i = e^(z_i) / sum_j e^(z_j){d.softmax.shift ? `; every z is shifted by ${format(d.softmax.shift, 2)} first so e^z does not overflow (the probabilities do not change)` : ''}</p>}
      {d.losses && (
        <table className="explain-sum" data-testid="explain-losses">
          <tbody>
            <tr className="result">
              <td>loss of this sample (true label {name(d.losses.label)})</td>
              <td className="mono" data-testid="explain-loss">-log({format(d.losses.trueProbability)}) = {format(d.losses.categorical)}</td>
            </tr>
            <tr>
              <td>categorical cross-entropy: -sum y_i log p_i over the one-hot y</td>
              <td className="mono">{format(d.losses.categorical)}</td>
            </tr>
            <tr>
              <td>sparse categorical: the label {d.losses.label} as an index, -log p[{d.losses.label}]</td>
              <td className="mono">{format(d.losses.sparseCategorical)}</td>
            </tr>
            <tr>
              <td>binary cross-entropy, as Keras computes it on these {units} outputs (each a yes/no, averaged); with two classes it is -log p of the true one</td>
              <td className="mono" data-testid="explain-binary">{format(d.losses.binary)}</td>
            </tr>
          </tbody>
        </table>
      )}
      <h3>One unit: {name(Math.min(unit, units - 1))}</h3>
      <label className="small">
        Unit <input type="number" min={0} max={units - 1} value={unit} onChange={(e) => setUnit(Math.max(0, Math.min(units - 1, Math.round(Number(e.target.value)) || 0)))} data-testid="explain-unit" />
      </label>
      <table className="explain-sum small">
        <tbody>
          {top.map(({ p, i }) => (
            <tr key={i}>
              <td>input[{i}] x kernel[{i}, {u.unit}]</td>
              <td className="mono">
                {format(u.inputs[i])} x {format(u.weights[i])} = {format(p)}
              </td>
            </tr>
          ))}
          <tr>
            <td>sum of all {inputs} products (the {top.length} largest shown)</td>
            <td className="mono">{format(u.dot)}</td>
          </tr>
          <tr>
            <td>+ bias[{u.unit}]</td>
            <td className="mono">{format(u.bias)}</td>
          </tr>
          <tr className="result">
            <td>= logit z[{u.unit}]</td>
            <td className="mono">{format(u.sum)}</td>
          </tr>
        </tbody>
      </table>
      <h3>Shapes: the same layer in two conventions (batch of {batchSize})</h3>
      <table className="shapes-table" data-testid="explain-shapes">
        <thead>
          <tr>
            <th>shape of</th>
            <th>{shapes.keras.name}</th>
            <th>{shapes.numpy.name}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>weights</td>
            <td className="mono">({shapes.keras.weights.join(', ')})</td>
            <td className="mono">({shapes.numpy.weights.join(', ')})</td>
          </tr>
          <tr>
            <td>bias</td>
            <td className="mono">({shapes.keras.bias.join(', ')}{shapes.keras.bias.length === 1 ? ',' : ''})</td>
            <td className="mono">({shapes.numpy.bias.join(', ')})</td>
          </tr>
          <tr>
            <td>input batch</td>
            <td className="mono">({shapes.keras.input.join(', ')})</td>
            <td className="mono">({shapes.numpy.input.join(', ')})</td>
          </tr>
          <tr>
            <td>output</td>
            <td className="mono">{shapes.keras.formula}</td>
            <td className="mono">{shapes.numpy.formula}</td>
          </tr>
          <tr>
            <td>bias broadcast</td>
            <td>{shapes.keras.broadcast}</td>
            <td>{shapes.numpy.broadcast}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
