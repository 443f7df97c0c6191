import { test } from 'tap'
import { buildTestApp, createUser, play, statsOf, winsOn, type PlayedGame } from './helper.js'

// The definitions on hand-made histories, through the API: what a player would see.

test('a streak runs across a month end and a year end', async (t) => {
  const app = await buildTestApp(t)
  const id = await createUser(app, 'newyear')
  await play(app, id, winsOn(['2021-12-30', '2021-12-31', '2022-01-01', '2022-01-02', '2022-01-31', '2022-02-01']))
  const s = await statsOf(app, id)
  t.equal(s.maxStreak, 4, 'Dec 30 .. Jan 2')
  t.equal(s.currentStreak, 2, 'Jan 31 .. Feb 1')
  t.equal(s.gamesPlayed, 6)
  t.equal(s.winPercentage, 100)
})

test('a missed day breaks the streak', async (t) => {
  const app = await buildTestApp(t)
  const id = await createUser(app, 'gappy')
  await play(app, id, winsOn(['2022-03-01', '2022-03-02', '2022-03-04', '2022-03-05', '2022-03-06', '2022-03-08']))
  const s = await statsOf(app, id)
  t.equal(s.maxStreak, 3)
  t.equal(s.currentStreak, 1)
})

test('a leap day is a day like any other', async (t) => {
  const app = await buildTestApp(t)
  const id = await createUser(app, 'leaper')
  await play(app, id, winsOn(['2024-02-28', '2024-02-29', '2024-03-01']))
  t.equal((await statsOf(app, id)).maxStreak, 3)
})

test('games posted out of order give the same stats as in order', async (t) => {
  const app = await buildTestApp(t)
  const history: PlayedGame[] = [
    { game_id: 1, finished: '2022-06-01', won: true, guesses: 2 },
    { game_id: 2, finished: '2022-06-02', won: true, guesses: 3 },
    { game_id: 3, finished: '2022-06-03', won: false, guesses: 6 },
    { game_id: 4, finished: '2022-06-03', won: true, guesses: 5 },
    { game_id: 5, finished: '2022-06-04', won: true, guesses: 1 },
    { game_id: 6, finished: '2022-06-06', won: true, guesses: 4 },
    { game_id: 7, finished: '2022-06-07', won: true, guesses: 4 },
    { game_id: 8, finished: '2022-06-05', won: true, guesses: 6 }
  ]
  const inOrder = await createUser(app, 'orderly')
  await play(app, inOrder, [...history].sort((a, b) => a.finished.localeCompare(b.finished)))
  const shuffled = await createUser(app, 'chaotic')
  await play(app, shuffled, [history[7]!, history[0]!, history[5]!, history[2]!, history[4]!, history[1]!, history[6]!, history[3]!])
  const expected = await statsOf(app, inOrder)
  t.same(await statsOf(app, shuffled), expected)
  t.equal(expected.maxStreak, 7, 'June 1..7, the gap filled last')
  t.equal(expected.currentStreak, 7)
})

test('a loss and a win on the same day: the day is won, both games count', async (t) => {
  const app = await buildTestApp(t)
  const id = await createUser(app, 'mixed')
  await play(app, id, [
    { game_id: 1, finished: '2022-07-01', won: true, guesses: 3 },
    { game_id: 2, finished: '2022-07-02', won: false, guesses: 6 },
    { game_id: 3, finished: '2022-07-02', won: true, guesses: 4 },
    { game_id: 4, finished: '2022-07-03', won: true, guesses: 5 }
  ])
  const s = await statsOf(app, id)
  t.equal(s.maxStreak, 3)
  t.equal(s.currentStreak, 3)
  t.equal(s.gamesPlayed, 4)
  t.equal(s.gamesWon, 3)
  t.same(s.guesses, { 1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 0, fail: 1 })
})

test('two wins on one day count one day of streak', async (t) => {
  const app = await buildTestApp(t)
  const id = await createUser(app, 'twice')
  await play(app, id, [
    { game_id: 1, finished: '2022-08-01', won: true },
    { game_id: 2, finished: '2022-08-01T22:00:00Z', won: true },
    { game_id: 3, finished: '2022-08-02', won: true }
  ])
  const s = await statsOf(app, id)
  t.equal(s.maxStreak, 2)
  t.equal(s.currentStreak, 2)
})

test('a loss-only latest day makes the current streak 0', async (t) => {
  const app = await buildTestApp(t)
  const id = await createUser(app, 'lost')
  await play(app, id, [...winsOn(['2022-09-01', '2022-09-02']), { game_id: 10, finished: '2022-09-03', won: false }])
  let s = await statsOf(app, id)
  t.equal(s.currentStreak, 0)
  t.equal(s.maxStreak, 2)
  // A later win on that same day turns it into a won day: the streak is back, and longer.
  await play(app, id, [{ game_id: 11, finished: '2022-09-03', won: true }])
  s = await statsOf(app, id)
  t.equal(s.currentStreak, 3)
  t.equal(s.maxStreak, 3)
})

test('days are UTC calendar days', async (t) => {
  const app = await buildTestApp(t)
  const id = await createUser(app, 'traveller')
  // 23:30 at UTC-5 on the 1st is 04:30 UTC on the 2nd: it joins the 3rd's win.
  await play(app, id, [
    { game_id: 1, finished: '2022-10-01T23:30:00-05:00', won: true },
    { game_id: 2, finished: '2022-10-03T01:00:00Z', won: true }
  ])
  t.equal((await statsOf(app, id)).maxStreak, 2)
})

test('percentages and averages round half up', async (t) => {
  const app = await buildTestApp(t)
  const id = await createUser(app, 'rounder')
  // 1 win in 8 games: 12.5% -> 13. Won guesses 2 and 3 average 2.5 -> 3.
  await play(app, id, [
    { game_id: 1, finished: '2022-11-01', won: true, guesses: 2 },
    ...Array.from({ length: 7 }, (_, i) => ({ game_id: 2 + i, finished: `2022-11-0${2 + i}`, won: false, guesses: 6 }))
  ])
  let s = await statsOf(app, id)
  t.equal(s.winPercentage, 13)
  t.equal(s.averageGuesses, 2)
  await play(app, id, [{ game_id: 20, finished: '2022-11-20', won: true, guesses: 3 }])
  s = await statsOf(app, id)
  t.equal(s.averageGuesses, 3, 'mean of 2 and 3')
  t.equal(s.winPercentage, 22, '2 of 9 is 22.2%')
})
