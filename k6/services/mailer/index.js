// Mailer: its API is its status (the work happens on the queues; the notifications smoke
// follows a mail through it).
import { group } from 'k6'
import { get } from '../../lib/http.js'
import { expectJson } from '../../lib/checks.js'
import { runCases } from '../../lib/negative.js'

export function smoke () {
  group('mailer', () => {
    expectJson(get('/mailer/status', { name: 'GET /mailer/status' }), 'mailer status', 200, {
      'connected to the broker': (b) => b.broker === 'connected',
      'reads the mail queue': (b) => b.queues.some((q) => /\.mail$/.test(q.queue) && q.consumers >= 1),
      'counts its deliveries': (b) => Number.isInteger(b.deliveries.sent) && Number.isInteger(b.deliveries.failed)
    })
  })
}

export const negative = {
  setup () {
    return {}
  },
  run () {
    group('mailer: bogus requests', () =>
      runCases([
        { method: 'POST', path: '/mailer/dead-letters/requeue?limit=0', label: 'mailer: requeue limit 0', status: 400 },
        { method: 'POST', path: '/mailer/dead-letters/requeue?limit=many', label: 'mailer: requeue limit not a number', status: 400 },
        { method: 'POST', path: '/mailer/dead-letters/requeue?all=1', label: 'mailer: unknown parameter', status: 400 },
        { method: 'GET', path: '/mailer/nothing-here', label: 'mailer: unknown path', status: 404 },
        { method: 'DELETE', path: '/mailer/status', label: 'mailer: wrong method', status: 404 }
      ])
    )
  }
}

export function journey () {}
