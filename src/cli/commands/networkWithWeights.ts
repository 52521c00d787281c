import { readFileSync } from 'node:fs';
import type { Graph } from '@shared/graph/model';
import { SavedWeightsSchema } from '@shared/training/weights';
import { parseJsonSafely, type NetworkDocument } from '@shared/serialization';
import { requireNetwork } from '@shared/shape/network';
import { initBackend } from '../../engine/backend';
import { buildModel, type BuiltModel } from '../../engine/buildModel';
import { setWeights } from '../../engine/weights';
import { loadNetworkFile } from './loadGraph';

/**
 * A network file built as a model, with weights from --weights (a network file with weights, or a
 * weights JSON), else the file's own, else random ones.
 */
export async function networkWithWeights(
  file: string,
  weightsFile: string | undefined,
): Promise<{ graph: Graph; name: string; doc: NetworkDocument | null; built: BuiltModel; trained: boolean }> {
  const { graph, name, doc } = loadNetworkFile(file);
  await initBackend();
  const built = buildModel(requireNetwork(graph, 'Fix the network first'));
  let weights: unknown = doc?.weights;
  if (weightsFile) {
    const json = parseJsonSafely(readFileSync(weightsFile, 'utf8'));
    if (!json.ok) throw new Error(`${weightsFile}: ${json.error}`);
    weights = (json.value as { weights?: unknown }).weights ?? json.value;
  }
  if (!weights) return { graph, name, doc, built, trained: false };
  const parsed = SavedWeightsSchema.safeParse(weights);
  if (!parsed.success) {
    built.model.dispose();
    throw new Error('The weights are not NetBuilder weights (save a trained network, or train with the app first).');
  }
  setWeights(built.model, parsed.data);
  return { graph, name, doc, built, trained: true };
}
