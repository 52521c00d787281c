import { globalPoolingSpec } from './globalPooling';

export const globalMaxPooling2d = globalPoolingSpec('globalMaxPooling2d', 'GlobalMaxPooling2D', 'globalMaxPooling2d', 'maximum');
