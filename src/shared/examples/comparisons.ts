// Pairs of networks learners are asked to compare.
import type { Graph } from '../graph/model';
import { sequentialGraph, type LayerEntry } from '../graph/ops';

export interface ComparisonNetwork {
  id: string;
  title: string;
  graph: Graph;
}

export const comparisonNetworks: ComparisonNetwork[] = [
  { id: 'one-8x8', title: 'One 8x8 kernel', graph: sequentialGraph([['input', { shape: [32, 32, 1] }], ['conv2d', { filters: 1, kernelSize: [8, 8], activation: 'relu' }]]) },
  {
    id: 'four-2x2',
    title: 'Four stacked 2x2 kernels',
    graph: sequentialGraph([
      ['input', { shape: [32, 32, 1] }],
      ...Array.from({ length: 4 }, (): LayerEntry => ['conv2d', { filters: 1, kernelSize: [2, 2], activation: 'relu' }]),
    ]),
  },
  { id: 'valid-6x6', title: '6x6 input, 3x3 filter, valid', graph: sequentialGraph([['input', { shape: [6, 6, 1] }], ['conv2d', { filters: 1, kernelSize: [3, 3], padding: 'valid' }]]) },
  { id: 'same-6x6', title: '6x6 input, 3x3 filter, same', graph: sequentialGraph([['input', { shape: [6, 6, 1] }], ['conv2d', { filters: 1, kernelSize: [3, 3], padding: 'same' }]]) },
];
