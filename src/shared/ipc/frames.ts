// The WebSocket transport's framing. One frame is one encoded message, up to MAX_FRAME_BYTES.
// A larger request (the weights of a big trained network) is announced with its size and then
// sent in parts, so the host never accepts a frame over the limit and checks the total before it
// allocates anything.
import { z } from 'zod';
import { decodeMessage, encodeMessage } from './codec';
import type { ClientMessage } from './transport';

/** Largest single WebSocket frame the host accepts. */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;
/** Largest request, sent in parts: weights as large as the biggest network file the app opens (256 MiB). */
export const MAX_REQUEST_BYTES = 320 * 1024 * 1024;

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const FrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('invoke'), id: z.number().int().nonnegative(), channel: z.string().max(100), request: z.unknown() }).strict(),
  z.object({ type: z.literal('large'), bytes: z.number().int().min(1).max(MAX_REQUEST_BYTES) }).strict(),
]);

/** The frames that carry one message: itself, or an announcement followed by its parts. */
export function toFrames(message: ClientMessage): Uint8Array[] {
  const encoded = encodeMessage(message);
  if (encoded.byteLength <= MAX_FRAME_BYTES) return [encoded];
  if (encoded.byteLength > MAX_REQUEST_BYTES) {
    throw new Error(`This request is too large to send to the engine (${mib(encoded.byteLength)}; the limit is ${mib(MAX_REQUEST_BYTES)}).`);
  }
  const frames = [encodeMessage({ type: 'large', bytes: encoded.byteLength })];
  for (let at = 0; at < encoded.byteLength; at += MAX_FRAME_BYTES) frames.push(encoded.subarray(at, at + MAX_FRAME_BYTES));
  return frames;
}

/**
 * The host's side: turns frames back into messages. push() returns a complete message, or null
 * while parts are still due; it throws on anything malformed, and the host then closes the socket.
 */
export class FrameAssembler {
  private pending: Uint8Array | null = null;
  private filled = 0;

  push(frame: Uint8Array): ClientMessage | null {
    if (this.pending) return this.addPart(frame);
    const parsed = FrameSchema.safeParse(decodeMessage(frame));
    if (!parsed.success) throw new Error('Malformed message');
    if (parsed.data.type === 'invoke') return parsed.data as ClientMessage;
    if (parsed.data.bytes <= MAX_FRAME_BYTES) throw new Error('Malformed message: a small message announced as large');
    this.pending = new Uint8Array(parsed.data.bytes);
    this.filled = 0;
    return null;
  }

  private addPart(part: Uint8Array): ClientMessage | null {
    const buffer = this.pending!;
    if (this.filled + part.byteLength > buffer.byteLength) throw new Error('Malformed message: more bytes than announced');
    buffer.set(part, this.filled);
    this.filled += part.byteLength;
    if (this.filled < buffer.byteLength) return null;
    this.pending = null;
    const parsed = FrameSchema.safeParse(decodeMessage(buffer));
    if (!parsed.success || parsed.data.type !== 'invoke') throw new Error('Malformed message');
    return parsed.data as ClientMessage;
  }
}
