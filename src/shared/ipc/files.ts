import { z } from 'zod';
import { command, event } from './define';

// Native file dialogs and atomic saves, under Electron only; the browser host downloads and
// uploads in the page instead.

export interface OpenedFile {
  path: string;
  name: string;
  text: string;
}

export const fileCommands = {
  /** Shows the open dialog; null when the user cancels. */
  'file:open': command<OpenedFile | null>()(z.object({}).strict()),
  /** Writes to `path`, or asks where (Save As) when path is null; null when cancelled. */
  'file:save': command<{ path: string; name: string } | null>()(
    z.object({ path: z.string().min(1).nullable(), suggestedName: z.string().max(200), text: z.string().max(256 * 1024 * 1024) }).strict(),
  ),
  'file:recent': command<string[]>()(z.object({}).strict()),
  'file:read': command<OpenedFile>()(z.object({ path: z.string().min(1) }).strict()),
};

/** Menu items the renderer carries out (the same actions as its keyboard shortcuts). */
export const MENU_COMMANDS = ['new', 'open', 'save', 'saveAs', 'undo', 'redo', 'examples', 'layout', 'fit', 'shortcuts'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export const fileEvents = {
  'menu:command': event<{ command: MenuCommand; path?: string }>(),
};
