// New / Open / Save / Save As, autosave and share strings. Under Electron files go through the
// engine's native dialogs (atomic writes); in the browser they are downloaded and uploaded.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { Graph } from '@shared/graph/model';
import { importKerasJson, looksLikeKerasModel } from '@shared/interop';
import { createDocument, parseDocument, parseJsonSafely, serializeDocument, type ParseResult } from '@shared/serialization';
import { api, hostKind } from '../host';
import { selectDirty, useAppStore } from '../store';
import { useTrainingStore } from '../training/store';
import { readRuns } from '@shared/training/runs';

const AUTOSAVE_KEY = 'netbuilder.autosave';
export const SHARE_PREFIX = 'nnb1:';

function confirmDiscard(): boolean {
  if (!selectDirty(useAppStore.getState())) return true;
  return window.confirm('The network has unsaved changes. Discard them?');
}

/** Training history travels with the network (saved, autosaved and shared). */
function runsField(): { runs?: unknown[] } {
  const history = useTrainingStore.getState().history;
  return history.length ? { runs: history } : {};
}

function currentText(): string {
  const { graph, documentName } = useAppStore.getState();
  return serializeDocument(createDocument(graph, documentName, runsField()));
}

/** The network with its trained weights (when this network has been trained), as saved to a file. */
async function textWithWeights(name: string): Promise<string> {
  const { graph, info } = useAppStore.getState();
  const weights = info.valid ? await api.invoke('model:getWeights', { graph }).catch(() => null) : null;
  return serializeDocument(createDocument(graph, name, { ...runsField(), ...(weights ? { weights } : {}) }));
}

/** Reads any network text: our format, or a Keras / TF.js model. */
export function readNetworkText(text: string, fallbackName: string): ParseResult<{ graph: Graph; name: string; weights?: unknown; runs?: unknown }> {
  const json = parseJsonSafely(text);
  if (!json.ok) return json;
  if (looksLikeKerasModel(json.value)) return importKerasJson(text);
  const doc = parseDocument(text);
  return doc.ok ? { ok: true, value: { graph: doc.value.graph, name: doc.value.name || fallbackName, weights: doc.value.weights, runs: doc.value.runs } } : doc;
}

export function newDocument(): void {
  if (!confirmDiscard()) return;
  useAppStore.getState().openDocument({ nodes: [], edges: [] }, 'Untitled');
  useTrainingStore.getState().setHistory([]);
}

export function openGraph(graph: Graph, name: string, path: string | null = null, runs: unknown = []): void {
  useAppStore.getState().openDocument(graph, name, path);
  useTrainingStore.getState().setHistory(readRuns(runs));
  window.dispatchEvent(new Event('netbuilder:fit'));
}

function openText(text: string, fileName: string, path: string | null): void {
  const result = readNetworkText(text, fileName);
  if (!result.ok) {
    useAppStore.getState().notify(`Could not open ${fileName}: ${result.error}`, 'error');
    return;
  }
  openGraph(result.value.graph, result.value.name, path, result.value.runs);
  const { weights, graph, name } = result.value;
  if (!weights) return useAppStore.getState().notify(`Opened ${name}.`);
  api.invoke('model:setWeights', { graph, weights: weights as never }).then(
    () => useAppStore.getState().notify(`Opened ${name} with its trained weights.`),
    (err: Error) => useAppStore.getState().notify(`Opened ${name}, but not its trained weights: ${err.message}`, 'error'),
  );
}

export async function openDocumentDialog(path?: string): Promise<void> {
  if (!confirmDiscard()) return;
  try {
    if (hostKind === 'electron') {
      const file = path ? await api.invoke('file:read', { path }) : await api.invoke('file:open', {});
      if (file) openText(file.text, file.name, file.path);
      return;
    }
    const file = await pickFile('.json,.nnb.json,application/json');
    if (!file) return;
    const text = await file.text();
    const name = file.name.replace(/\.nnb\.json$|\.json$/, '');
    openText(text, name, null);
    if (readNetworkText(text, name).ok) rememberInBrowser(name, text);
  } catch (err) {
    useAppStore.getState().notify(`Could not open the file: ${(err as Error).message}`, 'error');
  }
}

function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.dataset['testid'] = 'file-input';
    input.style.display = 'none';
    input.onchange = () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    };
    input.oncancel = () => {
      resolve(null);
      input.remove();
    };
    document.body.appendChild(input);
    input.click();
  });
}

