import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeMessage, encodeMessage } from '@shared/ipc/codec';
import type { ServerMessage } from '@shared/ipc/transport';
import { startHost, type RunningHost } from '../../../src/host/server';

let host: RunningHost;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netbuilder-host-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>NetBuilder</title>');
  host = await startHost({ rendererDir: dir });
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
    ws.send(encodeMessage({ type: 'invoke', id: 1, channel, request }));
  });
}

describe('web host', () => {
  it('listens on 127.0.0.1 only, with a fresh random token per start', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    const other = await startHost({ rendererDir: tmpdir() });
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
