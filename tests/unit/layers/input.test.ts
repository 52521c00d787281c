import { describe, expect, it } from 'vitest';
import { symbolic } from './helpers';
import { LAYER_KINDS, createNode, kerasBaseName } from '@shared/layers/registry';

describe('Input Layer: Symbolic', () => {
  it('adds the batch axis', () => {
    expect(symbolic('input', [], { shape: [28, 28, 1] }).shape).toEqual([null, 28, 28, 1]);
    expect(symbolic('input', [], { shape: [784] }).shape).toEqual([null, 784]);
    expect(symbolic('input', [], { shape: [28, 0, 1] }).errors[0]).toMatch(/Input axis 2 must be a whole number/);
    expect(symbolic('input', [], { shape: [1, 2, 3, 4] }).errors[0]).toMatch(/1 to 3 axes/);
  });
});

describe('layer names', () => {
  it('follow Keras: snake_case of the class, numbered from _1', () => {
    expect(LAYER_KINDS.map(kerasBaseName)).toEqual([
      'input_layer', 'conv2d', 'max_pooling2d', 'average_pooling2d', 'global_average_pooling2d', 'global_max_pooling2d',
      'flatten', 'dropout', 'dense', 'batch_normalization', 'activation', 're_lu', 'leaky_re_lu', 'softmax',
      'add', 'concatenate', 'multiply', 'average', 'reshape', 'zero_padding2d', 'up_sampling2d',
      'random_rotation', 'random_translation', 'random_zoom', 'random_flip',
    ]);
    const graph = { nodes: [createNode('dense', { x: 0, y: 0 }, { nodes: [], edges: [] })], edges: [] };
    expect(createNode('dense', { x: 0, y: 0 }, graph).name).toBe('dense_1');
  });
});
