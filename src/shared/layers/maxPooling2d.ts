import { poolingSpec } from './pooling';

export const maxPooling2d = poolingSpec('maxPooling2d', 'MaxPooling2D', 'maxPooling2d', 'maximum');
