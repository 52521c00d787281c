// The one typed contract between the UI and the engine. Each domain declares its commands and
// events in its own file; this file joins them. Both transports (Electron IPC through the
// preload, and the web host's WebSocket) carry exactly these channels and nothing else.
import type { z } from 'zod';
import { appCommands } from './app';
import { augmentCommands } from './augment';
import type { CommandSpec, EventSpec } from './define';
import { fileCommands, fileEvents } from './files';
import { mapsCommands } from './maps';
import { explainCommands } from './explain';
import { trainingCommands, trainingEvents } from './training';

/** Answered by the engine's worker thread (src/engine), which touches tfjs. */
export const engineCommands = {
  ...trainingCommands,
  ...mapsCommands,
  ...explainCommands,
  ...augmentCommands,
} satisfies Record<string, CommandSpec<z.ZodType, unknown>>;

/** Answered by the process that serves the UI (src/node): the app, files and dialogs. */
export const hostCommands = {
  ...appCommands,
  ...fileCommands,
} satisfies Record<string, CommandSpec<z.ZodType, unknown>>;

export const commands = { ...hostCommands, ...engineCommands };

export const events = {
  ...trainingEvents,
  ...fileEvents,
} satisfies Record<string, EventSpec<unknown>>;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type RequestOf<K extends CommandName> = z.input<Commands[K]['request']>;
export type ParsedRequestOf<K extends CommandName> = z.output<Commands[K]['request']>;
export type ResponseOf<K extends CommandName> = Exclude<Commands[K]['__response'], undefined>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventOf<K extends EventName> = NonNullable<Events[K]['__payload']>;

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export type EngineCommandName = keyof typeof engineCommands;
export type HostCommandName = keyof typeof hostCommands;

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
}

export function isEngineCommand(name: CommandName): name is EngineCommandName {
  return Object.prototype.hasOwnProperty.call(engineCommands, name);
}

/** One command's implementation: gets the validated request, answers with the contract's response type. */
export type HandlerOf<K extends CommandName, Context> = (request: ParsedRequestOf<K>, ctx: Context) => Promise<ResponseOf<K>> | ResponseOf<K>;

/** What a handler may do besides answering: push events to the client that called it. */
export interface EventSink {
  emit<K extends EventName>(event: K, payload: EventOf<K>): void;
}

/** What the renderer talks to, whichever transport is underneath. */
export interface ApiClient {
  invoke<K extends CommandName>(channel: K, request: RequestOf<K>): Promise<ResponseOf<K>>;
  on<K extends EventName>(event: K, listener: (payload: EventOf<K>) => void): () => void;
}

/** The reply envelope both transports use, so an error's message reaches the UI unchanged. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

export type { AppInfo, HostKind } from './app';
