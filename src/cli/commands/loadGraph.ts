import { readFileSync } from 'node:fs';
import { readNetworkText, type NetworkText } from '@shared/interop';

/** Reads a network file: NetBuilder's .nnb.json, a Keras to_json() file, or a TF.js model.json. */
export function loadNetworkFile(path: string): NetworkText {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, { cause: err });
  }
  const network = readNetworkText(text);
  if (!network.ok) throw new Error(`${path}: ${network.error}`);
  return network.value;
}
