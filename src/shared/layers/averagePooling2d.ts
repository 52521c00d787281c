import { poolingSpec } from './pooling';

export const averagePooling2d = poolingSpec('averagePooling2d', 'AveragePooling2D', 'averagePooling2d', 'average');
