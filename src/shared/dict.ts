/**
 * An object keyed by strings a user chose (layer ids and names): it has no prototype, so ids such
 * as "__proto__" or "constructor" are ordinary keys instead of reaching Object.prototype.
 */
export function userKeyed<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
