export { inputsOf, isChain } from '../graph/ops';
export { importKerasJson, looksLikeKerasModel, orderedLayers, toKerasJson, toTfjsModelJson } from './keras';
export { toKerasPython, toTfjsCode } from './code';
export { readNetworkText, type NetworkText } from './networkText';
