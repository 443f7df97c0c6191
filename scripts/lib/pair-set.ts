/**
 * A set of (user, game) keys (integers below 2^53) in one open-addressing table: a Set of a
 * million such keys boxes each as a heap number and took a second of CPU at 1M games; this
 * takes a fraction, and the draws (hence the data set) are the same.
 */
export function pairSet (expected: number): { add(key: number): boolean } {
  let size = 16
  while (size < 2 * expected) size *= 2
  const keys = new Float64Array(size).fill(-1)
  const mask = size - 1
  return {
    /** False if the key was there already. */
    add (key: number): boolean {
      let i = (Math.imul(key % 4294967296 >>> 0, 0x9e3779b1) ^ Math.imul(Math.floor(key / 4294967296), 0x85ebca6b)) & mask
      for (;;) {
        const k = keys[i]!
        if (k === key) return false
        if (k === -1) {
          keys[i] = key
          return true
        }
        i = (i + 1) & mask
      }
    }
  }
}
