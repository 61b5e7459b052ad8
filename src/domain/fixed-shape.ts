/**
 * Objects with many keys that V8 keeps in a fixed shape.
 *
 * Why: an object given ~50 keys one by one becomes a hash table in V8 (its "dictionary
 * mode"): slower to read, to walk, and for `JSON.stringify` to write. A copy of an object
 * made whole (here by `Object.fromEntries`) has its shape from the start, and setting its
 * keys keeps it. A push's records come in runs with one field list, so each place that
 * builds such objects keeps its own template and builds it once per run, not per record.
 *
 * What must hold: `blankOf(names)` is a new object with exactly `names` as own keys, in
 * that order (integer-like names first, as in any object), each null, whatever was asked
 * before; a `__proto__` name is an own key too, never the prototype.
 */
export class FixedShapes {
  private names: readonly string[] = [];
  private template: Readonly<Record<string, unknown>> = {};

  blankOf(names: readonly string[]): Record<string, unknown> {
    if (!isSameList(names, this.names)) {
      this.names = [...names];
      this.template = Object.fromEntries(names.map((name) => [name, null]));
    }
    return { ...this.template };
  }
}

function isSameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
