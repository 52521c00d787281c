// Every number of a layer's computation written out, for the learner's own network and image.
export * from './activation';
export * from './conv';
export * from './dense';
export * from './optimizer';
export * from './pooling';
export * from './softmax';
export * from './window';
export * from './layer';
