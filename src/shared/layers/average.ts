import { elementwiseMergeSpec } from './merge';

export const average = elementwiseMergeSpec('average', 'Average', 'average', 'Averages its inputs value by value, e.g. to ensemble branches.', (xs) =>
  `(${xs.join(' + ')}) / ${xs.length}`,
);
