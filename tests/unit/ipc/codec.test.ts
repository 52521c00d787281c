import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '@shared/ipc/codec';

describe('ipc codec', () => {
  it('round-trips plain JSON values', () => {
    const message = { type: 'reply', id: 7, ok: true, value: { a: [1, 2, { b: 'x' }], n: null } };
    expect(decodeMessage(encodeMessage(message))).toEqual(message);
  });

  it('carries typed arrays as raw bytes, aligned, at any offset', () => {
    const maps = new Float32Array(26 * 26 * 32).map((_, i) => Math.sin(i));
    const bytes = new Uint8Array([1, 2, 3]);
    const view = new Float64Array([0.5, 1.5, 2.5, 3.5]).subarray(1, 3);
    const frame = encodeMessage({ maps, nested: [{ bytes }], view });
    // Raw bytes: the frame is barely larger than the data, not a JSON list of numbers.
    expect(frame.byteLength).toBeLessThan(maps.byteLength + 400);
    const copy = new Uint8Array(frame.byteLength + 3);
    copy.set(frame, 3); // an odd byteOffset, as a network buffer may have
    const out = decodeMessage(copy.subarray(3)) as { maps: Float32Array; nested: { bytes: Uint8Array }[]; view: Float64Array };
    expect(out.maps).toBeInstanceOf(Float32Array);
    expect(Array.from(out.maps)).toEqual(Array.from(maps));
    expect(Array.from(out.nested[0].bytes)).toEqual([1, 2, 3]);
    expect(Array.from(out.view)).toEqual([1.5, 2.5]);
  });

  it('rejects a reference to a buffer that is not in the frame', () => {
    const header = new TextEncoder().encode('{"m":{"$typed":"Float32Array","index":3},"l":[]}');
    const frame = new Uint8Array(8 + header.byteLength);
    new DataView(frame.buffer).setUint32(0, header.byteLength, true);
    frame.set(header, 4);
    expect(() => decodeMessage(frame)).toThrow(/Malformed/);
  });
});
