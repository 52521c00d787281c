export { createDocument, parseDocument, parseJsonSafely, serializeDocument, validateDocument, type ParseResult } from './document';
export { CURRENT_VERSION, DocumentSchema, FORMAT_ID, GraphSchema, type NetworkDocument } from './schema';
export { migrations } from './migrations';
