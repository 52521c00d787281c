import type { ApiClient } from '@shared/ipc';
import type { MenuCommand } from '@shared/ipc/files';

/** A network file's text as the person picked it. */
export interface OpenedText {
  name: string;
  text: string;
  /** Where it lives, when the host has paths (Electron); null in a browser. */
  path: string | null;
}

/** A recently opened or saved network, as the Recent menu lists it. */
export interface RecentEntry {
  label: string;
  /** Milliseconds since 1970 when known (0 otherwise). */
  at: number;
}

export interface SaveRequest {
  /** The document's current name and path (path null: never saved, or a browser). */
  name: string;
  path: string | null;
  saveAs: boolean;
  /** The file's text for the name it is saved under. */
  text(name: string): Promise<string>;
}

export interface Saved {
  name: string;
  path: string | null;
  /** What to tell the person, e.g. "Saved /home/me/net.nnb.json." */
  message: string;
}

/**
 * Everything the renderer needs from where it runs (Netron's hosts): the engine contract, files,
 * downloads, recent networks, confirmations and the native menu. One implementation per host;
 * components use this and never ask which one they run in.
 */
export interface Host {
  api: ApiClient;
  /**
   * Asks for a file; null when the person cancels. `accept` filters file types where possible;
   * `path` opens a file the host itself named (its native recent menu) without asking.
   */
  openFile(options?: { accept?: string; path?: string }): Promise<OpenedText | null>;
  /** Saves (or asks where, for Save As or a first save); null when the person cancels. */
  saveFile(request: SaveRequest): Promise<Saved | null>;
  /** Hands the person a file: a download in the browser and under Electron alike. */
  download(fileName: string, content: string | Blob, type: string): void;
  recent: {
    list(): Promise<RecentEntry[]>;
    open(entry: RecentEntry): Promise<OpenedText | null>;
    /** Called after a network was opened or saved (the desktop keeps its own list). */
    remember(name: string, text: string): void;
  };
  confirm(message: string): boolean;
  /** Commands from the native menu; the browser has none. Returns an unsubscribe function. */
  onMenu(listener: (command: MenuCommand, path?: string) => void): () => void;
}
