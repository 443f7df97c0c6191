import { test } from 'tap'
import { buildTestApp, createPoll, type PollBody, type TestApp } from '../helper.js'

const titles = (page: { polls: PollBody[] }) => page.polls.map((p) => p.title)

async function list (app: TestApp, query: string) {
  const res = await app.inject({ method: 'GET', url: `/polls?${query}` })
  if (res.statusCode !== 200) throw new Error(`${query}: ${res.statusCode} ${res.body}`)
  return res.json() as { polls: PollBody[], next: string | null }
}

/** Every page of a list, following `next`. */
async function everyPage (app: TestApp, query: string) {
  const pages = [await list(app, query)]
  while (pages.at(-1)!.next) pages.push(await list(app, `${query}&before=${pages.at(-1)!.next}`))
  return pages
}

test('GET /polls › newest first, paged with a cursor that neither repeats nor skips', async (t) => {
  const app = await buildTestApp(t)
  for (let i = 0; i < 7; i++) await createPoll(app, { title: `poll ${i}` })
  const pages = await everyPage(app, 'limit=3')
  t.same(pages.map(titles), [['poll 6', 'poll 5', 'poll 4'], ['poll 3', 'poll 2', 'poll 1'], ['poll 0']])
  t.equal(pages.at(-1)!.next, null)
  t.same(pages[0]!.polls[0]!.responses, ['CRANE', 'SLATE', 'ADIEU'], 'list items are whole polls')
  t.equal((await list(app, '')).polls.length, 7, 'default limit 20')
})

test('GET /polls?username= › one user\'s polls only', async (t) => {
  const app = await buildTestApp(t)
  await createPoll(app, { title: 'a1', username: 'alice' })
  await createPoll(app, { title: 'b1', username: 'bob' })
  await createPoll(app, { title: 'a2', username: 'alice' })
  await createPoll(app, { title: 'a3', username: 'alice' })
  t.same((await everyPage(app, 'username=alice&limit=2')).map(titles), [['a3', 'a2'], ['a1']])
  t.same(titles(await list(app, 'username=bob')), ['b1'])
  t.same(await list(app, 'username=carol'), { polls: [], next: null })
})

test('GET /polls?title= › whole words, all of them, any case, accents ignored', async (t) => {
  const app = await buildTestApp(t)
  await createPoll(app, { title: 'Best first word for Wordle?' })
  await createPoll(app, { title: 'Café or tea before the daily puzzle?', username: 'bob' })
  await createPoll(app, { title: 'Hardest WORDLE word this week', username: 'bob' })
  await createPoll(app, { title: 'Words with friends or Wordle' })
  t.same(titles(await list(app, 'title=wordle')), ['Words with friends or Wordle', 'Hardest WORDLE word this week', 'Best first word for Wordle?'])
  t.same(titles(await list(app, 'title=word%20wordle')), ['Hardest WORDLE word this week', 'Best first word for Wordle?'], 'every word')
  t.same(titles(await list(app, 'title=cafe')), ['Café or tea before the daily puzzle?'])
  t.same(titles(await list(app, 'title=wor')), [], 'whole words, not prefixes')
  t.same(titles(await list(app, 'title=wordle&username=bob')), ['Hardest WORDLE word this week'], 'with username: both')
  t.same((await everyPage(app, 'title=wordle&limit=1')).map(titles), [
    ['Words with friends or Wordle'], ['Hardest WORDLE word this week'], ['Best first word for Wordle?']
  ], 'pages of a search')
})

test('GET /polls?title= › search syntax is only words: operators and quotes match as text or not at all', async (t) => {
  const app = await buildTestApp(t)
  await createPoll(app, { title: 'NEAR or AND: which word?' })
  for (const q of ['"', 'title:word', 'word*', 'NEAR(word which)', 'word OR', '(', 'AND', '-word', "'; DROP TABLE polls;--", '^word']) {
    const res = await app.inject({ method: 'GET', url: `/polls?title=${encodeURIComponent(q)}` })
    t.ok([200, 400].includes(res.statusCode), `${q}: ${res.statusCode}`)
    t.match(res.headers['content-type'], /application\/json/)
  }
  t.same(titles(await list(app, `title=${encodeURIComponent('NEAR(word which)')}`)), ['NEAR or AND: which word?'], 'operators are words')
  const blank = await app.inject({ method: 'GET', url: '/polls?title=%22%20%2A' })
  t.equal(blank.statusCode, 400)
  t.equal(blank.json().code, 'POLLS_NO_SEARCH_WORDS')
})

test('GET /polls › refuses bad queries with a 400', async (t) => {
  const app = await buildTestApp(t)
  for (const query of ['limit=0', 'limit=101', 'limit=x', 'before=not%20ours', 'before=AAAA', 'username=a%20b', 'title=', `title=${'x'.repeat(201)}`, 'sort=new']) {
    const res = await app.inject({ method: 'GET', url: `/polls?${query}` })
    t.equal(res.statusCode, 400, query)
  }
})

test('the list queries read an index range, never the whole table or all matches', async (t) => {
  const app = await buildTestApp(t)
  await createPoll(app)
  const { listSql } = await import('../../src/polls-store.js')
  const { openDatabase } = await import('@platform/sqlite')
  const db = openDatabase(':memory:', { migrations: new URL('../../migrations', import.meta.url).pathname })
  t.teardown(() => db.close())
  for (const kind of ['all', 'user', 'title', 'userTitle'] as const) {
    for (const before of [false, true]) {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${listSql(kind, before)}`)
        .all({ take: 1, seq: 1, username: 'a', match: '"x"' }) as { detail: string }[]
      const details = plan.map((p) => p.detail).join(' | ')
      t.notMatch(details, /USE TEMP B-TREE FOR ORDER BY/, `${kind}${before ? ' before' : ''}: no sort (${details})`)
      t.notMatch(details, /^SCAN p$|SCAN polls(?! USING)/m, `${kind}${before ? ' before' : ''}: no table scan`)
    }
  }
})
