import { globalPoolingSpec } from './globalPooling';

export const globalAveragePooling2d = globalPoolingSpec('globalAveragePooling2d', 'GlobalAveragePooling2D', 'globalAveragePooling2d', 'average');
