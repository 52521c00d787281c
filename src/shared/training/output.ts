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

/**
 * Does the network's output and loss fit the task? A real-valued target needs one linear output
 * and a regression loss; classes need a classification loss. Caught before training.
 */
export function taskProblem(task: 'classification' | 'regression', outputShape: Shape, lastActivation: string | null, loss: string, datasetName = 'The data set'): string | null {
  const regressionLoss = loss === 'meanSquaredError' || loss === 'meanAbsoluteError' || loss === 'huber';
  if (task === 'classification') {
    if (loss === 'meanAbsoluteError' || loss === 'huber') return `${datasetName} has classes, but ${loss} is a regression loss: choose categoricalCrossentropy (or sparseCategoricalCrossentropy).`;
    return null;
  }
  if (outputShape.length !== 2 || outputShape[1] !== 1) {
    return `${datasetName} has a real-valued target, so the last layer must output one value, (None, 1); it outputs ${formatShape(outputShape)}. Set the last Dense to 1 unit with a linear activation.`;
  }
  if (lastActivation === 'softmax') return `${datasetName} has a real-valued target, but the last layer uses softmax, which always outputs 1 for a single unit. Use a linear activation for regression.`;
  if (!regressionLoss) return `${datasetName} has a real-valued target, but ${loss} is a classification loss: choose meanSquaredError, meanAbsoluteError or huber.`;
  return null;
}
