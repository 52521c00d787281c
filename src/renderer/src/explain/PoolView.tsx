// A pooling unit: the window on one channel of the input and the value it keeps (max) or the mean.
import { useMemo } from 'react';
import type { LayerNodeOf } from '@shared/graph/model';
import type { LayerActivation } from '@shared/ipc/maps';
import { poolUnit, type Tensor3 } from '@shared/explain';
import { scaleFor } from './colour';
import { channelOf, MapCanvas, NumberGrid } from './grids';
import { format, Legend } from './Legend';
import { StepControls, usePositionStepper, type Position } from './stepper';

export function PoolView({ node, layer, input, at, onAt }: { node: LayerNodeOf<'maxPooling2d' | 'averagePooling2d'>; layer: LayerActivation; input: Tensor3; at: Position; onAt(p: Position): void }): React.JSX.Element {
  const [h, w, c] = input.shape;
  const [oh, ow] = layer.shape;
  const mode = node.kind === 'maxPooling2d' ? 'max' : 'average';
  const u = useMemo(() => poolUnit(input, node.params, mode, at.row, at.col, at.channel), [input, node.params, mode, at]);
  const stepper = usePositionStepper(oh, ow, at, onAt);
  const inputScale = useMemo(() => scaleFor(input.data), [input]);
  const outputMap = useMemo(() => channelOf(layer.data, oh, ow, c, at.channel), [layer, oh, ow, c, at.channel]);
  const strides = node.params.strides ?? node.params.poolSize;
  const real = u.window.flat().filter((v): v is number => v !== null);
  return (
    <div className="explain-pool" data-testid="explain-pool">
      <p className="small">
        <b>{node.name}</b>: channel <b>{at.channel}</b>, output unit <b data-testid="explain-position">({at.row}, {at.col})</b>. Window {node.params.poolSize[0]}x{node.params.poolSize[1]}, stride {strides[0]}x{strides[1]}, padding <b>{node.params.padding}</b>. Pooling has no weights: each channel is pooled on its own.
      </p>
      <div className="explain-row">
        <figure>
          <figcaption>Input channel {at.channel} ({h}x{w}) with the window</figcaption>
          <MapCanvas values={channelOf(input.data, h, w, c, at.channel)} h={h} w={w} scale={inputScale} padding={u.padding} window={{ top: u.top, left: u.left, h: node.params.poolSize[0], w: node.params.poolSize[1] }} testId="explain-input-map" />
          <Legend scale={inputScale} label="input" />
        </figure>
        <figure>
          <figcaption>Output ({oh}x{ow}): click a cell</figcaption>
          <MapCanvas values={outputMap} h={oh} w={ow} scale={inputScale} cell={[at.row, at.col]} filled={stepper.filled} onPick={(row, col) => onAt({ ...at, row, col })} testId="explain-output-map" />
        </figure>
      </div>
      <StepControls stepper={stepper} channel={at.channel} channels={c} onChannel={(channel) => onAt({ ...at, channel })} />
      <div className="explain-row numbers">
        <figure>
          <figcaption>Window</figcaption>
          <NumberGrid rows={u.window.map((r) => r.map((v) => v ?? 0))} padded={u.window.map((r) => r.map((v) => v === null))} highlight={u.argmax} scale={inputScale} testId="explain-window" digits={4} />
        </figure>
        <span className="op">{mode === 'max' ? 'max' : 'mean'}</span>
        <div className="mono result-value" data-testid="explain-output">
          {format(u.output)}
        </div>
      </div>
      <p className="small mono">
        {mode === 'max'
          ? `max(${real.map((v) => format(v)).join(', ')}) = ${format(u.output)}`
          : `(${real.map((v) => format(v)).join(' + ')}) / ${u.count} = ${format(u.sum)} / ${u.count} = ${format(u.output)}`}
        {u.count < u.window.flat().length ? ` (padded cells ${mode === 'max' ? 'never win' : 'are not counted'})` : ''}
      </p>
    </div>
  );
}
