import { useCallback, useEffect, useRef } from 'react';
import { useReactFlow, useStore, type Viewport } from '@xyflow/react';

const FIT_EVENT = 'netbuilder:fit';
/** Below this the canvas is hidden (the dock's larger view) and there is nothing to fit into. */
const MIN_CANVAS_PX = 40;

/** Asks the canvas to fit the network into view (Fit view, opening a network, auto layout). */
export function requestFit(): void {
  window.dispatchEvent(new Event(FIT_EVENT));
}

/**
 * Fits the view on request, and again whenever the canvas changes size (the window, the dock's
 * split) while the view is still the one the last fit left. Once the person pans or zooms by any
 * means (wheel, drag, the zoom buttons, the minimap), the view differs from that one and is left
 * alone until the next fit.
 */
export function useViewFit(): void {
  const { fitView, getViewport } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  // The view the last fit left, and whether a fit is under way (its animation is not the person's).
  const fitted = useRef<Viewport | null>(null);
  const fitting = useRef(false);
  const lastFit = useRef(0);

  const fit = useCallback(
    async (duration: number) => {
      const ticket = ++lastFit.current;
      fitting.current = true;
      await fitView({ maxZoom: 1, padding: 0.2, duration });
      // A later fit (a resize during the animation) owns the result.
      if (ticket !== lastFit.current) return;
      fitted.current = getViewport();
      fitting.current = false;
    },
    [fitView, getViewport],
  );

  useEffect(() => {
    // Wait a moment for a just-opened network's cards to be drawn.
    const onRequest = (): void => void setTimeout(() => void fit(200), 30);
    window.addEventListener(FIT_EVENT, onRequest);
    return () => window.removeEventListener(FIT_EVENT, onRequest);
  }, [fit]);

  useEffect(() => {
    if (width < MIN_CANVAS_PX || height < MIN_CANVAS_PX) return;
    const last = fitted.current;
    if (fitting.current || (last !== null && sameView(last, getViewport()))) void fit(0);
  }, [width, height, fit, getViewport]);
}

function sameView(a: Viewport, b: Viewport): boolean {
  return Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.zoom - b.zoom) < 1e-4;
}
