import { test } from 'tap'
import { dayToDate, isDateOrTimestamp, isTimestamp, parseInstant, utcDay } from '../src/time.js'

test('dates and timestamps the platform accepts, and the instant each names', async (t) => {
  const cases: [string, string][] = [
    ['2022-03-14', '2022-03-14T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2022-03-14T21:07:00Z', '2022-03-14T21:07:00.000Z'],
    ['2022-03-14t21:07z', '2022-03-14T21:07:00.000Z'],
    ['2022-03-14 21:07:05', '2022-03-14T21:07:05.000Z'],
    ['2022-03-14T21:07:05.123456789+02:00', '2022-03-14T19:07:05.123Z'],
    ['2022-03-14T01:00:00+0530', '2022-03-13T19:30:00.000Z'],
    ['2022-03-14T10:00:00+14:00', '2022-03-13T20:00:00.000Z'],
    ['2022-03-14T10:00:00-12:00', '2022-03-14T22:00:00.000Z'],
    ['2000-01-01T00:00:00Z', '2000-01-01T00:00:00.000Z'],
    ['2099-12-31T23:59:59.999Z', '2099-12-31T23:59:59.999Z']
  ]
  for (const [value, iso] of cases) {
    const instant = parseInstant(value)
    t.equal(instant && new Date(instant.ms).toISOString(), iso, value)
    t.ok(isDateOrTimestamp(value), `${value} passes the format check`)
  }
  t.equal(parseInstant('2022-03-14')?.dateOnly, true)
  t.equal(parseInstant('2022-03-14T00:00Z')?.dateOnly, false)
})

test('everything else is refused, never half-accepted', async (t) => {
  for (const value of [
    '2022-03-14T10:00:00+24:00', '2022-03-14T10:00:00+14:01', '2022-03-14T10:00:00-12:30', '2022-03-14T10:00:00+02:60',
    '2022-02-30', '2023-02-29', '2022-13-01', '2022-00-10', '2022-01-00', '2022-01-01T24:00:00Z', '2022-01-01T23:60Z',
    '2022-01-01T23:59:60Z', '9999-12-31T23:59:59-23:59', '0000-01-01T00:00:00+23:59', '0000-02-29', '1999-12-31',
    '1999-12-31T23:59:59Z', '2100-01-01', '2099-12-31T23:00:00-12:00', '2022-1-1', '20220101', 'yesterday', '',
    ' 2022-01-01', '2022-01-01 ', '2022-01-01T10:00:00.Z', '2022-01-01T10:00:00.1234567890Z', '+002022-01-01'
  ]) {
    t.equal(parseInstant(value), undefined, JSON.stringify(value))
    t.notOk(isDateOrTimestamp(value), `${JSON.stringify(value)} fails the format check`)
  }
})

test('timestamp is a moment, not a day; days are UTC', async (t) => {
  t.ok(isTimestamp('2022-03-14T10:00Z'))
  t.notOk(isTimestamp('2022-03-14'))
  t.equal(dayToDate(utcDay(parseInstant('2022-03-14T23:30:00-02:00')!.ms)), '2022-03-15', 'the UTC day, not the local one')
})
