import { elementwiseMergeSpec } from './merge';

export const multiply = elementwiseMergeSpec('multiply', 'Multiply', 'multiply', 'Multiplies its inputs value by value, e.g. to gate one branch by another.', (xs) =>
  xs.join(' * '),
);
