import { Faker, en } from '@faker-js/faker'
import { v4 as uuidv4 } from 'uuid'
import { dateToDay, type LayoutGames, type LayoutInput, type StagedInput } from '@platform/stats/layout'
import { pairSet } from '../lib/pair-set.js'
import { randomInt, seededRandom } from '../lib/random.js'
import { fakerUsernames } from './usernames.js'

export interface GenerateOptions {
  users: number
  games: number
  seed: number
  /** First and last possible day of a game, YYYY-MM-DD. */
  from: string
  to: string
  /** game_id is drawn from 1..maxGameId. */
  maxGameId: number
}

export const GENERATE_DEFAULTS: GenerateOptions = {
  users: 100_000,
  games: 1_000_000,
  seed: 2022,
  from: '2022-01-01',
  to: '2022-12-31',
  maxGameId: 1_000_000
}

type Progress = (phase: string, done: number, total: number) => void

/**
 * A data set like the course's generator: faker usernames (unique, see fakerUsernames), then games of random
 * users with a random game_id, a random day in [from, to], 1..6 guesses, won 3 times in 4.
 * A (user, game_id) drawn twice is drawn again, so there are exactly `games` games.
 */
export function generate (options: GenerateOptions, onProgress: Progress = () => {}): LayoutInput {
  const { users, games } = generateStaged(options, onProgress)
  return { ...users, ...games() }
}

/** The same data set in two steps (see StagedInput): the users now, the games when the build asks. */
export function generateStaged (options: GenerateOptions, onProgress: Progress = () => {}): StagedInput {
  const { users, games } = options
  if (users < 1 && games > 0) throw new Error('games need at least one user')
  if (games > users * options.maxGameId) throw new Error('more games than (user, game_id) pairs')
  const faker = new Faker({ locale: [en] })
  faker.seed(options.seed)
  const random = seededRandom(options.seed)

  const usernames = fakerUsernames(faker, users, (i) => onProgress('users', i, users))
  const ids: Buffer[] = new Array(users)
  const bytes = new Uint8Array(16)
  for (let i = 0; i < users; i++) {
    for (let k = 0; k < 16; k++) bytes[k] = Math.floor(random() * 256)
    const id = Buffer.alloc(16)
    uuidv4({ random: bytes }, id)
    ids[i] = id
  }
  onProgress('users', users, users)
  return { users: { ids, usernames }, games: () => drawGames(options, random, onProgress) }
}

/** The games, drawn from `random` where the users' ids left it. */
function drawGames (options: GenerateOptions, random: () => number, onProgress: Progress): LayoutGames {
  const { users, games } = options
  const first = dateToDay(options.from)
  const last = dateToDay(options.to)
  const gameUser = new Int32Array(games)
  const gameId = new Float64Array(games)
  const gameDay = new Int32Array(games)
  const guesses = new Uint8Array(games)
  const won = new Uint8Array(games)
  const drawn = pairSet(games)
  const idSpan = 2 ** Math.ceil(Math.log2(options.maxGameId + 1))
  for (let j = 0; j < games; j++) {
    let u: number, g: number, key: number
    do {
      u = randomInt(random, 0, users - 1)
      g = randomInt(random, 1, options.maxGameId)
      key = u * idSpan + g
    } while (!drawn.add(key))
    gameUser[j] = u
    gameId[j] = g
    gameDay[j] = randomInt(random, first, last)
    guesses[j] = randomInt(random, 1, 6)
    won[j] = random() < 0.75 ? 1 : 0
    if ((j & 0xffff) === 0) onProgress('draw', j, games)
  }
  onProgress('draw', games, games)
  return { gameUser, gameId, gameDay, guesses, won }
}
