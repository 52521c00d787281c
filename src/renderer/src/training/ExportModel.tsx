import { useState } from 'react';
import { host } from '../host';
import { useAppStore } from '../store';

/** The trained weights as TF.js files (model.json + weights.bin). */
export function ExportModel(): React.JSX.Element {
  const [error, setError] = useState<string | null>(null);
  const exportModel = async (): Promise<void> => {
    try {
      const files = await host.api.invoke('model:exportTfjs', { graph: useAppStore.getState().graph });
      host.download('model.json', files.modelJson, 'application/json');
      host.download('weights.bin', new Blob([files.weights.slice().buffer as ArrayBuffer]), 'application/octet-stream');
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div className="row">
      <button onClick={() => void exportModel()} data-testid="export-tfjs" title="model.json + weights.bin, for tf.loadLayersModel">
        Export trained model (TF.js)
      </button>
      <span className="small muted">Saving the network (Ctrl+S) keeps the trained weights in the file.</span>
      {error && <div className="message error">{error}</div>}
    </div>
  );
}
