// Does the network's output fit the data set's classes? One check for the status bar, the Training
// tab and the engine, so they agree, with a message that names the fix.
import { formatShape } from '../format';
import type { Shape } from '../graph/model';

/** Classes of the built-in data sets (others are known only once loaded). */
export const DATASET_CLASSES: Record<string, number> = { mnist: 10, 'fashion-mnist': 10 };

/** Why `outputShape` cannot be trained as a classifier over `classes` (null: unknown yet), or null. */
export function classifierOutputProblem(outputShape: Shape, classes: number | null, datasetName = 'The data set'): string | null {
  if (outputShape.length > 2) {
    return `The last layer outputs ${formatShape(outputShape)}: values per position, not one per class. Add a Flatten (or GlobalAveragePooling2D) before the last Dense.`;
  }
  const units = outputShape[outputShape.length - 1];
  if (classes !== null && units !== classes) {
    return `${datasetName} has ${classes} classes, so the last layer must output (None, ${classes}); it outputs ${formatShape(outputShape)}. Set the last Dense to ${classes} units.`;
  }
  return null;
}
