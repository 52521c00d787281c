// Which files the page may read or overwrite: only those the user chose. A compromised page can
// then reach no other file, whatever paths it sends.
import { resolve } from 'node:path';

export class FileGrants {
  private readonly granted = new Set<string>();

  constructor(private readonly recent: () => string[]) {}

  /** The user chose this path (an open or save dialog, a recent file opened from the menu). */
  grant(path: string): void {
    this.granted.add(resolve(path));
  }

  /** Open: a file chosen this session, or one on the recent list (chosen in an earlier session). */
  mayRead(path: string): boolean {
    const p = resolve(path);
    return this.granted.has(p) || this.recent().some((r) => resolve(r) === p);
  }

  /** Save without a dialog: only a file chosen or opened in this session. */
  mayWrite(path: string): boolean {
    return this.granted.has(resolve(path));
  }
}
