import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { encodeMessage } from '@shared/ipc/codec';
import { FrameAssembler, MAX_FRAME_BYTES } from '@shared/ipc/frames';
import { WS_PATH, type ServerMessage } from '@shared/ipc/transport';
import { SECURITY_HEADERS } from '@shared/security/csp';
import { ClientRuns, createDispatcher, createHandlers, type HandlerContext } from '../node/handlers';

export interface HostOptions {
  /** Folder with the built renderer (index.html). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Required on the WebSocket; random per start unless given (tests). */
  token?: string;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Serves the renderer and the IPC contract over a WebSocket on 127.0.0.1 only. A random token,
 * given in the page URL, must come with the WebSocket handshake, so another local user or a web
 * page the user visits cannot drive the engine.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  // Serve a built renderer, never an arbitrary folder (the static server indexes it at start).
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    throw new Error(`${options.rendererDir} is not a built renderer (no index.html): run "npm run build".`);
  }
  const serveStatic = sirv(options.rendererDir, { dev: false, etag: true, single: false });
  const server: Server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    try {
      serveStatic(req, res, () => {
        res.statusCode = 404;
        res.end('Not found');
      });
    } catch {
      res.statusCode = 400;
      res.end('Bad request');
    }
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const dispatch = createDispatcher(createHandlers('browser'));

  server.on('upgrade', (req, socket, head) => {
    // A peer that resets mid-handshake must not take the process down.
    socket.on('error', () => socket.destroy());
    if (!mayConnect(req, token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws));
  });

  function serveClient(ws: WebSocket): void {
    const send = (message: ServerMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(encodeMessage(message));
    };
    const runs = new ClientRuns(dispatch);
    const ctx: HandlerContext = {
      host: 'browser',
      emit: (event, payload) => {
        if (event === 'train:finished') runs.finished((payload as { runId: string }).runId);
        send({ type: 'event', event, payload });
      },
    };
    // A tab that closes or loses its connection stops the runs it started.
    ws.on('close', () => void runs.stopAll(ctx));
    const frames = new FrameAssembler();
    // Frames over the limit, bad compression bits, resets: ws closes the socket (1009, 1002...).
    ws.on('error', () => undefined);
    ws.on('message', (data, isBinary) => {
      let message;
      try {
        if (!isBinary) throw new Error('text frame');
        message = frames.push(toUint8Array(data));
      } catch {
        ws.close(1003, 'Malformed message');
        return;
      }
      if (!message) return;
      void runs.call(message.channel, message.request, ctx).then((reply) => send({ type: 'reply', id: message.id, ...reply }));
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        wss.clients.forEach((c) => c.terminate());
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Only the app's own page may open the socket: the token it was given, a local Host (no DNS
 * rebinding), and no Origin or exactly the host's own (sandboxed frames send "null").
 */
function mayConnect(req: IncomingMessage, token: string): boolean {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    return false;
  }
  const host = req.headers.host ?? '';
  const origin = req.headers.origin;
  const given = Buffer.from(url.searchParams.get('token') ?? '');
  const expected = Buffer.from(token);
  return (
    url.pathname === WS_PATH &&
    /^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host) &&
    (origin === undefined || origin === `http://${host}`) &&
    given.length === expected.length &&
    timingSafeEqual(given, expected)
  );
}

function toUint8Array(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw new Error('Unsupported frame');
}
