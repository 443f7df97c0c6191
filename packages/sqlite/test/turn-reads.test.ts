import { test, type Test } from 'tap'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { openDatabase, turnReads } from '../src/index.js'

function twoConnections (t: Test) {
  const file = join(t.testdir(), 'x.db')
  const mine = openDatabase(file)
  mine.exec('CREATE TABLE n (v INTEGER NOT NULL)')
  mine.exec('INSERT INTO n VALUES (1)')
  const other = openDatabase(file)
  t.teardown(() => {
    mine.close()
    other.close()
  })
  return { mine, other }
}

test('reads in one turn share a snapshot; the next turn sees what others committed since', async (t) => {
  const { mine, other } = twoConnections(t)
  const reads = turnReads(mine)
  const value = mine.prepare<[], number>('SELECT max(v) FROM n').pluck()

  t.equal(reads.read(() => value.get()), 1)
  t.ok(mine.inTransaction, 'the first read opened the turn\'s transaction')
  other.prepare('INSERT INTO n VALUES (2)').run()
  t.equal(reads.read(() => value.get()), 1, 'same turn: the snapshot of its first read')
  await nextTurn()
  t.notOk(mine.inTransaction, 'ended in the check phase')
  t.equal(reads.read(() => value.get()), 2, 'next turn: the other connection\'s commit')
})

test('end() before a write: the write commits at once, and a read after it sees it', async (t) => {
  const { mine, other } = twoConnections(t)
  const reads = turnReads(mine)
  const value = mine.prepare<[], number>('SELECT max(v) FROM n').pluck()
  const insert = mine.transaction((v: number) => mine.prepare('INSERT INTO n VALUES (?)').run(v))

  t.equal(reads.read(() => value.get()), 1)
  other.prepare('INSERT INTO n VALUES (2)').run()
  reads.end()
  t.notOk(mine.inTransaction)
  // Without end() this would be a savepoint in a stale read transaction: SQLITE_BUSY_SNAPSHOT.
  insert.immediate(3)
  t.equal(other.prepare('SELECT max(v) FROM n').pluck().get(), 3, 'committed before the turn ends')
  t.equal(reads.read(() => value.get()), 3, 'a read in the same turn after the write sees it')
  await nextTurn()
  t.notOk(mine.inTransaction)
})

test('inside a transaction the caller opened, reads join it and leave its end to the caller', async (t) => {
  const { mine } = twoConnections(t)
  const reads = turnReads(mine)
  mine.exec('BEGIN')
  t.equal(reads.read(() => mine.prepare('SELECT 7').pluck().get()), 7, 'inside the caller\'s own transaction')
  await nextTurn()
  t.ok(mine.inTransaction, 'the caller\'s transaction is the caller\'s to end')
  mine.exec('COMMIT')
})