export async function saveDocument(saveAs = false): Promise<void> {
  const { documentName, filePath, markSaved, notify } = useAppStore.getState();
  try {
    if (hostKind === 'electron') {
      const text = await textWithWeights(documentName);
      const saved = await api.invoke('file:save', { path: saveAs ? null : filePath, suggestedName: documentName, text });
      if (!saved) return;
      markSaved(saved.name, saved.path);
      notify(`Saved ${saved.path}.`);
    } else {
      let name = documentName;
      if (saveAs || documentName === 'Untitled') {
        const answer = window.prompt('Save the network as:', documentName);
        if (!answer) return;
        name = answer.trim() || documentName;
      }
      const text = await textWithWeights(name);
      download(`${name}.nnb.json`, text, 'application/json');
      rememberInBrowser(name, text);
      markSaved(name, null);
      notify(`Downloaded ${name}.nnb.json.`);
    }
    localStorage.removeItem(AUTOSAVE_KEY);
  } catch (err) {
    notify(`Could not save: ${(err as Error).message}. Your network is still here; try another place.`, 'error');
  }
}

export function download(fileName: string, content: string | Blob, type: string): void {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---- recent files ----

const RECENT_KEY = 'netbuilder.recent';
const RECENT_MAX = 8;
const RECENT_MAX_CHARS = 4 * 1024 * 1024;

export interface RecentEntry {
  /** A path under Electron; a name in the browser, where the text is kept (there is no path to reopen). */
  label: string;
  path?: string;
  text?: string;
  at: number;
}

/** The browser keeps the text of recently opened or saved networks, within a storage budget. */
function rememberInBrowser(name: string, text: string): void {
  const list = readBrowserRecent().filter((e) => e.label !== name);
  list.unshift({ label: name, text, at: Date.now() });
  let total = 0;
  const kept = list.slice(0, RECENT_MAX).filter((e) => (total += e.text?.length ?? 0) <= RECENT_MAX_CHARS);
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(kept));
  } catch {
    // Storage full: the list is a convenience.
  }
}

function readBrowserRecent(): RecentEntry[] {
  try {
    const list = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as RecentEntry[];
    return Array.isArray(list) ? list.filter((e) => typeof e?.label === 'string' && typeof e.text === 'string') : [];
  } catch {
    return [];
  }
}

export async function recentFiles(): Promise<RecentEntry[]> {
  if (hostKind === 'electron') return (await api.invoke('file:recent', {})).map((path) => ({ label: path, path, at: 0 }));
  return readBrowserRecent();
}

export function openRecent(entry: RecentEntry): void {
  if (entry.path) return void openDocumentDialog(entry.path);
  if (!confirmDiscard() || !entry.text) return;
  openText(entry.text, entry.label, null);
}

// ---- autosave and recovery ----

export interface Autosave {
  savedAt: number;
  name: string;
  text: string;
}

export function writeAutosave(): void {
  const state = useAppStore.getState();
  if (!selectDirty(state)) return;
  const entry: Autosave = { savedAt: Date.now(), name: state.documentName, text: currentText() };
  try {
    localStorage.setItem(AUTOSAVE_KEY, JSON.stringify(entry));
  } catch {
    // Storage full: autosave is a safety net, saving by hand still works.
  }
}

export function readAutosave(): Autosave | null {
  try {
    const entry = JSON.parse(localStorage.getItem(AUTOSAVE_KEY) ?? 'null') as Autosave | null;
    if (!entry || typeof entry.text !== 'string' || !parseDocument(entry.text).ok) return null;
    return entry;
  } catch {
    return null;
  }
}

export function discardAutosave(): void {
  localStorage.removeItem(AUTOSAVE_KEY);
}

export function restoreAutosave(entry: Autosave): void {
  const doc = parseDocument(entry.text);
  if (!doc.ok) return;
  // Restored work is unsaved: keep it dirty so the guard still protects it.
  useAppStore.getState().openDocument({ nodes: [], edges: [] }, entry.name);
  useAppStore.getState().setGraph(doc.value.graph);
  useTrainingStore.getState().setHistory(readRuns(doc.value.runs));
  window.dispatchEvent(new Event('netbuilder:fit'));
  discardAutosave();
}

// ---- share strings ----

export function shareString(): string {
  return SHARE_PREFIX + compressToEncodedURIComponent(currentText());
}

export function readShareString(text: string): ParseResult<{ graph: Graph; name: string; runs?: unknown }> {
  const trimmed = text.trim();
  const at = trimmed.indexOf(SHARE_PREFIX);
  if (at < 0) return { ok: false, error: `A shared network starts with "${SHARE_PREFIX}".` };
  const json = decompressFromEncodedURIComponent(trimmed.slice(at + SHARE_PREFIX.length));
  if (!json) return { ok: false, error: 'The shared network is incomplete or damaged: copy it again.' };
  return readNetworkText(json, 'Shared network');
}

export async function importKerasDialog(): Promise<void> {
  if (!confirmDiscard()) return;
  const file = await pickFile('.json');
  if (!file) return;
  openText(await file.text(), file.name.replace(/\.json$/, ''), null);
}
