import { useState } from 'react';
import { downloadExport } from '../files/exports';

/** The trained weights as TF.js files (model.json + weights.bin). */
export function ExportModel(): React.JSX.Element {
  const [error, setError] = useState<string | null>(null);
  const exportModel = async (): Promise<void> => {
    try {
      await downloadExport('tfjs-model');
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
