/**
 * sfc32, seeded through splitmix32: a small, fast PRNG whose sequence depends only on the
 * seed, so a populate with the same seed writes the same data set on any machine.
 */
export function seededRandom (seed: number): () => number {
  let s = seed >>> 0
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
  let a = splitmix(); let b = splitmix(); let c = splitmix(); let d = splitmix()
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) >>> 0
    return t / 4294967296
  }
}

/** An integer in [min, max]. */
export function randomInt (random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}
