// Encodes a message whose payload may hold typed arrays (feature maps, images) as one binary
// frame: [u32 header length][header JSON][padding to 8][buffers...]. Typed arrays travel as raw
// bytes instead of JSON number lists. Used by the WebSocket transport; Electron's IPC already
// carries typed arrays through structured clone.

type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array;

const TYPED: Record<string, new (buffer: ArrayBuffer, byteOffset: number, length: number) => TypedArray> = {
  Float32Array,
  Float64Array,
  Int32Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
};

const MARK = '$typed';

interface TypedRef {
  [MARK]: string;
  index: number;
}

function isTypedArray(v: unknown): v is TypedArray {
  return ArrayBuffer.isView(v) && !(v instanceof DataView) && v.constructor.name in TYPED;
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8;

export function encodeMessage(message: unknown): Uint8Array {
  const buffers: TypedArray[] = [];
  const json = JSON.stringify(message, (_key, value: unknown) => {
    if (isTypedArray(value)) {
      buffers.push(value);
      return { [MARK]: value.constructor.name, index: buffers.length - 1 } satisfies TypedRef;
    }
    return value;
  });
  // Offsets are relative to the data section, which starts after the header (8-byte aligned so
  // every typed array can be viewed in place on the receiving side).
  const layout: { offset: number; length: number }[] = [];
  let dataSize = 0;
  for (const b of buffers) {
    layout.push({ offset: dataSize, length: b.length });
    dataSize = align8(dataSize + b.byteLength);
  }
  const header = new TextEncoder().encode(`{"m":${json ?? 'null'},"l":${JSON.stringify(layout)}}`);
  const dataStart = align8(4 + header.byteLength);
  const out = new Uint8Array(dataStart + dataSize);
  new DataView(out.buffer).setUint32(0, header.byteLength, true);
  out.set(header, 4);
  buffers.forEach((b, i) => out.set(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), dataStart + layout[i].offset));
  return out;
}

export function decodeMessage(frame: Uint8Array): unknown {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const headerLength = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(frame.subarray(4, 4 + headerLength))) as {
    m: unknown;
    l: { offset: number; length: number }[];
  };
  if (!header || !Array.isArray(header.l)) throw new Error('Malformed message: no layout');
  const dataStart = align8(4 + headerLength);
  // Copy into a fresh aligned buffer: frame.byteOffset need not be a multiple of 8.
  const data = frame.slice(dataStart).buffer;
  const revive = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(revive);
    if (value && typeof value === 'object') {
      const ref = value as TypedRef;
      if (typeof ref[MARK] === 'string' && typeof ref.index === 'number') {
        const Ctor = Object.hasOwn(TYPED, ref[MARK]) ? TYPED[ref[MARK]] : undefined;
        const slot = header.l[ref.index];
        if (!Ctor || !slot) throw new Error('Malformed message: unknown typed array reference');
        return new Ctor(data, slot.offset, slot.length);
      }
      const out: Record<string, unknown> = {};
      // defineProperty, not assignment: a "__proto__" key stays a key instead of replacing the prototype.
      for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: revive(v), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return value;
  };
  return revive(header.m);
}
