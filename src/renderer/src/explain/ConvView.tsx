// A Conv2D unit step by step: the input under the kernel (padding drawn as zeros), the kernel of
// the chosen filter for each input channel, the products, their sum plus the bias, the activation
// and the output; step or animate the kernel across the input to watch the map fill in.
import { useEffect, useMemo, useState } from 'react';
import type { LayerNodeOf } from '@shared/graph/model';
import type { LayerActivation } from '@shared/ipc/maps';
import { activationFormula, convUnit, type Kernel4, type Tensor3 } from '@shared/explain';
import { scaleFor } from './colour';
import { channelOf, MapCanvas, NumberGrid } from './grids';
import { format, Legend } from './Legend';
import { usePositionStepper, StepControls, type Position } from './stepper';

export function ConvView({ node, layer, input, at, onAt }: { node: LayerNodeOf<'conv2d'>; layer: LayerActivation; input: Tensor3; at: Position; onAt(p: Position): void }): React.JSX.Element {
  const kernel = layer.kernel as unknown as Kernel4;
  const [h, w, cin] = input.shape;
  const [oh, ow, cout] = layer.shape;
  const [inChannel, setInChannel] = useState(0);
  const stepper = usePositionStepper(oh, ow, at, onAt);
  const u = useMemo(() => convUnit(input, kernel, layer.bias?.data ?? null, node.params, at.row, at.col, at.channel), [input, kernel, layer, node.params, at]);
  const ic = Math.min(inChannel, cin - 1);
  useEffect(() => setInChannel(0), [layer.id]);

  const inputScale = useMemo(() => scaleFor(input.data), [input]);
  const kernelScale = useMemo(() => scaleFor(kernel.data, 'diverging'), [kernel]);
  const productScale = useMemo(() => scaleFor(u.products.flat(2), 'diverging'), [u]);
  const outputMap = useMemo(() => channelOf(layer.data, oh, ow, cout, at.channel), [layer, oh, ow, cout, at.channel]);
  const outputScale = useMemo(() => scaleFor(layer.data), [layer]);
  const mapValue = outputMap[at.row * ow + at.col];
  const pick = (p: number[][][]) => p.map((r) => r.map((c) => c[ic]));
  const p = node.params;

  return (
    <div className="explain-conv" data-testid="explain-conv">
      <p className="small">
        <b>{node.name}</b>: filter <b>{at.channel}</b> of {cout}, output unit <b data-testid="explain-position">({at.row}, {at.col})</b>. Kernel {p.kernelSize[0]}x{p.kernelSize[1]}x{cin}, stride {p.strides[0]}x{p.strides[1]}, padding <b>{p.padding}</b>
        {p.padding === 'same' ? ` (${u.padding.top} top, ${u.padding.bottom} bottom, ${u.padding.left} left, ${u.padding.right} right: zeros)` : ' (no padding)'}. The kernel's top-left cell sits on input ({u.top}, {u.left}) = ({at.row} x {p.strides[0]} - {u.padding.top}, {at.col} x {p.strides[1]} - {u.padding.left}).
      </p>
      <div className="explain-row">
        <figure>
          <figcaption>Input{cin > 1 ? `, channel ${ic}` : ''} ({h}x{w}) with the kernel on it</figcaption>
          <MapCanvas values={channelOf(input.data, h, w, cin, ic)} h={h} w={w} scale={inputScale} padding={u.padding} window={{ top: u.top, left: u.left, h: p.kernelSize[0], w: p.kernelSize[1] }} testId="explain-input-map" />
          <Legend scale={inputScale} label="input" />
        </figure>
        <figure>
          <figcaption>Output map of filter {at.channel} ({oh}x{ow}): click a cell</figcaption>
          <MapCanvas values={outputMap} h={oh} w={ow} scale={outputScale} cell={[at.row, at.col]} filled={stepper.filled} onPick={(row, col) => onAt({ ...at, row, col })} testId="explain-output-map" />
          <Legend scale={outputScale} label={node.params.activation === 'linear' ? 'output' : `after ${node.params.activation}`} />
        </figure>
      </div>
      <StepControls stepper={stepper} channel={at.channel} channels={cout} onChannel={(channel) => onAt({ ...at, channel })} />
      {cin > 1 && (
        <label className="small">
          Input channel{' '}
          <input type="number" min={0} max={cin - 1} value={ic} onChange={(e) => setInChannel(Math.max(0, Math.min(cin - 1, Math.round(Number(e.target.value)) || 0)))} data-testid="explain-in-channel" /> of {cin}: each channel has its own {p.kernelSize[0]}x{p.kernelSize[1]} slice of the kernel.
        </label>
      )}
      <div className="explain-row">
        <div>
          <div className="explain-row numbers">
            <figure>
              <figcaption>Input patch{cin > 1 ? ` (channel ${ic})` : ''}</figcaption>
              <NumberGrid rows={pick(u.inputPatch)} padded={u.padded} scale={inputScale} testId="explain-patch" />
            </figure>
            <span className="op">x</span>
            <figure>
              <figcaption>Kernel{cin > 1 ? ` (channel ${ic})` : ''}</figcaption>
              <NumberGrid rows={pick(u.kernel)} scale={kernelScale} testId="explain-kernel" />
            </figure>
            <span className="op">=</span>
            <figure>
              <figcaption>Products</figcaption>
              <NumberGrid rows={pick(u.products)} scale={productScale} testId="explain-products" />
            </figure>
          </div>
          <div className="legends">
            <Legend scale={kernelScale} label="kernel (signed)" />
            <Legend scale={productScale} label="products (signed)" />
          </div>
        </div>
        <table className="explain-sum">
          <tbody>
            {cin > 1 && (
              <tr>
                <td>sum of products per input channel</td>
                <td className="mono small">{u.channelSums.map((s, c) => (c === ic ? `[${format(s)}]` : format(s, 3))).join(' + ')}</td>
              </tr>
            )}
            <tr>
              <td>sum of all {u.products.flat(2).length} products</td>
              <td className="mono" data-testid="explain-dot">{format(u.dot)}</td>
            </tr>
            <tr>
              <td>+ bias of filter {at.channel}</td>
              <td className="mono" data-testid="explain-bias">{format(u.bias)}</td>
            </tr>
            <tr>
              <td>= sum (pre-activation)</td>
              <td className="mono" data-testid="explain-sum">{format(u.sum)}</td>
            </tr>
            <tr>
              <td>{node.params.activation}</td>
              <td className="mono">{activationFormula(node.params.activation, u.sum, u.output)}</td>
            </tr>
            <tr className="result">
              <td>= output</td>
              <td className="mono" data-testid="explain-output">{format(u.output)}</td>
            </tr>
            <tr>
              <td className="muted">the engine's feature map at ({at.row}, {at.col})</td>
              <td className="mono muted" data-testid="explain-map-value">{format(mapValue)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
