// The desktop app's file handlers: the page reads and overwrites only files the user chose, and
// saves keep a file's permissions and links and clean up after saves that were killed.
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/node/files/atomicWrite';
import { fileHandlers, type FileDialogs } from '../../../src/node/handlers/files';

const ctx = { host: 'electron' as const, emit: () => undefined };

/** The desktop's dialogs as the handlers see them: what the user picks, and the recent list. */
function desktop(picks: { open?: string; save?: string }, recent: string[] = []): FileDialogs {
  return {
    showOpen: async () => picks.open ?? null,
    showSave: async () => picks.save ?? null,
    recent: { list: () => recent, add: (p) => void recent.unshift(p) },
  };
}

describe('file access from the page', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-grants-'));
  const chosen = join(dir, 'chosen.nnb.json');
  const other = join(dir, 'other.nnb.json');
  const older = join(dir, 'older.nnb.json');
  for (const f of [chosen, other, older]) writeFileSync(f, '{}');

  it('reads only files chosen in a dialog or on the recent list', async () => {
    const h = fileHandlers(desktop({ open: chosen }, [older]));
    await expect(h['file:read']({ path: '/etc/passwd' }, ctx)).rejects.toThrow(/Refused: passwd was not chosen/);
    await expect(h['file:read']({ path: other }, ctx)).rejects.toThrow(/Refused/);
    await expect(h['file:read']({ path: `${dir}/../${dir.split('/').pop()}/other.nnb.json` }, ctx)).rejects.toThrow(/Refused/);
    expect((await h['file:read']({ path: older }, ctx)).text).toBe('{}');
    expect((await h['file:open']({}, ctx))!.path).toBe(chosen);
    expect((await h['file:read']({ path: chosen }, ctx)).text).toBe('{}');
  });

  it('overwrites only files chosen or opened in this session', async () => {
    const saveAs = join(dir, 'new.nnb.json');
    const h = fileHandlers(desktop({ open: chosen, save: saveAs }, [older]));
    await expect(h['file:save']({ path: other, suggestedName: 'x', text: 'evil' }, ctx)).rejects.toThrow(/Refused: other\.nnb\.json was not opened or chosen in this session/);
    // On the recent list but not opened yet: reading it is fine, overwriting it without a dialog is not.
    await expect(h['file:save']({ path: older, suggestedName: 'x', text: 'evil' }, ctx)).rejects.toThrow(/Refused/);
    expect(readFileSync(other, 'utf8')).toBe('{}');
    expect(readFileSync(older, 'utf8')).toBe('{}');
    await h['file:read']({ path: older }, ctx);
    await h['file:save']({ path: older, suggestedName: 'x', text: '{"v":1}' }, ctx);
    expect(readFileSync(older, 'utf8')).toBe('{"v":1}');
    expect(await h['file:save']({ path: null, suggestedName: 'new', text: '{"v":2}' }, ctx)).toEqual({ path: saveAs, name: 'new' });
    await h['file:save']({ path: saveAs, suggestedName: 'new', text: '{"v":3}' }, ctx);
    expect(readFileSync(saveAs, 'utf8')).toBe('{"v":3}');
  });
});

describe('atomic saves keep what the file was', () => {
  it('keeps the file mode (a private 0600 file stays private)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-mode-'));
    const file = join(dir, 'private.nnb.json');
    writeFileSync(file, 'old', { mode: 0o600 });
    await writeFileAtomic(file, 'new');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('new');
  });

  it('writes through a symbolic link to its target instead of replacing the link', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-link-'));
    const real = join(dir, 'real.nnb.json');
    const link = join(dir, 'link.nnb.json');
    writeFileSync(real, 'old');
    symlinkSync('real.nnb.json', link);
    await writeFileAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real.nnb.json');
    expect(readFileSync(real, 'utf8')).toBe('new');
    // A link whose target does not exist yet creates the target.
    const dangling = join(dir, 'dangling.nnb.json');
    symlinkSync('later.nnb.json', dangling);
    await writeFileAtomic(dangling, 'first');
    expect(lstatSync(dangling).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'later.nnb.json'), 'utf8')).toBe('first');
  });

  it('removes temporary files that killed saves left, and only those', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-temps-'));
    const file = join(dir, 'net.nnb.json');
    writeFileSync(file, 'old');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout);
    writeFileSync(join(dir, `.net.nnb.json.${deadPid}.0123456789ab.tmp`), 'half a save');
    writeFileSync(join(dir, `.net.nnb.json.${process.pid}.0123456789ab.tmp`), 'a save in progress');
    writeFileSync(join(dir, '.other.nnb.json.1.0123456789ab.tmp'), 'another file');
    await writeFileAtomic(file, 'new');
    expect(readdirSync(dir).sort()).toEqual([`.net.nnb.json.${process.pid}.0123456789ab.tmp`, '.other.nnb.json.1.0123456789ab.tmp', 'net.nnb.json']);
  });
});
