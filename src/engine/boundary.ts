// A two-input network's outputs over a grid of the plane: what the decision-boundary view draws.
import * as tf from '@tensorflow/tfjs';
import { BOUNDARY_RESOLUTION, gridInputs } from '@shared/data/plane';
import type { BoundaryGrid, PlaneData } from '@shared/ipc/training';

export async function boundaryGrid(model: tf.LayersModel, plane: PlaneData, resolution = BOUNDARY_RESOLUTION): Promise<Omit<BoundaryGrid, 'runId' | 'epoch'>> {
  const cells = resolution * resolution;
  const out = tf.tidy(() => model.predict(tf.tensor2d(gridInputs(plane, resolution), [cells, 2])) as tf.Tensor);
  const values = (await out.data()) as Float32Array;
  const outputs = out.shape[out.shape.length - 1] ?? 1;
  out.dispose();
  return { resolution, outputs, values };
}
