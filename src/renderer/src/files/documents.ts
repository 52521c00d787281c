// New / Open / Save / Save As, recent networks, autosave and share strings. Where files come from
// and go to is the host's business (native dialogs under Electron, upload/download in a browser).
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { Graph } from '@shared/graph/model';
import { readNetworkText, type NetworkText } from '@shared/interop';
import { createDocument, parseDocument, serializeDocument, type ParseResult } from '@shared/serialization';
import { readRuns } from '@shared/training/runs';
import { host, type OpenedText, type RecentEntry } from '../host';
import { selectDirty, useAppStore } from '../store';
import { stopTraining } from '../training/actions';
import { requestFit } from '../editor/viewFit';

const AUTOSAVE_KEY = 'netbuilder.autosave';
export const SHARE_PREFIX = 'nnb1:';

/** Asks before unsaved changes would be lost; true when it is fine to go on. */
export function confirmDiscard(message = 'The network has unsaved changes. Discard them?'): boolean {
  return !selectDirty(useAppStore.getState()) || host.confirm(message);
}

/** Training history travels with the network (saved, autosaved and shared). */
function runsField(): { runs?: unknown[] } {
  const history = useAppStore.getState().history;
  return history.length ? { runs: history } : {};
}

function currentText(): string {
  const { graph, documentName } = useAppStore.getState();
  return serializeDocument(createDocument(graph, documentName, runsField()));
}

/** The network with its trained weights (when this network has been trained), as saved to a file. */
async function textWithWeights(name: string): Promise<string> {
  const { graph, info } = useAppStore.getState();
  const weights = info.valid ? await host.api.invoke('model:getWeights', { graph }).catch(() => null) : null;
  return serializeDocument(createDocument(graph, name, { ...runsField(), ...(weights ? { weights } : {}) }));
}

export function newDocument(): void {
  if (!confirmDiscard()) return;
  openGraph({ nodes: [], edges: [] }, 'Untitled');
}

/** Makes `graph` the open network; nothing of the previous one (runs, errors, messages) stays. */
export function openGraph(graph: Graph, name: string, path: string | null = null, runs: unknown = []): void {
  void stopTraining().catch(() => undefined);
  const s = useAppStore.getState();
  s.openDocument(graph, name, path);
  s.resetTraining(readRuns(runs));
  s.clearToasts();
  requestFit('readable');
}

function openText(file: OpenedText): void {
  const result = readNetworkText(file.text, file.name);
  if (!result.ok) {
    useAppStore.getState().notify(`Could not open ${file.name}: ${result.error}`, 'error');
    return;
  }
  const { graph, name, doc } = result.value;
  openGraph(graph, name, file.path, doc?.runs);
  host.recent.remember(name, file.text);
  const weights = doc?.weights;
  if (!weights) return useAppStore.getState().notify(`Opened ${name}.`);
  host.api.invoke('model:setWeights', { graph, weights: weights as never }).then(
    () => {
      useAppStore.getState().weightsLoaded(graph);
      useAppStore.getState().notify(`Opened ${name} with its trained weights: export them or continue training from them in the Training tab.`);
    },
    (err: Error) => useAppStore.getState().notify(`Opened ${name}, but not its trained weights: ${err.message}`, 'error'),
  );
}

async function openFrom(pick: () => Promise<OpenedText | null>): Promise<void> {
  if (!confirmDiscard()) return;
  try {
    const file = await pick();
    if (file) openText(file);
  } catch (err) {
    useAppStore.getState().notify(`Could not open the file: ${(err as Error).message}`, 'error');
  }
}

/** Open…, or a path the native menu named. */
export const openDocumentDialog = (path?: string): Promise<void> => openFrom(() => host.openFile({ path }));
export const importKerasDialog = (): Promise<void> => openFrom(() => host.openFile({ accept: '.json' }));
export const openRecent = (entry: RecentEntry): Promise<void> => openFrom(() => host.recent.open(entry));
export const recentFiles = (): Promise<RecentEntry[]> => host.recent.list();

export async function saveDocument(saveAs = false): Promise<void> {
  const { documentName, filePath, markSaved, notify } = useAppStore.getState();
  try {
    const saved = await host.saveFile({ name: documentName, path: filePath, saveAs, text: textWithWeights });
    if (!saved) return;
    markSaved(saved.name, saved.path);
    notify(saved.message);
    localStorage.removeItem(AUTOSAVE_KEY);
  } catch (err) {
    notify(`Could not save: ${(err as Error).message}. Your network is still here; try another place.`, 'error');
  }
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
  openGraph({ nodes: [], edges: [] }, entry.name, null, doc.value.runs);
  useAppStore.getState().setGraph(doc.value.graph);
  discardAutosave();
}

// ---- share strings ----

export function shareString(): string {
  return SHARE_PREFIX + compressToEncodedURIComponent(currentText());
}

export function readShareString(text: string): ParseResult<NetworkText> {
  const trimmed = text.trim();
  const at = trimmed.indexOf(SHARE_PREFIX);
  if (at < 0) return { ok: false, error: `A shared network starts with "${SHARE_PREFIX}".` };
  const json = decompressFromEncodedURIComponent(trimmed.slice(at + SHARE_PREFIX.length));
  if (!json) return { ok: false, error: 'The shared network is incomplete or damaged: copy it again.' };
  return readNetworkText(json, 'Shared network');
}
