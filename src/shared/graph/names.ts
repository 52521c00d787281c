// The one rule for layer names, shared by the file format, the importers and renaming in the
// editor: whatever gets into a network can be saved and opened again.
export const MAX_LAYER_NAME_LENGTH = 200;

/** Why this name cannot be a layer's name, or null. */
export function layerNameProblem(name: string): string | null {
  if (name.length === 0) return 'a layer name cannot be empty.';
  if (name.length > MAX_LAYER_NAME_LENGTH) {
    return `the layer name "${name.slice(0, 40)}..." has ${name.length} characters; names have at most ${MAX_LAYER_NAME_LENGTH}.`;
  }
  return null;
}

/** Why these names cannot name one network's layers (one bad or repeated name), or null. */
export function layerNamesProblem(names: Iterable<string>): string | null {
  const seen = new Set<string>();
  for (const name of names) {
    const problem = layerNameProblem(name);
    if (problem) return problem;
    if (seen.has(name)) return `two layers are named "${name}".`;
    seen.add(name);
  }
  return null;
}
