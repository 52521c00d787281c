import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeMessage, encodeMessage } from '@shared/ipc/codec';
import { MAX_FRAME_BYTES, MAX_REQUEST_BYTES, toFrames } from '@shared/ipc/frames';
import type { ServerMessage } from '@shared/ipc/transport';
import { CONTENT_SECURITY_POLICY } from '@shared/security/csp';
import { startHost, type RunningHost } from '../../../src/host/server';

let host: RunningHost;

/** A renderer folder of the test's own: the host never serves a shared folder such as the system temp. */
function rendererDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'netbuilder-host-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>NetBuilder</title>');
  return dir;
}

beforeAll(async () => {
  host = await startHost({ rendererDir: rendererDir() });
});
afterAll(() => host.close());

/** Opens a socket; resolves 'open' or the HTTP status of the refusal. */
function connect(query: string, headers: Record<string, string> = {}): Promise<{ ws?: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api${query}`, { headers });
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    ws.on('error', () => resolve({ status: -1 }));
  });
}

function call(ws: WebSocket, channel: string, request: unknown): Promise<ServerMessage> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(decodeMessage(new Uint8Array(data as Buffer)) as ServerMessage));
    for (const frame of toFrames({ type: 'invoke', id: 1, channel, request })) ws.send(frame);
  });
}

/** Sends raw bytes on a plain TCP socket; resolves with what came back before the socket closed. */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = tcpConnect(host.port, '127.0.0.1', () => socket.write(bytes));
    socket.on('data', (d) => (answer += d.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer));
    setTimeout(() => socket.destroy(), 2000);
  });
}

/** The host still answers a normal client. */
async function stillServes(): Promise<void> {
  const { ws } = await connect(`?token=${host.token}`);
  expect(ws).toBeDefined();
  expect(await call(ws!, 'app:info', {})).toMatchObject({ ok: true });
  ws!.close();
}

const UPGRADE = 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';

describe('web host', () => {
  it('listens on 127.0.0.1 only, with a fresh random token per start', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    const other = await startHost({ rendererDir: rendererDir() });
    expect(other.token).not.toBe(host.token);
    await other.close();
  });

  it('serves the renderer over HTTP', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/index.html`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>NetBuilder</title>');
    expect((await fetch(`http://127.0.0.1:${host.port}/../../etc/passwd`)).status).toBe(404);
  });

  it('refuses a WebSocket without the token, with a wrong token, or from another origin', async () => {
    expect((await connect('')).status).toBe(403);
    expect((await connect('?token=wrong')).status).toBe(403);
    expect((await connect(`?token=${host.token}x`)).status).toBe(403);
    const foreign = await connect(`?token=${host.token}`, { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
  });

  it('refuses Origin "null" (sandboxed frames, file:// pages) without crashing', async () => {
    expect((await connect(`?token=${host.token}`, { Origin: 'null' })).status).toBe(403);
    expect((await connect(`?token=${host.token}`, { Origin: 'http://[' })).status).toBe(403);
    await stillServes();
  });

  it('answers a malformed request line instead of crashing', async () => {
    expect(await raw(`GET http://[/api HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n${UPGRADE}\r\n`)).toMatch(/^HTTP\/1\.1 (400|403)/);
    expect(await raw(`GET http://[/api HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 (400|404)/);
    await stillServes();
  });

  it('serves the page with a CSP header that forbids framing by other pages', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/index.html`);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    // The meta tag in the page carries the same policy, for every way the page is opened.
    const html = readFileSync(join(__dirname, '../../../src/renderer/index.html'), 'utf8');
    expect(/content="([^"]+)"/.exec(html.slice(html.indexOf('Content-Security-Policy')))?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });

  it('serves only a built renderer folder, never any folder it is given', async () => {
    await expect(startHost({ rendererDir: mkdtempSync(join(tmpdir(), 'netbuilder-empty-')) })).rejects.toThrow(/not a built renderer/);
  });

  it('closes a socket that sends a frame over the limit, and keeps serving', async () => {
    const { ws } = await connect(`?token=${host.token}`);
    const closed = new Promise<number>((resolve) => ws!.on('close', (code) => resolve(code)));
    ws!.on('error', () => undefined);
    ws!.send(new Uint8Array(MAX_FRAME_BYTES + 1));
    expect(await closed).toBe(1009);
    await stillServes();
  });

  it('takes a request larger than one frame (a big network\'s weights) in announced parts', async () => {
    const { ws } = await connect(`?token=${host.token}`);
    const text = 'x'.repeat(MAX_FRAME_BYTES * 2 + 12345);
    expect(toFrames({ type: 'invoke', id: 1, channel: 'file:save', request: {} }).length).toBe(1);
    expect(toFrames({ type: 'invoke', id: 1, channel: 'file:save', request: { text } }).length).toBe(4);
    // The request arrived whole: it passed the contract's validation and reached the handler.
    const reply = await call(ws!, 'file:save', { path: null, suggestedName: 'big', text });
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('File dialogs exist only in the desktop app') });
    ws!.close();
  });

  it('refuses a request announced over the total limit before allocating it', async () => {
    expect(() => toFrames({ type: 'invoke', id: 1, channel: 'model:setWeights', request: new Uint8Array(MAX_REQUEST_BYTES + 1) })).toThrow(/too large/);
    const { ws } = await connect(`?token=${host.token}`);
    const closed = new Promise<number>((resolve) => ws!.on('close', (code) => resolve(code)));
    ws!.send(encodeMessage({ type: 'large', bytes: 1024 * 1024 * 1024 * 1024 }));
    expect(await closed).toBe(1003);
    await stillServes();
  });

  it('answers a valid command and validates every request against the contract', async () => {
    const { ws } = await connect(`?token=${host.token}`);
    expect(ws).toBeDefined();
    const info = await call(ws!, 'app:info', {});
    expect(info).toMatchObject({ type: 'reply', id: 1, ok: true, value: { name: 'NetBuilder', host: 'browser' } });
    const unknown = await call(ws!, 'fs:readFile', { path: '/etc/passwd' });
    expect(unknown).toMatchObject({ ok: false, error: 'Unknown command "fs:readFile".' });
    const proto = await call(ws!, '__proto__', {});
    expect(proto).toMatchObject({ ok: false });
    const badGraph = await call(ws!, 'train:start', { graph: { nodes: [{ id: 'a', kind: 'conv2d', params: { filters: 1e9 } }], edges: [] }, options: {} });
    expect(badGraph).toMatchObject({ ok: false });
    expect((badGraph as { error: string }).error).toMatch(/Invalid request for "train:start":[\s\S]*graph\.nodes/);
    const extra = await call(ws!, 'app:info', { evil: true });
    expect(extra).toMatchObject({ ok: false });
    expect((extra as { error: string }).error).toContain('Invalid request for "app:info"');
    ws!.close();
  });

  it('closes the connection on a malformed frame instead of crashing', async () => {
    const { ws } = await connect(`?token=${host.token}`);
    const closed = new Promise<number>((resolve) => ws!.on('close', (code) => resolve(code)));
    ws!.send(new Uint8Array([255, 255, 255, 255, 1, 2, 3]));
    expect(await closed).toBe(1003);
    // The host still serves others.
    const again = await connect(`?token=${host.token}`);
    expect(again.ws).toBeDefined();
    again.ws!.close();
  });
});
