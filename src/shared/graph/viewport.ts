// Where the canvas shows a network too large to fit into it at a zoom its text can be read at.

/** A rectangle in the network's coordinates (or, for the canvas, its size on screen). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A view of the canvas as reactflow keeps it: screen = network * zoom + (x, y). */
export interface View {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The smallest zoom a fit shrinks a network to on its own: a card's title (13 px on a 15 px line)
 * then stands 9 px high on screen, as the Inception-style example does at 1440x900. A network
 * larger than the canvas at this zoom is shown from its top instead (readableView).
 */
export const READABLE_ZOOM = 0.6;

/**
 * Moves a view that is centred on `network` at a readable zoom so that, along each axis where the
 * network overflows the canvas, the person sees where it starts: from its top down (it reads top
 * to bottom, inputs first), and across centred on its inputs, without leaving empty canvas beside
 * either end of it. Along an axis where the network fits, the centred view stays as it was.
 */
export function readableView(centred: View, network: Rect, inputs: Rect | null, canvas: { width: number; height: number }, margin: number): View {
  const { zoom } = centred;
  let { x, y } = centred;
  if (network.height * zoom + 2 * margin > canvas.height) y = margin - network.y * zoom;
  if (network.width * zoom + 2 * margin > canvas.width && inputs) {
    x = canvas.width / 2 - (inputs.x + inputs.width / 2) * zoom;
    x = Math.max(x, canvas.width - margin - (network.x + network.width) * zoom);
    x = Math.min(x, margin - network.x * zoom);
  }
  return { x, y, zoom };
}
