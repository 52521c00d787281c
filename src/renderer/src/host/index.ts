// Picks the transport (Netron's host pattern): Electron's preload API when present, else the web
// host's WebSocket. Everything else in the renderer talks only to `api`.
import type { ApiClient, HostKind } from '@shared/ipc';
import { createWsClient } from './wsClient';

export const hostKind: HostKind = window.api ? 'electron' : 'browser';
export const api: ApiClient = window.api ?? createWsClient();
