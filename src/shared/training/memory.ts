// How much memory training a network takes, estimated before anything is allocated, so a
// network that cannot fit is refused with its size instead of crashing the engine.
import { formatBytes } from '../format';
import type { GraphInfo } from '../shape/types';

/** The WebAssembly backend addresses at most 4 GiB; keep a margin for the data and the runtime. */
export const TRAINING_MEMORY_LIMIT = 2 * 1024 ** 3;

/** Samples per step when evaluating (validation, test set, confusion matrix), where memory allows. */
export const EVALUATION_CHUNK = 1000;

export interface MemoryEstimate {
  /** Weights, their gradients and Adam's two moment slots: 4 floats per parameter. */
  paramBytes: number;
  /** Every layer's output for a batch, kept for the backward pass, and its gradient. */
  activationBytes: number;
  /** Every layer's output for one evaluation chunk (see evaluationChunk). */
  evaluationBytes: number;
  total: number;
}

/** Floats every layer outputs for one sample. */
function valuesPerSample(info: GraphInfo): number {
  let perSample = 0;
  for (const n of Object.values(info.nodes)) {
    if (n.outputShape) perSample += n.outputShape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1);
  }
  return perSample;
}

/**
 * Samples per evaluation step: EVALUATION_CHUNK, fewer when that many samples' activations would
 * not fit beside the weights (evaluation after training must not be what runs out of memory).
 */
export function evaluationChunk(info: GraphInfo, batchSize: number, limit = TRAINING_MEMORY_LIMIT): number {
  const room = limit - info.totals.total * 4 * 4;
  const fits = Math.floor(room / Math.max(1, valuesPerSample(info) * 4));
  return Math.max(1, Math.min(EVALUATION_CHUNK, Math.max(fits, batchSize)));
}

export function estimateTrainingMemory(info: GraphInfo, batchSize: number, limit = TRAINING_MEMORY_LIMIT): MemoryEstimate {
  const paramBytes = info.totals.total * 4 * 4;
  const perSample = valuesPerSample(info);
  const activationBytes = perSample * batchSize * 4 * 2;
  const evaluationBytes = perSample * evaluationChunk(info, batchSize, limit) * 4;
  return { paramBytes, activationBytes, evaluationBytes, total: paramBytes + Math.max(activationBytes, evaluationBytes) };
}

/** Null when it fits, else what to change. */
export function memoryProblem(info: GraphInfo, batchSize: number, limit = TRAINING_MEMORY_LIMIT): string | null {
  const e = estimateTrainingMemory(info, batchSize, limit);
  if (e.total <= limit) return null;
  return `This network needs about ${formatBytes(e.total)} to train with batch size ${batchSize} (${formatBytes(e.paramBytes)} for ${info.totals.total.toLocaleString('en-US')} parameters with their gradients and optimizer state, ${formatBytes(e.activationBytes)} for activations); the limit is ${formatBytes(limit)}. Use fewer units or filters, pool earlier, or a smaller batch.`;
}
