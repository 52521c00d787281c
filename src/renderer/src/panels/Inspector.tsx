import { useEffect, useState } from 'react';
import { z } from 'zod';
import { formatEntry, type EntryKind } from '@shared/entry';
import { paramSchema } from '@shared/serialization/schema';
import { formatCount, formatShape } from '@shared/format';
import { getSpec, isLayerKind } from '@shared/layers/registry';
import type { ParamField } from '@shared/layers/types';
import { factors, penaltyFactor, withFactor, type Regularizer } from '@shared/layers/regularizer';
import type { LayerNode } from '@shared/graph/model';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store';
import { ValueField } from '../components/ValueField';
import { AugmentPreview } from './AugmentPreview';

/** The selected layer's parameters, with validation, help for learners and the live calculation. */
export function Inspector(): React.JSX.Element {
  const selectedIds = useAppStore((s) => s.selectedIds);
  const node = useAppStore((s) => (s.selectedIds.length === 1 ? s.graph.nodes.find((n) => n.id === s.selectedIds[0]) : undefined));
  const info = useAppStore((s) => (node ? s.info.nodes[node.id] : undefined));
  const edge = useAppStore((s) => (s.selectedEdgeIds.length === 1 ? s.graph.edges.find((e) => e.id === s.selectedEdgeIds[0]) : undefined));
  const edgeCount = useAppStore((s) => s.selectedEdgeIds.length);
  if (edge) return <ConnectionInfo source={edge.source} target={edge.target} />;
  if (edgeCount > 1) return <div className="panel-empty">{edgeCount} connections selected. Delete removes them.</div>;
  if (selectedIds.length > 1) return <div className="panel-empty">{selectedIds.length} layers selected. Delete, duplicate (Ctrl+D) or copy them.</div>;
  if (!node || !isLayerKind(node.kind) || !info) {
    return <div className="panel-empty">Select a layer to see its parameters, its output shape and how its parameters are counted.</div>;
  }
  const spec = getSpec(node.kind);
  return (
    <div className="inspector" data-testid="inspector">
      <div className="inspector-title">
        <span className="inspector-kind">{spec.label}</span>
        <NameField node={node} />
      </div>
      <p className="muted small">{spec.description}</p>
      {spec.params.fields.map((field) => (
        <FieldEditor key={`${node.id}:${field.key}`} node={node} field={field} defaults={spec.params.defaults as Record<string, unknown>} />
      ))}
      {(info.params.total > 0 || node.trainable === false) && <TrainableField node={node} />}
      {spec.inputs.max > 1 && <InputOrder node={node} />}
      <div className="calc" data-testid="inspector-calc">
        <div className="calc-row">
          <span>Input</span>
          <code>{info.inputShapes.length ? info.inputShapes.map(formatShape).join(', ') : node.kind === 'input' ? '—' : 'not connected'}</code>
        </div>
        <div className="calc-row">
          <span>Output</span>
          <code data-testid="inspector-shape">{formatShape(info.outputShape)}</code>
        </div>
        {info.shapeFormula && (
          <div className="calc-formula">
            <span className="muted">{['conv2d', 'maxPooling2d', 'averagePooling2d'].includes(node.kind) ? 'Size per axis, (I − F + 2P) / S + 1:' : 'Shape:'}</span>
            <code>{info.shapeFormula}</code>
          </div>
        )}
        <div className="calc-row">
          <span>Parameters</span>
          <code data-testid="inspector-params">{formatCount(info.params.total)}</code>
        </div>
        {info.formula && (
          <div className="calc-formula">
            <span className="muted">Counted as</span>
            <code data-testid="inspector-formula">{info.formula}</code>
          </div>
        )}
        {info.params.nonTrainable > 0 && (
          <div className="muted small">
            {formatCount(info.params.trainable)} trainable, {formatCount(info.params.nonTrainable)} non-trainable
          </div>
        )}
        {info.errors.map((e) => (
          <div key={e} className="message error">
            {e}
          </div>
        ))}
        {info.warnings.map((w) => (
          <div key={w} className="message warning">
            {w}
          </div>
        ))}
      </div>
      {spec.category === 'Augmentation' && <AugmentPreview nodeId={node.id} />}
    </div>
  );
}

function TrainableField({ node }: { node: LayerNode }): React.JSX.Element {
  const trainable = node.trainable !== false;
  return (
    <div className="field">
      <label htmlFor="field-trainable">Trainable</label>
      <div className="field-control">
        <input id="field-trainable" type="checkbox" checked={trainable} onChange={(e) => useAppStore.getState().setTrainable(node.id, e.target.checked)} data-testid="field-trainable" />
      </div>
      <div className="field-help">
        Off freezes the layer: training leaves its weights as they are (Keras&apos; trainable=False), and its parameters count as non-trainable.
      </div>
    </div>
  );
}

