// The examples gallery: networks a learner meets first, each with Keras-exact counts.
import type { Graph } from '../graph/model';
import { branchingGraph, sequentialGraph } from '../graph/ops';
import { layoutGraph } from '../graph/layout';
import type { TrainOptions } from '../training/options';

export interface Example {
  id: string;
  title: string;
  description: string;
  graph: Graph;
  /** Training options that go with it (its data set), set when the example is opened. */
  training?: Partial<TrainOptions>;
}

export const examples: Example[] = [
  {
    id: 'mnist-mlp',
    title: 'MNIST MLP',
    description: 'Flatten the 28x28 digit and classify it with two Dense layers. 101,770 parameters.',
    graph: sequentialGraph([
      ['input', { shape: [28, 28] }],
      ['flatten'],
      ['dense', { units: 128, activation: 'relu' }],
      ['dense', { units: 10, activation: 'softmax' }],
    ]),
  },
  {
    id: 'mnist-cnn',
    title: 'MNIST CNN',
    description: 'Two convolution + pooling blocks, Dropout and a softmax classifier: the classic Keras example. 34,826 parameters, about 99% test accuracy.',
    graph: sequentialGraph([
      ['input', { shape: [28, 28, 1] }],
      ['conv2d', { filters: 32, kernelSize: [3, 3], activation: 'relu' }],
      ['maxPooling2d', { poolSize: [2, 2] }],
      ['conv2d', { filters: 64, kernelSize: [3, 3], activation: 'relu' }],
      ['maxPooling2d', { poolSize: [2, 2] }],
      ['flatten'],
      ['dropout', { rate: 0.5 }],
      ['dense', { units: 10, activation: 'softmax' }],
    ]),
  },
  {
    id: 'lenet5',
    title: 'LeNet-5 style',
    description: 'LeCun\'s 1998 layout with ReLU and max pooling: 6 and 16 5x5 filters, then 120, 84 and 10 units. 61,706 parameters.',
    graph: sequentialGraph([
      ['input', { shape: [28, 28, 1] }],
      ['conv2d', { filters: 6, kernelSize: [5, 5], padding: 'same', activation: 'relu' }],
      ['maxPooling2d', { poolSize: [2, 2] }],
      ['conv2d', { filters: 16, kernelSize: [5, 5], activation: 'relu' }],
      ['maxPooling2d', { poolSize: [2, 2] }],
      ['flatten'],
      ['dense', { units: 120, activation: 'relu' }],
      ['dense', { units: 84, activation: 'relu' }],
      ['dense', { units: 10, activation: 'softmax' }],
    ]),
  },
  {
    id: 'vgg-blocks',
    title: 'VGG-style blocks',
    description: 'Stacks of 3x3 "same" convolutions with BatchNormalization, halved by pooling: 28 -> 14 -> 7. 74,986 parameters.',
    graph: sequentialGraph([
      ['input', { shape: [28, 28, 1] }],
      ['conv2d', { filters: 32, padding: 'same', activation: 'relu' }],
      ['batchNormalization'],
      ['conv2d', { filters: 32, padding: 'same', activation: 'relu' }],
      ['maxPooling2d'],
      ['conv2d', { filters: 64, padding: 'same', activation: 'relu' }],
      ['batchNormalization'],
      ['conv2d', { filters: 64, padding: 'same', activation: 'relu' }],
      ['maxPooling2d'],
      ['globalAveragePooling2d'],
      ['dense', { units: 128, activation: 'relu' }],
      ['dropout', { rate: 0.5 }],
      ['dense', { units: 10, activation: 'softmax' }],
    ]),
  },
  {
    id: 'mnist-residual',
    title: 'Residual block',
    description: 'A ResNet-style block: two 3x3 convolutions whose output is added to their own input (the identity shortcut), so the block only has to learn a correction. Add needs equal shapes, hence "same" padding and 16 filters on both sides. 12,650 parameters.',
    graph: layoutGraph(
      branchingGraph([
        ['input', { shape: [28, 28, 1] }], // 0
        ['conv2d', { filters: 16, padding: 'same', activation: 'relu' }],
        ['maxPooling2d'], // 2: 14x14x16, the block's input
        ['conv2d', { filters: 16, padding: 'same', activation: 'relu' }],
        ['conv2d', { filters: 16, padding: 'same' }], // 4
        [['add'], [2, 4]], // the shortcut plus the block's output
        ['relu'],
        ['maxPooling2d'],
        ['flatten'],
        ['dense', { units: 10, activation: 'softmax' }],
      ]),
    ),
  },
  {
    id: 'mnist-inception',
    title: 'Inception-style block',
    description: 'Four branches look at the same 14x14 maps side by side: 1x1, 3x3 and 5x5 convolutions (the larger ones after a 1x1 that narrows the channels) and a 3x3 max pooling; Concatenate stacks their 8 + 12 + 6 + 6 = 32 channels in input order. 17,774 parameters.',
    graph: layoutGraph(
      branchingGraph([
        ['input', { shape: [28, 28, 1] }], // 0
        ['conv2d', { filters: 16, padding: 'same', activation: 'relu' }],
        ['maxPooling2d'], // 2: 14x14x16, where the branches start
        [['conv2d', { filters: 8, kernelSize: [1, 1], activation: 'relu' }], [2]], // 3: 1x1
        [['conv2d', { filters: 8, kernelSize: [1, 1], activation: 'relu' }], [2]],
        ['conv2d', { filters: 12, padding: 'same', activation: 'relu' }], // 5: 3x3
        [['conv2d', { filters: 4, kernelSize: [1, 1], activation: 'relu' }], [2]],
        ['conv2d', { filters: 6, kernelSize: [5, 5], padding: 'same', activation: 'relu' }], // 7: 5x5
        [['maxPooling2d', { poolSize: [3, 3], strides: [1, 1], padding: 'same' }], [2]],
        ['conv2d', { filters: 6, kernelSize: [1, 1], activation: 'relu' }], // 9: pool projection
        [['concatenate'], [3, 5, 7, 9]],
        ['maxPooling2d'],
        ['flatten'],
        ['dense', { units: 10, activation: 'softmax' }],
      ]),
    ),
  },
  {
    id: 'spiral',
    title: 'Spiral (2-D points)',
    description: 'The from-scratch course\'s first network: 2 inputs, 64 ReLU units, 3 softmax outputs, on 3 interleaved spiral arms. 387 parameters. Train it on the Spiral data set and watch the decision boundary.',
    graph: sequentialGraph([
      ['input', { shape: [2] }],
      ['dense', { units: 64, activation: 'relu' }],
      ['dense', { units: 3, activation: 'softmax' }],
    ]),
    training: {
      dataset: { kind: 'toy', shape: 'spiral', samples: 1000, testSamples: 100, classes: 3, noise: 0.2, seed: 1 },
      trainLimit: null,
      epochs: 100,
      learningRate: 0.01,
    },
  },
  {
    id: 'housing',
    title: 'House prices (regression)',
    description: '13 numeric features of a synthetic Boston-housing-like table predict the price (MEDV): two hidden layers of 64 and one linear output, trained with mean squared error. Compare it with the linear-regression baseline. 5,121 parameters.',
    graph: sequentialGraph([
      ['input', { shape: [13] }],
      ['dense', { units: 64, activation: 'relu' }],
      ['dense', { units: 64, activation: 'relu' }],
      ['dense', { units: 1, activation: 'linear' }],
    ]),
    training: {
      // The app bundles examples/tables/housing.csv and adds its text when the example opens.
      dataset: { kind: 'csv', name: 'housing.csv', target: 'MEDV', task: 'regression', testSplit: 0.2, seed: 1 },
      trainLimit: null,
      loss: 'meanSquaredError',
      epochs: 100,
      learningRate: 0.001,
      validationSplit: 0.2,
    },
  },
];

export function getExample(id: string): Example | undefined {
  return examples.find((e) => e.id === id);
}
