// A toy data set as the trainer takes it: generated training and test points from two seeds.
import { generateToy, testSeed, TOY_LABELS } from '@shared/data/toy';
import type { ToyDatasetSpec } from '@shared/training/dataset';
import type { Dataset } from './datasets';

export function loadToy(spec: ToyDatasetSpec): Dataset {
  const common = { shape: spec.shape, classes: spec.classes, noise: spec.noise };
  const train = generateToy({ ...common, samples: spec.samples, seed: spec.seed });
  const test = generateToy({ ...common, samples: spec.testSamples, seed: testSeed(spec.seed) });
  const classNames = Array.from({ length: spec.classes }, (_, k) => `class ${k}`);
  return {
    name: `${TOY_LABELS[spec.shape]} (${spec.classes} classes)`,
    trainImages: new Uint8Array(0),
    trainLabels: train.y,
    testImages: new Uint8Array(0),
    testLabels: test.y,
    imageShape: [1, 1, 2],
    classNames,
    features: { train: train.x, test: test.x, shape: [2], standardize: false },
  };
}
