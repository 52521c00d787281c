// Export downloads, shared by the Export dialog and the Training tab: the network with the
// engine's weights (trained, or for the TF.js model the initial ones) and the Training tab's settings.
import { exportFiles, type ExportFile, type ExportFormat } from '@shared/interop/exports';
import { host } from '../host';
import { useAppStore } from '../store';

async function filesFor(format: ExportFormat, distribute: boolean): Promise<ExportFile[]> {
  const { graph, documentName, options } = useAppStore.getState();
  if (format === 'tfjs-model') {
    const tfjs = await host.api.invoke('model:exportTfjs', { graph });
    return [
      { path: 'model.json', content: tfjs.modelJson, mime: 'application/json' },
      { path: 'weights.bin', content: tfjs.weights, mime: 'application/octet-stream' },
    ];
  }
  const scripts = format === 'keras-python' || format === 'pytorch';
  const weights = scripts ? await host.api.invoke('model:getWeights', { graph }) : null;
  const files = exportFiles(format, { graph, name: documentName, options, weights, trained: !!weights, distribute });
  if (!files.ok) throw new Error(files.error);
  return files.value;
}

/** Downloads every file of one export format; resolves to their names. */
export async function downloadExport(format: ExportFormat, distribute = false): Promise<string[]> {
  const files = await filesFor(format, distribute);
  for (const f of files) {
    host.download(f.path, typeof f.content === 'string' ? f.content : new Blob([f.content.slice().buffer as ArrayBuffer]), f.mime);
  }
  return files.map((f) => f.path);
}
