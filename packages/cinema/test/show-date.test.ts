import { test } from 'tap'
import { parseShowDate, showDateParser } from '../src/index.js'

test('parseShowDate › the design\'s YYYYMMDD and ISO both name the same day', async (t) => {
  t.equal(parseShowDate('20151201'), '2015-12-01')
  t.equal(parseShowDate('2015-12-01'), '2015-12-01')
  t.equal(parseShowDate('20160229'), '2016-02-29', 'a leap day')
})

test('parseShowDate › refuses what is no calendar day or out of the platform\'s range', async (t) => {
  for (const bad of ['20151301', '20150229', '2015-11-31', '19991231', '21000101', '2015-1201', '201512011', '', '2015-12-01T10:00']) {
    t.equal(parseShowDate(bad), undefined, JSON.stringify(bad))
  }
})

test('showDateParser › a bad date is the service\'s 400 naming the field', async (t) => {
  const parse = showDateParser('cinema-bookings')
  t.equal(parse('20151202', 'body/date'), '2015-12-02')
  t.throws(() => parse('20151332', 'body/date'), { statusCode: 400, code: 'CINEMA_BOOKINGS_BAD_DATE', message: /^body\/date is not a calendar date: "20151332"/ })
})
