// One engine, one run: a second train:start is refused while a run trains, a tab that goes away
// stops its run, stop requests for unknown runs leave nothing behind, and a gradient thread that
// dies ends its step with a message instead of hanging the run (and stop with it).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { examples } from '@shared/examples';
import { decodeMessage, encodeMessage } from '@shared/ipc/codec';
import type { ServerMessage } from '@shared/ipc/transport';
import { GradientHelper, HelperStopped } from '../../../src/engine/parallel';
import { builtEntry, ROOT as root } from '../helpers/build';
import { network } from '../helpers/network';


// The built web host, as `npm start` runs it in a browser.
let child: ChildProcess;
const host = { port: 0, token: '' };
beforeAll(async () => {
  // The engine and the gradient worker run from the build, as in the app.
  child = spawn(process.execPath, [builtEntry('host'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
      if (m) resolve(new URL(m[0]));
    });
    child.once('exit', (code) => reject(new Error(`The host exited with ${code}: ${out}`)));
  });
  host.port = Number(url.port);
  host.token = url.searchParams.get('token')!;
}, 180_000);
afterAll(() => {
  child?.kill('SIGTERM');
});

async function open(): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

let nextId = 1;
function call(ws: WebSocket, channel: string, request: unknown): Promise<ServerMessage & { type: 'reply' }> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (data: Buffer): void => {
      const m = decodeMessage(new Uint8Array(data)) as ServerMessage;
      if (m.type === 'reply' && m.id === id) {
        ws.off('message', onMessage);
        resolve(m);
      }
    };
    ws.on('message', onMessage);
    ws.send(encodeMessage({ type: 'invoke', id, channel, request }));
  });
}

const graph = examples.find((e) => e.id === 'mnist-mlp')!.graph;
// Long enough to be still training when the test acts on it.
const long = { graph, options: { trainLimit: 60000, epochs: 20, parallel: false } };

describe('one run per engine', () => {
  it('refuses a second run, and stops a run when its tab goes away', async () => {
    const first = await open();
    const started = await call(first, 'train:start', long);
    expect(started).toMatchObject({ ok: true, value: { runId: expect.any(String) } });
    const runId = (started as { value: { runId: string } }).value.runId;

    const second = await open();
    const refused = await call(second, 'train:start', long);
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/A network is already training\. Stop that run, or wait for it to finish/) });
    // Stop requests name a run; unknown ones change nothing and are not kept.
    expect(await call(second, 'train:stop', { runId: 'no-such-run' })).toMatchObject({ ok: true, value: { stopped: false } });

    // The first tab goes away: its run stops, and the engine is free again.
    first.terminate();
    const deadline = Date.now() + 30_000;
    let again = await call(second, 'train:start', long);
    while (!again.ok && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      again = await call(second, 'train:start', long);
    }
    expect(again).toMatchObject({ ok: true });
    const secondRun = (again as { value: { runId: string } }).value.runId;
    expect(secondRun).not.toBe(runId);
    expect(await call(second, 'train:stop', { runId: secondRun })).toMatchObject({ ok: true, value: { stopped: true } });
    second.close();
  }, 90_000);
});

describe('the gradient thread', () => {
  const step = (helper: GradientHelper) => helper.step(true, new Float32Array(784 * 128 + 128 + 128 * 10 + 10), new Float32Array(2 * 784), [2, 28, 28], new Float32Array([1, 2]), [2]);

  it('a step in flight when the thread dies rejects with a message instead of waiting forever', async () => {
    const helper = await GradientHelper.start(network(graph), 'sparseCategoricalCrossentropy', join(root, 'out/main/gradWorker.js'));
    expect(helper).not.toBeNull();
    const pending = step(helper!);
    await helper!.close();
    await expect(pending).rejects.toBeInstanceOf(HelperStopped);
    await expect(step(helper!)).rejects.toThrow(/The second training thread stopped \(exit code 1\)/);
  }, 60_000);
});
