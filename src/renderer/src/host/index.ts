// The one place that knows which host the renderer runs in (Netron's host pattern): Electron's
// preload API when present, else the web host's WebSocket. Everything else uses `host`.
import { createBrowserHost } from './browserHost';
import { createElectronHost } from './electronHost';
import type { Host } from './types';
import { createWsClient } from './wsClient';

export const host: Host = window.api ? createElectronHost(window.api) : createBrowserHost(createWsClient());
export const api = host.api;
export type { Host, OpenedText, RecentEntry } from './types';
