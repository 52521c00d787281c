import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { writeFileAtomic } from '../files/atomicWrite';
import { FileGrants } from '../files/grants';
import type { Handlers } from './types';

/** What the file handlers need from the desktop: dialogs and a place to keep recent files. */
export interface FileDialogs {
  showOpen(): Promise<string | null>;
  showSave(suggestedName: string): Promise<string | null>;
  recent: { list(): string[]; add(path: string): void };
}

const MAX_OPEN_BYTES = 256 * 1024 * 1024;

async function readNetwork(path: string): Promise<{ path: string; name: string; text: string }> {
  const info = await stat(path);
  if (info.size > MAX_OPEN_BYTES) throw new Error(`${basename(path)} is too large to be a network (${(info.size / 1024 / 1024).toFixed(0)} MB).`);
  return { path, name: basename(path).replace(/\.nnb\.json$|\.json$/, ''), text: await readFile(path, 'utf8') };
}

type FileHandlers = Pick<Handlers, 'file:open' | 'file:save' | 'file:recent' | 'file:read'>;

export function fileHandlers(dialogs: FileDialogs | null): FileHandlers {
  const need = (): FileDialogs => {
    if (!dialogs) throw new Error('File dialogs exist only in the desktop app; the browser version downloads and uploads files.');
    return dialogs;
  };
  const grants = new FileGrants(() => dialogs?.recent.list() ?? []);
  return {
    'file:open': async () => {
      const d = need();
      const path = await d.showOpen();
      if (!path) return null;
      grants.grant(path);
      const file = await readNetwork(path);
      d.recent.add(path);
      return file;
    },
    'file:read': async ({ path }) => {
      const d = need();
      if (!grants.mayRead(path)) throw new Error(`Refused: ${basename(path)} was not chosen in a dialog or from the recent files. Use Open.`);
      grants.grant(path);
      const file = await readNetwork(path);
      d.recent.add(path);
      return file;
    },
    'file:save': async ({ path, suggestedName, text }) => {
      const d = need();
      if (path !== null && !grants.mayWrite(path)) throw new Error(`Refused: ${basename(path)} was not opened or chosen in this session. Use Save As.`);
      const target = path ?? (await d.showSave(suggestedName));
      if (!target) return null;
      grants.grant(target);
      await writeFileAtomic(target, text);
      d.recent.add(target);
      return { path: target, name: basename(target).replace(/\.nnb\.json$|\.json$/, '') };
    },
    'file:recent': () => need().recent.list(),
  };
}
