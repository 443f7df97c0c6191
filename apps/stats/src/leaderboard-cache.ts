import type { Db } from '@platform/sqlite'

/**
 * Merged leaderboards kept per instance, exact: an answer is reused only while no shard has
 * changed since it was computed. SQLite's `PRAGMA data_version` on a connection changes when any
 * *other* connection (another instance, a CLI) commits to that database; commits made on the
 * connection itself do not change it, so this instance's own writes are counted separately
 * (`ownCommits`, bumped by the games stores after each commit).
 *
 * A leaderboard read is then three tiny pragma reads (at most once per event-loop turn) instead of
 * three index scans and a merge.
 */
export function createLeaderboardCache (dbs: readonly Db[], ownCommits: () => number) {
  const versions = dbs.map((db) => db.prepare<[], number>('PRAGMA data_version').pluck())
  const answers = new Map<string, unknown>()
  let seenVersions = versions.map(() => -1)
  let seenCommits = -1

  // The shards' versions are read at most once per turn of the event loop. Requests are served
  // from I/O callbacks (the poll phase), and every request served in one turn was read from a
  // socket epoll had reported ready before that turn's first check: an answer as of that check
  // is one the shards held after the request arrived (as exact as a check per request); a commit
  // after it is seen from the next turn, whose check phase clears the flag. Under load a turn
  // serves many requests, and each pragma read is a read transaction (two fcntl locks and a stat
  // call, by strace): checked per request they were a third of a cached leaderboard's CPU.
  let checkedThisTurn = false
  const nextTurn = () => { checkedThisTurn = false }

  /** Drops every answer when a shard changed since they were computed. */
  function checkFresh (): void {
    let changed = ownCommits() !== seenCommits
    if (!changed && checkedThisTurn) return
    if (!checkedThisTurn) {
      checkedThisTurn = true
      setImmediate(nextTurn)
    }
    for (let i = 0; i < versions.length && !changed; i++) changed = versions[i]!.get() !== seenVersions[i]
    if (!changed) return
    answers.clear()
    // Read before computing: a commit by another connection in between only makes the next
    // check see a change again (a wasted recompute, never a stale answer). Own commits cannot
    // interleave: computing is synchronous.
    seenCommits = ownCommits()
    seenVersions = versions.map((v) => v.get()!)
  }

  return {
    /** The answer for `key` (board and limit), computed at most once per state of the shards. */
    get<T> (key: string, compute: () => T): T {
      checkFresh()
      let answer = answers.get(key) as T | undefined
      if (answer === undefined) {
        answer = compute()
        answers.set(key, answer)
      }
      return answer
    }
  }
}
