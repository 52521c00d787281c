import { useEffect, useState } from 'react';
import { formatCount, formatShape } from '@shared/format';
import { getSpec, isLayerKind } from '@shared/layers/registry';
import type { ParamField } from '@shared/layers/types';
import type { LayerNode } from '@shared/graph/model';
import { useAppStore } from '../store';

/** The selected layer's parameters, with validation, help for learners and the live calculation. */
export function Inspector(): React.JSX.Element {
  const selectedIds = useAppStore((s) => s.selectedIds);
  const node = useAppStore((s) => (s.selectedIds.length === 1 ? s.graph.nodes.find((n) => n.id === s.selectedIds[0]) : undefined));
  const info = useAppStore((s) => (node ? s.info.nodes[node.id] : undefined));
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
      {spec.fields.map((field) => (
        <FieldEditor key={`${node.id}:${field.key}`} node={node} field={field} defaults={spec.defaults as Record<string, unknown>} />
      ))}
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

/** Parses a typed entry; returns the value or why it is not acceptable. */
function parseEntry(field: ParamField, text: string): { value: unknown } | { problem: string } {
  const num = (s: string, integer: boolean): number | string => {
    const t = s.trim();
    if (t === '') return 'Enter a number.';
    const n = Number(t);
    if (!Number.isFinite(n)) return `“${s}” is not a number.`;
    if (integer && !Number.isInteger(n)) return 'Enter a whole number.';
    if (field.min !== undefined && n < field.min) return `At least ${field.min}.`;
    if (field.max !== undefined && n > field.max) return `At most ${formatCount(field.max)}.`;
    return n;
  };
  if (field.type === 'int' || field.type === 'float') {
    const n = num(text, field.type === 'int');
    return typeof n === 'number' ? { value: n } : { problem: n };
  }
  if (field.type === 'pair') {
    if (field.nullable && text.trim() === '') return { value: null };
    const parts = text.split(/[x×,\s]+/).filter(Boolean);
    if (parts.length === 1) parts.push(parts[0]);
    if (parts.length !== 2) return { problem: 'Enter height x width, e.g. 3x3 (or one number for both).' };
    const a = num(parts[0], true);
    const b = num(parts[1], true);
    if (typeof a !== 'number') return { problem: a };
    if (typeof b !== 'number') return { problem: b };
    return { value: [a, b] };
  }
  if (field.type === 'shape') {
    const parts = text.split(/[x×,\s]+/).filter(Boolean).map(Number);
    if (parts.length < 1 || parts.length > 3 || parts.some((n) => !Number.isInteger(n) || n < 1)) {
      return { problem: 'Enter 1 to 3 whole numbers, e.g. 28, 28, 1.' };
    }
    return { value: parts };
  }
  return { value: text };
}

function display(field: ParamField, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field.type === 'pair') return `${(value as number[])[0]}x${(value as number[])[1]}`;
  if (field.type === 'shape') return (value as number[]).join(', ');
  return String(value);
}

function FieldEditor({ node, field, defaults }: { node: LayerNode; field: ParamField; defaults: Record<string, unknown> }): React.JSX.Element {
  const params = node.params as Record<string, unknown>;
  const value = params[field.key];
  const [text, setText] = useState(display(field, value));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setText(display(field, value));
    setProblem(null);
  }, [field, value]);
  const apply = (v: unknown): void => useAppStore.getState().setParams(node.id, { [field.key]: v }, field.key);
  const isDefault = JSON.stringify(value) === JSON.stringify(defaults[field.key]);
  const id = `field-${field.key}`;

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
  } else {
    control = (
      <input
        id={id}
        data-testid={id}
        className={problem ? 'invalid' : ''}
        value={text}
        placeholder={field.nullable ? 'same as pool size' : undefined}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseEntry(field, e.target.value);
          if ('problem' in parsed) setProblem(parsed.problem);
          else {
            setProblem(null);
            apply(parsed.value);
          }
        }}
        onBlur={() => {
          setText(display(field, (useAppStore.getState().graph.nodes.find((n) => n.id === node.id)?.params as Record<string, unknown>)?.[field.key]));
          setProblem(null);
        }}
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
          <button className="link" title={`Reset to ${display(field, defaults[field.key]) || 'default'}`} onClick={() => apply(structuredClone(defaults[field.key]))}>
            reset
          </button>
        )}
      </div>
      {problem && <div className="field-problem">{problem} Not applied.</div>}
      <div className="field-help">{field.help}</div>
    </div>
  );
}
