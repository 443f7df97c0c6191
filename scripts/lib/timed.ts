/**
 * `step` timed: `ms()` is `before` (time already spent on the same step, such as drawing the
 * users before the games) plus the wall time of every call to `run`. For the CLIs' "generate"
 * and "read" figures, whose second part runs when the build asks for it.
 */
export function timed<T> (step: () => T, before = 0): { run: () => T; ms: () => number } {
  let spent = before
  return {
    run () {
      const from = performance.now()
      try {
        return step()
      } finally {
        spent += performance.now() - from
      }
    },
    ms: () => spent
  }
}
