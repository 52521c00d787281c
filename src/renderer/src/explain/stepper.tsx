// Moving the window across the output: one step at a time, or animated, filling the map in.
import { useEffect, useRef, useState } from 'react';

export interface Position {
  row: number;
  col: number;
  channel: number;
}

export interface Stepper {
  index: number;
  total: number;
  /** Cells of the output drawn (all, unless animating). */
  filled: number | undefined;
  animating: boolean;
  step(delta: number): void;
  toggleAnimation(): void;
}

export function usePositionStepper(oh: number, ow: number, at: Position, onAt: (p: Position) => void): Stepper {
  const [animating, setAnimating] = useState(false);
  const latest = useRef({ at, onAt });
  latest.current = { at, onAt };
  const index = at.row * ow + at.col;
  const total = oh * ow;
  const step = (delta: number): void => {
    const i = Math.max(0, Math.min(total - 1, index + delta));
    onAt({ ...at, row: Math.floor(i / ow), col: i % ow });
  };
  useEffect(() => {
    if (!animating) return;
    // About four seconds across the whole map, whatever its size.
    const per = Math.max(1, Math.round(total / 120));
    const timer = setInterval(() => {
      const { at: a, onAt: go } = latest.current;
      const i = a.row * ow + a.col + per;
      if (i >= total) {
        go({ ...a, row: oh - 1, col: ow - 1 });
        setAnimating(false);
        return;
      }
      go({ ...a, row: Math.floor(i / ow), col: i % ow });
    }, 33);
    return () => clearInterval(timer);
  }, [animating, oh, ow, total]);
  return {
    index,
    total,
    filled: animating ? index + 1 : undefined,
    animating,
    step,
    toggleAnimation: () => {
      if (!animating && index >= total - 1) onAt({ ...at, row: 0, col: 0 });
      setAnimating((a) => !a);
    },
  };
}

export function StepControls({ stepper, channel, channels, onChannel }: { stepper: Stepper; channel: number; channels: number; onChannel(c: number): void }): React.JSX.Element {
  return (
    <div className="step-controls">
      <button onClick={() => stepper.step(-1)} disabled={stepper.index === 0} aria-label="Previous position" data-testid="explain-prev">
        ◀
      </button>
      <button onClick={() => stepper.step(1)} disabled={stepper.index >= stepper.total - 1} aria-label="Next position" data-testid="explain-next">
        ▶
      </button>
      <button onClick={stepper.toggleAnimation} data-testid="explain-animate">
        {stepper.animating ? 'Pause' : 'Animate'}
      </button>
      <span className="small muted">
        position {stepper.index + 1} of {stepper.total}
      </span>
      <label className="small">
        Output channel{' '}
        <input type="number" min={0} max={channels - 1} value={channel} onChange={(e) => onChannel(Math.max(0, Math.min(channels - 1, Math.round(Number(e.target.value)) || 0)))} data-testid="explain-channel" />
      </label>
    </div>
  );
}
