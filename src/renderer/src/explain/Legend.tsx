import { useMemo } from 'react';
import type { Scale } from './colour';

/** A colour bar with its end values (and 0 in the middle of a diverging one). */
export function Legend({ scale, label, ends }: { scale: Scale; label: string; ends?: [string, string] }): React.JSX.Element {
  const gradient = useMemo(() => {
    const stops = Array.from({ length: 11 }, (_, i) => scale.colour(scale.lo + ((scale.hi - scale.lo) * i) / 10));
    return `linear-gradient(to right, ${stops.join(', ')})`;
  }, [scale]);
  return (
    <div className="legend" data-testid="legend" data-scale={scale.kind}>
      <span className="legend-label">{label}</span>
      <span className="legend-value">{ends ? ends[0] : format(scale.lo)}</span>
      <span className="legend-bar" style={{ background: gradient }} />
      <span className="legend-value">{ends ? ends[1] : format(scale.hi)}</span>
      <span className="legend-kind muted">{scale.kind === 'diverging' ? 'blue < 0 < red' : 'low to high'}</span>
    </div>
  );
}

export function format(v: number, digits = 4): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-4) return v.toExponential(2);
  return v.toFixed(digits);
}