/** A merge layer's inputs in their order, which a person can change. */
function InputOrder({ node }: { node: LayerNode }): React.JSX.Element {
  const edges = useAppStore(useShallow((s) => s.graph.edges.filter((e) => e.target === node.id)));
  const names = useAppStore(useShallow((s) => edges.map((e) => s.graph.nodes.find((n) => n.id === e.source)?.name ?? '?')));
  const shapes = useAppStore(useShallow((s) => edges.map((e) => formatShape(s.info.nodes[e.source]?.outputShape ?? null))));
  const move = (id: string, by: -1 | 1): void => useAppStore.getState().moveInput(id, by);
  return (
    <div className="field" data-testid="input-order">
      <span className="field-label">Inputs, in order</span>
      {edges.length === 0 ? (
        <div className="field-help">Not connected yet. Connect two or more layers into it.</div>
      ) : (
        <ol className="input-order">
          {edges.map((e, i) => (
            <li key={e.id} data-testid={`input-${i + 1}`}>
              <span className="edge-order">{i + 1}</span>
              <span className="input-order-name" title={`${names[i]}: ${shapes[i]}`}>
                {names[i]} <span className="muted">{shapes[i]}</span>
              </span>
              <button className="icon" aria-label={`Move ${names[i]} up`} disabled={i === 0} onClick={() => move(e.id, -1)}>
                ↑
              </button>
              <button className="icon" aria-label={`Move ${names[i]} down`} disabled={i === edges.length - 1} onClick={() => move(e.id, 1)}>
                ↓
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="field-help">
        In the order they were connected; a new connection comes last. {node.kind === 'concatenate' ? 'Concatenate stacks them in this order.' : 'The order does not change the result here, only how the layer is written in Keras.'} The numbers are shown where the connections end on the canvas.
      </div>
    </div>
  );
}

function NameField({ node }: { node: LayerNode }): React.JSX.Element {
  const [text, setText] = useState(node.name);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setText(node.name), [node.name]);
  const commit = (): void => {
    if (text === node.name) return;
    const p = useAppStore.getState().renameLayer(node.id, text);
    setProblem(p);
    if (p) setText(node.name);
  };
  return (
    <>
      <input
        className="inspector-name nodrag"
        aria-label="Layer name"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {problem && <div className="message error">{problem}</div>}
    </>
  );
}

function FieldEditor({ node, field, defaults }: { node: LayerNode; field: ParamField; defaults: Record<string, unknown> }): React.JSX.Element {
  const params = node.params as Record<string, unknown>;
  const value = params[field.key];
  const apply = (v: unknown): void => useAppStore.getState().setParams(node.id, { [field.key]: v }, field.key);
  const isDefault = JSON.stringify(value) === JSON.stringify(defaults[field.key]);
  const id = `field-${field.key}`;
  const schema = paramSchema(node.kind, field.key);

  let control: React.JSX.Element;
  if (field.type === 'enum') {
    control = (
      <select id={id} value={String(value)} onChange={(e) => apply(e.target.value)} data-testid={id}>
        {field.options?.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (field.type === 'bool') {
    control = <input id={id} type="checkbox" checked={Boolean(value)} onChange={(e) => apply(e.target.checked)} data-testid={id} />;
  } else if (field.type === 'regularizer') {
    control = <RegularizerEditor id={id} label={field.label} value={value as Regularizer} onApply={apply} />;
  } else {
    control = (
      <ValueField
        id={id}
        kind={field.type}
        value={value}
        schema={schema ?? z.unknown()}
        onApply={apply}
        placeholder={field.placeholder}
      />
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>
        {field.label}
        {field.unit && <span className="muted"> ({field.unit})</span>}
      </label>
      <div className="field-control">
        {control}
        {!isDefault && (
          <button className="link" title={`Reset to ${formatEntry(entryKind(field), defaults[field.key]) || 'default'}`} onClick={() => apply(structuredClone(defaults[field.key]))}>
            reset
          </button>
        )}
      </div>
      <div className="field-help">{field.help}</div>
    </div>
  );
}

function entryKind(field: ParamField): EntryKind {
  return field.type === 'enum' || field.type === 'bool' || field.type === 'regularizer' ? 'text' : field.type;
}

/** A kernel or bias regularizer as its two factors; 0 and 0 is none. */
function RegularizerEditor({ id, label, value, onApply }: { id: string; label: string; value: Regularizer; onApply(v: Regularizer): void }): React.JSX.Element {
  const current = factors(value);
  return (
    <span className="regularizer-factors" id={id}>
      {(['l1', 'l2'] as const).map((key) => (
        <span key={key} className="regularizer-factor">
          <span className="muted">{key.toUpperCase()}</span>
          <ValueField
            id={`${id}-${key}`}
            kind="float"
            value={current[key]}
            schema={penaltyFactor}
            onApply={(v) => onApply(withFactor(value, key, v))}
            aria-label={`${label} ${key.toUpperCase()}`}
          />
        </span>
      ))}
    </span>
  );
}

function ConnectionInfo({ source, target }: { source: string; target: string }): React.JSX.Element {
  const from = useAppStore((s) => s.graph.nodes.find((n) => n.id === source));
  const to = useAppStore((s) => s.graph.nodes.find((n) => n.id === target));
  const shape = useAppStore((s) => s.info.nodes[source]?.outputShape ?? null);
  return (
    <div className="inspector" data-testid="connection-inspector">
      <div className="inspector-title">
        <span className="inspector-kind">Connection</span>
        <code>
          {from?.name} → {to?.name}
        </code>
      </div>
      <div className="calc">
        <div className="calc-row">
          <span>Carries</span>
          <code>{formatShape(shape)}</code>
        </div>
      </div>
      <p className="muted small">Delete or Backspace removes it. Drag one of its ends onto another layer to reconnect it; right-click it to insert a layer.</p>
    </div>
  );
}
