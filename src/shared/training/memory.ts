// How much memory training a network takes, estimated before anything is allocated, so a
// network that cannot fit is refused with its size instead of crashing the engine.
import { formatBytes } from '../format';
import type { GraphInfo } from '../shape/types';

/** The WebAssembly backend addresses at most 4 GiB; keep a margin for the data and the runtime. */
export const TRAINING_MEMORY_LIMIT = 2 * 1024 ** 3;

export interface MemoryEstimate {
  /** Weights, their gradients and Adam's two moment slots: 4 floats per parameter. */
  paramBytes: number;
  /** Every layer's output for a batch, kept for the backward pass, and its gradient. */
  activationBytes: number;
  total: number;
}

export function estimateTrainingMemory(info: GraphInfo, batchSize: number): MemoryEstimate {
  const paramBytes = info.totals.total * 4 * 4;
  let perSample = 0;
  for (const n of Object.values(info.nodes)) {
    if (n.outputShape) perSample += n.outputShape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1);
  }
  const activationBytes = perSample * batchSize * 4 * 2;
  return { paramBytes, activationBytes, total: paramBytes + activationBytes };
}

/** Null when it fits, else what to change. */
export function memoryProblem(info: GraphInfo, batchSize: number, limit = TRAINING_MEMORY_LIMIT): string | null {
  const e = estimateTrainingMemory(info, batchSize);
  if (e.total <= limit) return null;
  return `This network needs about ${formatBytes(e.total)} to train with batch size ${batchSize} (${formatBytes(e.paramBytes)} for ${info.totals.total.toLocaleString('en-US')} parameters with their gradients and optimizer state, ${formatBytes(e.activationBytes)} for activations); the limit is ${formatBytes(limit)}. Use fewer units or filters, pool earlier, or a smaller batch.`;
}
