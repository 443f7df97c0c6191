import { test } from 'tap'
import { buildTestApp, send, type TestApp } from './helper.js'

async function list (app: TestApp, query: string) {
  const res = await app.inject({ method: 'GET', url: `/messages?${query}` })
  return { status: res.statusCode, body: res.json() }
}

/** Every page of a mailbox, following `next`, as the ids in the order they came. */
async function allPages (app: TestApp, query: string, limit: number) {
  const ids: string[] = []
  let before: string | null = null
  let pages = 0
  do {
    const { status, body } = await list(app, `${query}&limit=${limit}${before ? `&before=${before}` : ''}`)
    if (status !== 200) throw new Error(`page ${pages}: ${status} ${JSON.stringify(body)}`)
    if (body.messages.length > limit) throw new Error('page longer than the limit')
    ids.push(...body.messages.map((m: { message_id: string }) => m.message_id))
    before = body.next
    pages++
  } while (before)
  return { ids, pages }
}

test('GET /messages?to= and ?from=', async (t) => {
  const app = await buildTestApp(t)
  const first = await send(app, 'gus', 'hal', 'one')
  await send(app, 'ivo', 'hal', 'two')
  const third = await send(app, 'hal', 'gus', 'three')
  await new Promise((resolve) => setTimeout(resolve, 5))
  const fourth = await send(app, 'gus', 'hal', 'four')

  t.test('the inbox holds the messages to the user, newest first', async (t) => {
    const { status, body } = await list(app, 'to=hal')
    t.equal(status, 200)
    t.same(body.messages.map((m: { contents: string }) => m.contents), ['four', 'two', 'one'])
    t.same(body.messages[0], fourth)
    t.equal(body.next, null, 'one page only')
  })

  t.test('the outbox holds the messages from the user, newest first', async (t) => {
    const { body } = await list(app, 'from=gus')
    t.same(body.messages, [fourth, first])
    t.same((await list(app, 'from=hal')).body.messages, [third])
  })

  t.test('an empty mailbox is an empty page', async (t) => {
    t.same((await list(app, 'to=nobody')).body, { messages: [], next: null })
  })

  t.test('usernames are exact: another letter case is another mailbox', async (t) => {
    t.same((await list(app, 'to=HAL')).body.messages, [])
  })

  t.test('neither or both of to and from is a 400', async (t) => {
    for (const query of ['', 'limit=5', 'to=hal&from=gus']) {
      const { status, body } = await list(app, query)
      t.equal(status, 400, query)
      t.equal(body.code, 'MESSAGES_MAILBOX_REQUIRED')
    }
  })

  t.test('bad query values and unknown parameters are 400s naming them', async (t) => {
    const cases: [string, RegExp][] = [
      ['to=hal&limit=0', /querystring\/limit/],
      ['to=hal&limit=101', /querystring\/limit/],
      ['to=hal&limit=ten', /querystring\/limit/],
      ['to=hal&limit=2.5', /querystring\/limit/],
      ['to=h%20al', /querystring\/to/],
      [`from=${'x'.repeat(65)}`, /querystring\/from/],
      ['to=hal&before=not%20a%20cursor', /querystring\/before/],
      ['to=hal&sort=asc', /querystring\/sort is not an allowed field/]
    ]
    for (const [query, message] of cases) {
      const { status, body } = await list(app, query)
      t.equal(status, 400, query)
      t.match(body, { statusCode: 400, message })
    }
  })

  t.test('a cursor the service did not issue is a 400', async (t) => {
    for (const before of ['abc', Buffer.from('12.x').toString('base64url'), Buffer.from('-1.2').toString('base64url')]) {
      const { status, body } = await list(app, `to=hal&before=${before}`)
      t.equal(status, 400, before)
      t.equal(body.code, 'MESSAGES_BAD_CURSOR')
    }
  })
})

test('paging', async (t) => {
  const app = await buildTestApp(t)
  // 25 messages in one millisecond, between an older and a newer one: only the insertion
  // order tells them apart, and paging must neither repeat nor skip any of them.
  const sent: string[] = []
  const at = Date.parse('2026-01-01T12:00:00.000Z')
  sent.push(app.messages.send({ from: 'kay', to: 'lou', contents: 'older' }, at - 1).message_id)
  for (let i = 0; i < 25; i++) sent.push(app.messages.send({ from: 'kay', to: 'lou', contents: `same ms ${i}` }, at).message_id)
  sent.push(app.messages.send({ from: 'kay', to: 'lou', contents: 'newer' }, at + 1).message_id)
  const newestFirst = [...sent].reverse()

  t.test('the default limit is 20 and the maximum 100', async (t) => {
    const first = await list(app, 'to=lou')
    t.equal(first.body.messages.length, 20)
    t.type(first.body.next, 'string')
    const all = await list(app, 'to=lou&limit=100')
    t.equal(all.body.messages.length, 27)
    t.equal(all.body.next, null)
  })

  t.test('pages of 7 through equal timestamps: every message once, newest first', async (t) => {
    const { ids, pages } = await allPages(app, 'to=lou', 7)
    t.same(ids, newestFirst)
    t.equal(pages, 4)
  })

  t.test('the same through the outbox, with a page size that divides the total exactly', async (t) => {
    const { ids, pages } = await allPages(app, 'from=kay', 9)
    t.same(ids, newestFirst)
    t.equal(pages, 3, 'no empty last page: next is null on a full last page')
  })

  t.test('messages sent while paging do not shift the pages already being read', async (t) => {
    const page1 = (await list(app, 'to=lou&limit=10')).body
    await send(app, 'kay', 'lou', 'newest of all')
    const page2 = (await list(app, `to=lou&limit=10&before=${page1.next}`)).body
    t.same(
      [...page1.messages, ...page2.messages].map((m: { message_id: string }) => m.message_id),
      newestFirst.slice(0, 20)
    )
  })

  t.test('a cursor still works after the message it came from is deleted', async (t) => {
    const page1 = (await list(app, 'to=lou&limit=5')).body
    const last = page1.messages.at(-1).message_id
    t.equal((await app.inject({ method: 'DELETE', url: `/messages/${last}` })).statusCode, 200)
    const page2 = (await list(app, `to=lou&limit=5&before=${page1.next}`)).body
    const expected = newestFirst.slice(newestFirst.indexOf(last) + 1, newestFirst.indexOf(last) + 6)
    t.same(page2.messages.map((m: { message_id: string }) => m.message_id), expected)
  })
})
