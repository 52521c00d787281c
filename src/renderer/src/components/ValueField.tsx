import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { appliesWhileTyping, formatEntry, parseEntry, type EntryKind } from '@shared/entry';

interface ValueFieldProps<T> {
  id: string;
  kind: EntryKind;
  value: T;
  /** Bounds and types: the same schema the file format or the contract checks. */
  schema: z.ZodType<T>;
  onApply(value: T): void;
  placeholder?: string;
  className?: string;
  'aria-label'?: string;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The one way values are edited. The text stays exactly as typed; a value is applied when it is
 * complete and valid (Enter, leaving the field, or while typing when showing it would not rewrite
 * the text); an invalid entry says why and applies nothing (the value from before the edit
 * holds while the text is invalid). Escape puts the value from before the edit back.
 */
export function ValueField<T>({ id, kind, value, schema, onApply, placeholder, className, ...rest }: ValueFieldProps<T>): React.JSX.Element {
  const [text, setText] = useState(() => formatEntry(kind, value));
  const [problem, setProblem] = useState<string | null>(null);
  const textRef = useRef(text);
  textRef.current = text;
  // The value when editing began: while the text is invalid the network has this value again.
  const startValue = useRef(value);
  // The last value this field applied: its echo from the store must not rewrite the text.
  const applied = useRef(value);
  const apply = (v: T): void => {
    applied.current = v;
    onApply(v);
  };

  // A value changed elsewhere (undo, another field, a reset) replaces the text, unless the text
  // already stands for it (the change came from this field).
  useEffect(() => {
    if (same(applied.current, value)) return;
    applied.current = value;
    const current = parseEntry(kind, textRef.current, schema);
    if (current.ok && same(current.value, value)) return;
    setText(formatEntry(kind, value));
    setProblem(null);
  }, [kind, schema, value]);

  const commit = (): void => {
    const result = parseEntry(kind, text, schema);
    if (!result.ok) return setProblem(result.problem);
    setProblem(null);
    setText(formatEntry(kind, result.value));
    startValue.current = result.value;
    if (!same(result.value, value)) apply(result.value);
  };

  return (
    <>
      <input
        id={id}
        data-testid={id}
        className={`${className ?? ''}${problem ? ' invalid' : ''}`}
        value={text}
        placeholder={placeholder}
        inputMode={kind === 'int' ? 'numeric' : kind === 'float' ? 'decimal' : undefined}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        aria-label={rest['aria-label']}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          const result = parseEntry(kind, next, schema);
          setProblem(result.ok ? null : result.problem);
          if (result.ok && appliesWhileTyping(kind, next, result) && !same(result.value, value)) apply(result.value);
          if (!result.ok && !same(startValue.current, value)) apply(startValue.current);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setText(formatEntry(kind, startValue.current));
            setProblem(null);
            if (!same(startValue.current, value)) apply(startValue.current);
          }
        }}
        onFocus={() => (startValue.current = value)}
        onBlur={commit}
      />
      {problem && (
        <div className="field-problem" id={`${id}-problem`} role="alert" data-testid={`${id}-problem`}>
          {problem} Not applied.
        </div>
      )}
    </>
  );
}
