// stats:migrate's reader on two threads (as from THREADED_READ games) against the same reader on one.
import { test } from 'tap'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { LayoutGames } from '@platform/stats/layout'
import { openSource } from '../stats/read-source.js'

/** A course-format source of `games` games over 50 users; `extra` rows appended at the end. */
function makeSource (file: string, games: number, extra: unknown[][] = []): void {
  const db = new Database(file)
  // No primary key on games: a source that holds a pair twice must be refused by the reader.
  db.exec(`CREATE TABLE users (user_id INTEGER PRIMARY KEY, username VARCHAR UNIQUE);
           CREATE TABLE games (user_id INTEGER NOT NULL, game_id INTEGER NOT NULL, finished DATE, guesses INTEGER, won BOOLEAN);`)
  const user = db.prepare('INSERT INTO users VALUES (?, ?)')
  const game = db.prepare('INSERT INTO games VALUES (?, ?, ?, ?, ?)')
  db.transaction(() => {
    for (let u = 1; u <= 50; u++) user.run(u, `player_${u}`)
    for (let k = 0; k < games; k++) {
      // Dates and timestamps, so the two halves hold different sets of `finished` texts.
      const finished = k % 7 === 0 ? `2024-03-${String(1 + (k % 28)).padStart(2, '0')}T23:30:00+02:00` : `2023-${String(1 + (k % 12)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`
      game.run(1 + (k % 50), 1 + Math.floor(k / 50), finished, 1 + (k % 6), k % 3 === 0 ? 0 : 1)
    }
    for (const row of extra) game.run(...row)
  })()
  db.close()
}

async function read (file: string, threadedFrom: number): Promise<LayoutGames> {
  return await openSource(file, { threadedFrom }).input.games()
}

/** Game j as the layout stores it. */
const rowsOf = (g: LayoutGames) => Array.from(g.gameUser, (u, j) => [u, g.gameId[j], g.gameDay[j], g.finished!.texts[g.finished!.of[j]!], g.guesses[j], g.won[j]].join(' '))

test('two threads read exactly what one reads, in the same order', async (t) => {
  const file = join(t.testdir(), 'course.db')
  makeSource(file, 5000)
  const one = await read(file, Infinity)
  const two = await read(file, 1)
  t.equal(two.gameUser.length, 5000)
  t.same(rowsOf(two), rowsOf(one))
  t.equal(new Set(two.finished!.texts).size, two.finished!.texts.length, 'each finished text once')
})

test('a pair read in both halves is refused, naming the later row', async (t) => {
  const file = join(t.testdir(), 'course.db')
  // Game 1 of user 1 is row 1 (first half) and again row 5001 (second half).
  makeSource(file, 5000, [[1, 1, '2023-05-05', 3, 1]])
  await t.rejects(read(file, 1), /games row 5001 \(user 1, game 1\): recorded twice/)
  await t.rejects(read(file, Infinity), /games row 5001 \(user 1, game 1\): recorded twice/, 'as one thread says it')
})

test('a bad row in the thread\'s half is refused with its row number, and nothing else is listed', async (t) => {
  const file = join(t.testdir(), 'course.db')
  makeSource(file, 5000, [[2, 999, '2023-05-05', 9, 1]])
  const err = await read(file, 1).then(() => undefined, (e: Error) => e)
  t.match(err?.message, /games row 5001 \(user 2, game 999\): guesses 9 is not 1\.\.6/)
  t.equal(err?.message.split('\n').length, 2, 'the heading and that one row')
})
