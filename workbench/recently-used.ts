/**
 * A map kept in the order its keys were last used (JavaScript maps iterate in insertion order): `use` moves a key to
 * the end, adding it when new, then lets go of the least recently used beyond `limit` and returns what it let go.
 * The inference pool and each of its workers keep the versions a worker holds by this one rule, so they agree; the
 * kept comparison reports (report-thread.ts) follow it too.
 */
export function useRecent<V>(recent: Map<string, V>, key: string, make: () => V, limit: number): { value: V; dropped: V[] } {
  const value = recent.has(key) ? recent.get(key)! : make();
  recent.delete(key);
  recent.set(key, value);
  const dropped: V[] = [];
  for (const [oldest, kept] of recent) {
    if (recent.size <= limit) break;
    recent.delete(oldest);
    dropped.push(kept);
  }
  return { value, dropped };
}
