import { useCallback, useEffect, useRef } from 'react';
import { useReactFlow, useStore, useStoreApi, type Viewport } from '@xyflow/react';
import { READABLE_ZOOM, readableView } from '@shared/graph/viewport';
import { useAppStore } from '../store';

const FIT_EVENT = 'netbuilder:fit';
/** Below this the canvas is hidden (the dock's larger view) and there is nothing to fit into. */
const MIN_CANVAS_PX = 40;
/** Room left around a network shown from its top. */
const MARGIN_PX = 24;
const PADDING = 0.2;

/**
 * How a fit frames the network. `readable` (a network just opened or laid out): all of it, unless
 * that would shrink its text below READABLE_ZOOM; then it is shown from its top at that zoom.
 * `whole` (Fit view): all of it, however small.
 */
export type FitKind = 'readable' | 'whole';

/** Asks the canvas to fit the network into view. */
export function requestFit(kind: FitKind): void {
  window.dispatchEvent(new CustomEvent<FitKind>(FIT_EVENT, { detail: kind }));
}

/**
 * Fits the view on request, and again (the same way) whenever the canvas changes size (the
 * window, the dock's split) while the view is still the one the last fit left. Once the person pans
 * or zooms by any means (wheel, drag, the zoom buttons, the minimap), the view differs from that one
 * and is left alone until the next fit.
 */
export function useViewFit(): void {
  const { fitView, getViewport, setViewport, getNodesBounds } = useReactFlow();
  const store = useStoreApi();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  // The view the last fit left, how it fitted, and whether a fit is under way (its animation is not the person's).
  const fitted = useRef<Viewport | null>(null);
  const lastKind = useRef<FitKind>('readable');
  const fitting = useRef(false);
  const lastFit = useRef(0);

  const fit = useCallback(
    async (kind: FitKind, duration: number) => {
      const ticket = ++lastFit.current;
      fitting.current = true;
      lastKind.current = kind;
      if (kind === 'whole') await fitView({ maxZoom: 1, padding: PADDING, duration });
      else {
        // Centred at no less than the readable zoom (fitView waits for the cards to be measured),
        // then, in the same frame, moved to show where the network starts if it overflows.
        await fitView({ minZoom: READABLE_ZOOM, maxZoom: 1, padding: PADDING, duration: 0 });
        if (ticket !== lastFit.current) return;
        const ids = useAppStore.getState().graph.nodes.map((n) => n.id);
        const inputIds = useAppStore.getState().graph.nodes.filter((n) => n.kind === 'input').map((n) => n.id);
        const { width: w, height: h } = store.getState();
        if (ids.length > 0) {
          const view = readableView(getViewport(), getNodesBounds(ids), inputIds.length > 0 ? getNodesBounds(inputIds) : null, { width: w, height: h }, MARGIN_PX);
          await setViewport(view, { duration: 0 });
        }
      }
      // A later fit (a resize during the animation) owns the result.
      if (ticket !== lastFit.current) return;
      fitted.current = getViewport();
      fitting.current = false;
    },
    [fitView, getViewport, setViewport, getNodesBounds, store],
  );

  useEffect(() => {
    // Wait a moment for a just-opened network's cards to be drawn.
    const onRequest = (e: Event): void => {
      const kind = (e as CustomEvent<FitKind>).detail;
      setTimeout(() => void fit(kind, kind === 'whole' ? 200 : 0), 30);
    };
    window.addEventListener(FIT_EVENT, onRequest);
    return () => window.removeEventListener(FIT_EVENT, onRequest);
  }, [fit]);

  useEffect(() => {
    if (width < MIN_CANVAS_PX || height < MIN_CANVAS_PX) return;
    const last = fitted.current;
    if (fitting.current || (last !== null && sameView(last, getViewport()))) void fit(lastKind.current, 0);
  }, [width, height, fit, getViewport]);
}

function sameView(a: Viewport, b: Viewport): boolean {
  return Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.zoom - b.zoom) < 1e-4;
}
