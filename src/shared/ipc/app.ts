import { z } from 'zod';
import { command } from './define';

export type HostKind = 'electron' | 'browser' | 'cli';

export interface AppInfo {
  name: string;
  version: string;
  host: HostKind;
  /** Versions of the runtime the engine runs on (node, electron, chrome when present). */
  versions: Record<string, string>;
}

export const appCommands = {
  /** Who is answering: used by the UI's status bar, and as the simplest round trip. */
  'app:info': command<AppInfo>()(z.object({}).strict()),
};
