// Runs in a worker thread: its own users app (its own connection) on the shared database file,
// calling the karma route as fast as it can, so several threads really do race.
import { parentPort, workerData } from 'node:worker_threads'
import { buildApp } from '../src/app.js'
import { loadUsersConfig } from '../src/config.js'

const { file, username, increments, decrements } = workerData as {
  file: string
  username: string
  increments: number
  decrements: number
}
const app = await buildApp(loadUsersConfig({ LOG_LEVEL: 'silent', DATABASE_FILE: file, JWT_SECRET: 'a-test-secret-of-at-least-32-characters' }))
const statuses: number[] = []
const actions = [...Array(increments).fill('increment'), ...Array(decrements).fill('decrement')]
await Promise.all(
  actions.map(async (action) => {
    const res = await app.inject({ method: 'POST', url: `/users/${username}/karma/${action}` })
    statuses.push(res.statusCode)
  })
)
await app.close()
parentPort!.postMessage(statuses)
