/**
 * Merges lists that are each already sorted by `compare` and returns the first `k` of the
 * union. Each shard answers its own top k from an index; this puts them together.
 */
export function mergeTopK<T> (lists: readonly (readonly T[])[], k: number, compare: (a: T, b: T) => number): T[] {
  const heads = lists.map(() => 0)
  const out: T[] = []
  while (out.length < k) {
    let best = -1
    for (let i = 0; i < lists.length; i++) {
      const item = lists[i]![heads[i]!]
      if (item === undefined) continue
      if (best === -1 || compare(item, lists[best]![heads[best]!]!) < 0) best = i
    }
    if (best === -1) break
    out.push(lists[best]![heads[best]!]!)
    heads[best]!++
  }
  return out
}
