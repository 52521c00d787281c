import { elementwiseMergeSpec } from './merge';

export const add = elementwiseMergeSpec('add', 'Add', 'add', 'Adds its inputs value by value: the join of a residual (skip) connection.', (xs) => xs.join(' + '));
