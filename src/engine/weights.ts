// Trained weights: a TF.js model (model.json + weights.bin) that tf.loadLayersModel reads, and a
// compact form stored inside a network file so a saved network keeps what it learned.
import * as tf from '@tensorflow/tfjs';
import { augmentationLayersOf } from './augmentLayers';
import type { SavedWeights } from '@shared/training/weights';
import type { TfjsExport } from '@shared/ipc/training';

export async function exportTfjs(model: tf.LayersModel): Promise<TfjsExport> {
  const [augment] = augmentationLayersOf(model);
  if (augment) {
    throw new Error(`A TF.js model cannot hold ${augment.getClassName()} "${augment.name}": TensorFlow.js has no such layer, so tf.loadLayersModel would refuse the file. Export a Keras or PyTorch script instead.`);
  }
  let out: TfjsExport | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData as ArrayBuffer;
      const modelJson = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs} (NetBuilder)`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      out = { modelJson: JSON.stringify(modelJson), weights: new Uint8Array(weightData) };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return out!;
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function getWeights(model: tf.LayersModel): SavedWeights {
  return {
    format: 'netbuilder-weights',
    version: 1,
    tensors: model.weights.map((w) => {
      const values = w.read().dataSync() as Float32Array;
      return { name: w.originalName, shape: w.shape as number[], data: toBase64(new Uint8Array(values.buffer, values.byteOffset, values.byteLength)) };
    }),
  };
}

/** Loads saved weights into a model built from the same network; says what does not match. */
export function setWeights(model: tf.LayersModel, saved: SavedWeights): void {
  const byName = new Map(saved.tensors.map((t) => [t.name, t]));
  const values = model.weights.map((w) => {
    const t = byName.get(w.originalName);
    if (!t) throw new Error(`The saved weights have nothing for ${w.originalName}: the network changed since they were saved.`);
    if (t.shape.join() !== (w.shape as number[]).join()) {
      throw new Error(`The saved weights for ${w.originalName} have shape [${t.shape}] but the layer needs [${w.shape}]: the network changed since they were saved.`);
    }
    const bytes = Buffer.from(t.data, 'base64');
    const expected = (w.shape as number[]).reduce((a, b) => a * b, 1) * 4;
    if (bytes.byteLength !== expected) throw new Error(`The saved weights for ${w.originalName} are damaged (${bytes.byteLength} bytes, expected ${expected}).`);
    const copy = new Uint8Array(bytes); // aligned copy
    return tf.tensor(new Float32Array(copy.buffer), w.shape as number[]);
  });
  model.setWeights(values);
  tf.dispose(values);
}

/** Tensors as one flat vector, in order (rank-1 tensors, the biases, need no reshape: on native TensorFlow a reshape is a kernel). */
export function flatten(tensors: tf.Tensor[]): tf.Tensor1D {
  return tf.tidy(() => tf.concat(tensors.map((t) => (t.rank === 1 ? t : tf.reshape(t, [-1])))) as tf.Tensor1D);
}

/** A flat vector laid out as flatten gives it, cut back into tensors shaped like `like`. */
export function unflatten(flat: tf.Tensor1D, like: tf.Tensor[]): tf.Tensor[] {
  return tf.tidy(() => tf.split(flat, like.map((t) => t.size)).map((part, i) => (like[i].rank === 1 ? part : tf.reshape(part, like[i].shape))));
}

/** These variables' values as one flat vector, in order (what the two-thread step sends each step). */
export function readFlat(vars: tf.Variable[]): Float32Array {
  const flat = flatten(vars);
  const values = flat.dataSync() as Float32Array;
  flat.dispose();
  return values;
}

/** Sets these variables from one flat vector laid out as readFlat gives it. */
export function assignFlat(vars: tf.Variable[], flat: Float32Array): void {
  tf.tidy(() => unflatten(tf.tensor1d(flat), vars).forEach((part, i) => vars[i].assign(part)));
}
