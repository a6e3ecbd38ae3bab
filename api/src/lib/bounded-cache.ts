/**
 * A map that forgets: entries live `ttlMs`, and past `maxEntries` the oldest is dropped first. For
 * per-instance caches whose entries are also checked against a shared source on every use.
 */
export class BoundedCache<K, V> {
  readonly #entries = new Map<K, { value: V; expiresAt: number }>()

  constructor(private readonly options: { ttlMs: number; maxEntries: number }) {}

  get(key: K, now = Date.now()): V | undefined {
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    if (entry.expiresAt > now) return entry.value
    this.#entries.delete(key)
    return undefined
  }

  set(key: K, value: V, now = Date.now()): void {
    this.#entries.delete(key)
    if (this.#entries.size >= this.options.maxEntries) {
      const oldest = this.#entries.keys().next()
      if (!oldest.done) this.#entries.delete(oldest.value)
    }
    this.#entries.set(key, { value, expiresAt: now + this.options.ttlMs })
  }

  delete(key: K): void {
    this.#entries.delete(key)
  }

  get size(): number {
    return this.#entries.size
  }
}
