// Fuzzes the web host's HTTP upgrade and WebSocket framing: whatever arrives, the host answers,
// refuses or closes that one socket, keeps serving everyone else, and never lets a socket in
// without the token.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeMessage, encodeMessage } from '@shared/ipc/codec';
import { FrameAssembler, toFrames } from '@shared/ipc/frames';
import { startHost, type RunningHost } from '../../../src/host/server';

let host: RunningHost;
const crashes: unknown[] = [];
const onCrash = (err: unknown): number => crashes.push(err);

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netbuilder-fuzz-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  host = await startHost({ rendererDir: dir });
  process.on('uncaughtException', onCrash);
});
afterAll(async () => {
  process.off('uncaughtException', onCrash);
  await host.close();
});

/** Writes bytes on a fresh TCP socket (after an optional handshake); resolves with the answer when the socket closes or goes quiet. */
function exchange(chunks: (string | Uint8Array)[], quietMs = 150): Promise<string> {
  return new Promise((resolve) => {
    let answer = '';
    let timer: NodeJS.Timeout;
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const socket = tcpConnect(host.port, '127.0.0.1', () => {
      for (const c of chunks) socket.write(c);
      timer = setTimeout(done, quietMs);
    });
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', done);
  });
}

const handshake = (target: string, headers: string): string =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${headers}\r\n`;

async function assertStillServes(): Promise<void> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const reply = await new Promise((resolve) => {
    ws.once('message', (data) => resolve(decodeMessage(new Uint8Array(data as Buffer))));
    ws.send(encodeMessage({ type: 'invoke', id: 7, channel: 'app:info', request: {} }));
  });
  expect(reply).toMatchObject({ type: 'reply', id: 7, ok: true });
  ws.close();
  expect(crashes).toEqual([]);
}

describe('web host under fuzzing', () => {
  it('never upgrades without the token, whatever the request line and headers', async () => {
    const target = fc.oneof(
      fc.string({ maxLength: 40 }).map((s) => `/api?token=${s}`),
      fc.constantFrom('http://[/api', '/api?token=%', '//api', '/api#', '/%00', '*', 'http://127.0.0.1/api', '/api?token=' + 'A'.repeat(4000)),
      fc.string({ maxLength: 60 }),
    );
    const origin = fc.option(fc.oneof(fc.constantFrom('null', 'http://[', 'file://', 'http://evil.example'), fc.string({ maxLength: 30 })));
    await fc.assert(
      fc.asyncProperty(target, origin, async (t, o) => {
        const answer = await exchange([handshake(t, o === null ? '' : `Origin: ${o}\r\n`)]);
        expect(answer.startsWith('HTTP/1.1 101')).toBe(false);
      }),
      { numRuns: 120 },
    );
    await assertStillServes();
  });

  it('survives arbitrary bytes after a valid handshake (bad opcodes, lengths, masks, fragments)', async () => {
    const header = handshake(`/api?token=${host.token}`, '');
    const frame = fc.record({
      fin: fc.boolean(),
      rsv: fc.integer({ min: 0, max: 7 }),
      opcode: fc.integer({ min: 0, max: 15 }),
      masked: fc.boolean(),
      length: fc.oneof(fc.integer({ min: 0, max: 125 }), fc.constant(126), fc.constant(127)),
      rest: fc.uint8Array({ maxLength: 64 }),
    });
    const encodeFrame = (f: { fin: boolean; rsv: number; opcode: number; masked: boolean; length: number; rest: Uint8Array }): Uint8Array =>
      Uint8Array.from([(f.fin ? 0x80 : 0) | (f.rsv << 4) | f.opcode, (f.masked ? 0x80 : 0) | f.length, ...f.rest]);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(frame.map(encodeFrame), { minLength: 1, maxLength: 4 }), fc.array(fc.uint8Array({ maxLength: 200 }), { minLength: 1, maxLength: 3 })), async (frames) => {
        await exchange([header, ...frames]);
      }),
      { numRuns: 150 },
    );
    await assertStillServes();
  });

  it('answers or closes on any message an authenticated page sends', async () => {
    const message = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((b) => ({ bytes: b })),
      fc.record({ type: fc.constantFrom('invoke', 'large', 'reply', '__proto__'), id: fc.anything(), channel: fc.oneof(fc.string(), fc.constantFrom('app:info', 'train:stop', '__proto__', 'constructor')), request: fc.anything(), bytes: fc.anything() }).map((m) => ({ bytes: encodeMessage(m) })),
    );
    await fc.assert(
      fc.asyncProperty(message, async ({ bytes }) => {
        const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
        ws.on('error', () => undefined);
        await new Promise((resolve) => ws.once('open', resolve));
        const outcome = new Promise((resolve) => {
          ws.once('message', resolve);
          ws.once('close', resolve);
          setTimeout(resolve, 300);
        });
        ws.send(bytes);
        await outcome;
        ws.terminate();
      }),
      { numRuns: 120 },
    );
    await assertStillServes();
  });

  it('splits and joins any message losslessly, and refuses joins that break the announced size', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 3 }), (request, id) => {
        const assembler = new FrameAssembler();
        const [frame] = toFrames({ type: 'invoke', id, channel: 'app:info', request });
        expect(assembler.push(frame)).toEqual({ type: 'invoke', id, channel: 'app:info', request: JSON.parse(JSON.stringify(request)) });
      }),
    );
    const assembler = new FrameAssembler();
    expect(assembler.push(encodeMessage({ type: 'large', bytes: 20 * 1024 * 1024 }))).toBeNull();
    expect(() => assembler.push(new Uint8Array(21 * 1024 * 1024))).toThrow(/more bytes than announced/);
    expect(() => new FrameAssembler().push(encodeMessage({ type: 'large', bytes: 100 }))).toThrow(/announced as large/);
  });
});
