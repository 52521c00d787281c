import { createServer, type Server } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeMessage, encodeMessage } from '@shared/ipc/codec';
import { WS_PATH, type ClientMessage, type ServerMessage } from '@shared/ipc/transport';
import { createDispatcher, createHandlers, type HandlerContext } from '../node/handlers';

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

const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/**
 * Serves the renderer and the IPC contract over a WebSocket on 127.0.0.1 only. A random token,
 * given in the page URL, must come with the WebSocket handshake, so another local user or a web
 * page the user visits cannot drive the engine.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const serveStatic = sirv(options.rendererDir, { dev: false, etag: true, single: false });
  const server: Server = createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    serveStatic(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const dispatch = createDispatcher(createHandlers('browser'));

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    const expected = Buffer.from(token);
    const hostOk = /^(127\.0\.0\.1|localhost)(:\d+)?$/.test(req.headers.host ?? '');
    const originOk = !req.headers.origin || new URL(req.headers.origin).host === req.headers.host;
    const tokenOk = given.length === expected.length && timingSafeEqual(given, expected);
    if (url.pathname !== WS_PATH || !hostOk || !originOk || !tokenOk) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws));
  });

  function serveClient(ws: WebSocket): void {
    const send = (message: ServerMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(encodeMessage(message));
    };
    const ctx: HandlerContext = {
      host: 'browser',
      emit: (event, payload) => send({ type: 'event', event, payload }),
    };
    ws.on('message', (data, isBinary) => {
      let message: ClientMessage;
      try {
        if (!isBinary) throw new Error('text frame');
        message = decodeMessage(toUint8Array(data)) as ClientMessage;
        if (message?.type !== 'invoke' || typeof message.id !== 'number') throw new Error('not an invoke');
      } catch {
        ws.close(1003, 'Malformed message');
        return;
      }
      void dispatch(message.channel, message.request, ctx).then((reply) => send({ type: 'reply', id: message.id, ...reply }));
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

function toUint8Array(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw new Error('Unsupported frame');
}
