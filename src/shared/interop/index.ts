export { importKerasJson, looksLikeKerasModel, orderedLayers, toKerasJson } from './keras';
export { toKerasPython, toTfjsCode } from './code';
