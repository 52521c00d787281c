import type { ApiClient } from '@shared/ipc';
import { downloadByAnchor } from './download';
import type { Host, OpenedText, RecentEntry } from './types';

const RECENT_KEY = 'netbuilder.recent';
const RECENT_MAX = 8;
const RECENT_MAX_CHARS = 4 * 1024 * 1024;

interface StoredRecent extends RecentEntry {
  text: string;
}

/** A browser has no paths: the text of recently opened or saved networks is kept, within a budget. */
function readRecent(): StoredRecent[] {
  try {
    const list = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as StoredRecent[];
    return Array.isArray(list) ? list.filter((e) => typeof e?.label === 'string' && typeof e.text === 'string') : [];
  } catch {
    return [];
  }
}

function remember(name: string, text: string): void {
  const list = readRecent().filter((e) => e.label !== name);
  list.unshift({ label: name, text, at: Date.now() });
  let total = 0;
  const kept = list.slice(0, RECENT_MAX).filter((e) => (total += e.text.length) <= RECENT_MAX_CHARS);
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(kept));
  } catch {
    // Storage full: the list is a convenience.
  }
}

function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.dataset['testid'] = 'file-input';
    input.style.display = 'none';
    const done = (file: File | null): void => {
      resolve(file);
      input.remove();
    };
    input.onchange = () => done(input.files?.[0] ?? null);
    input.oncancel = () => done(null);
    document.body.appendChild(input);
    input.click();
  });
}

/** In a browser: files are uploaded and downloaded, names asked for in the page. */
export function createBrowserHost(api: ApiClient): Host {
  return {
    api,
    openFile: async ({ accept = '.json,.nnb.json,application/json' } = {}): Promise<OpenedText | null> => {
      const file = await pickFile(accept);
      return file ? { name: file.name.replace(/\.nnb\.json$|\.json$/, ''), text: await file.text(), path: null } : null;
    },
    saveFile: async ({ name, saveAs, text }) => {
      let chosen = name;
      if (saveAs || name === 'Untitled') {
        const answer = window.prompt('Save the network as:', name);
        if (!answer) return null;
        chosen = answer.trim() || name;
      }
      const content = await text(chosen);
      downloadByAnchor(`${chosen}.nnb.json`, content, 'application/json');
      remember(chosen, content);
      return { name: chosen, path: null, message: `Downloaded ${chosen}.nnb.json.` };
    },
    download: downloadByAnchor,
    recent: {
      list: async () => readRecent().map(({ label, at }) => ({ label, at })),
      open: async (entry) => {
        const stored = readRecent().find((e) => e.label === entry.label);
        return stored ? { name: stored.label, text: stored.text, path: null } : null;
      },
      remember,
    },
    confirm: (message) => window.confirm(message),
    onMenu: () => () => undefined,
  };
}
