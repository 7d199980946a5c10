// Records keyed by names read from the input (AMQP routing keys, SQL table names, YAML role
// names): plain `r[key] = (r[key] ?? 0) + n` goes wrong for names that Object.prototype
// already has. `constructor` reads the Object function and the count becomes the string
// "function Object() { [native code] }1"; `__proto__` replaces the record's prototype instead of
// counting (docs/FUZZING.md). These helpers only touch own properties.

/** Adds `n` to the own property `key` of `r` (created at `n`). */
export function addCount(r: Record<string, number>, key: string, n = 1): void {
  if (Object.hasOwn(r, key)) r[key] = (r[key] as number) + n;
  else setOwn(r, key, n);
}

/** Sets the own property `key` of `r`, even when `key` is `__proto__`. */
export function setOwn<T>(r: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(r, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The own property `key` of `r`, never an inherited one. */
export function getOwn<T>(r: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(r, key) ? r[key] : undefined;
}
