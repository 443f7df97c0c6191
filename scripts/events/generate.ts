import { Faker, en } from '@faker-js/faker'
import { v4 as uuidv4 } from 'uuid'
import type { EventRow } from '@platform/events/store'
import { seededRandom } from '../lib/random.js'
import { CITIES } from './cities.js'

export interface GenerateOptions {
  events: number
  seed: number
  /** Events start in [from, to) (ms). */
  from: number
  to: number
}

export const GENERATE_DEFAULTS: GenerateOptions = {
  events: 1_000_000,
  seed: 2026,
  from: Date.UTC(2025, 0, 1),
  to: Date.UTC(2028, 0, 1)
}

export const TOPICS = [
  'wordle', 'crosswords', 'puzzles', 'chess', 'go', 'board-games', 'trivia', 'books', 'film', 'music', 'jazz', 'theatre',
  'running', 'cycling', 'hiking', 'climbing', 'yoga', 'food', 'wine', 'coffee', 'tech', 'javascript', 'science', 'photography'
]
const KINDS = ['meetup', 'night', 'tournament', 'workshop', 'club', 'session', 'festival', 'talk', 'marathon', 'social']
const VENUES = ['Hall', 'Café', 'Park', 'Library', 'Club', 'Centre', 'Pub', 'Arena', 'Studio', 'Gallery', 'Garden', 'Loft']
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const KM_PER_DEGREE = 111.195

type Row = Omit<EventRow, 'seq'>

/**
 * A data set of `events` events, the same for the same seed: a topic (some more common than
 * others), a title and description from faker pools, a start in [from, to) on a quarter hour,
 * a length (8 % moments, most 1..4 h, some days, a few up to two weeks), and a place scattered
 * around a real city (more events in bigger cities; most within ~10 km of the centre, some in
 * the suburbs). Rows come out in start order, which is also the order they are written in.
 */
export function * generateEvents (options: GenerateOptions, onProgress: (done: number) => void = () => {}): Generator<Row> {
  const faker = new Faker({ locale: [en] })
  faker.seed(options.seed)
  const random = seededRandom(options.seed)
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
  // Pools: faker is slow per call, and a million distinct sentences add nothing to a benchmark.
  const titles = Array.from({ length: 4000 }, () => `${faker.word.adjective()} ${faker.word.noun()}`)
  const descriptions = Array.from({ length: 2000 }, () => faker.lorem.sentences({ min: 1, max: 3 }))
  const venues = Array.from({ length: 3000 }, () => `${faker.person.lastName()} ${pick(VENUES)}`)
  const users = Array.from({ length: 20_000 }, () => faker.internet.username().replace(/[^A-Za-z0-9._-]/g, '').slice(0, 64) || 'user')

  const topicWeights = TOPICS.map((_, i) => 1 / (i + 2))
  const cityWeights = CITIES.map(([, , , w]) => w)
  const weighted = (weights: number[]) => {
    const total = weights.reduce((a, b) => a + b, 0)
    const cumulative = weights.map(((sum) => (w: number) => (sum += w / total))(0))
    return () => {
      const r = random()
      let lo = 0
      let hi = cumulative.length - 1
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (cumulative[mid]! < r) lo = mid + 1
        else hi = mid
      }
      return lo
    }
  }
  const topicOf = weighted(topicWeights)
  const cityOf = weighted(cityWeights)
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())

  // Starts drawn first and sorted: rows are written in start order.
  const quarters = Math.floor((options.to - options.from) / (15 * MINUTE))
  const starts = new Float64Array(options.events)
  for (let i = 0; i < options.events; i++) starts[i] = options.from + Math.floor(random() * quarters) * 15 * MINUTE
  starts.sort()

  const bytes = new Uint8Array(16)
  for (let i = 0; i < options.events; i++) {
    const startsAt = starts[i]!
    const kind = random()
    const length = kind < 0.08
      ? null
      : kind < 0.68
        ? HOUR + Math.floor(random() * 12) * 15 * MINUTE
        : kind < 0.9
          ? 4 * HOUR + Math.floor(random() * 32) * 15 * MINUTE
          : kind < 0.98
            ? DAY + Math.floor(random() * 48) * HOUR
            : 3 * DAY + Math.floor(random() * 11 * 24) * HOUR
    const [cityName, clat, clon] = CITIES[cityOf()]!
    const spreadKm = random() < 0.85 ? 5 : 25
    const lat = Math.max(-90, Math.min(90, clat + (gaussian() * spreadKm) / KM_PER_DEGREE))
    let lon = clon + (gaussian() * spreadKm) / (KM_PER_DEGREE * Math.max(0.05, Math.cos((clat * Math.PI) / 180)))
    if (lon > 180) lon -= 360
    if (lon < -180) lon += 360
    const topic = TOPICS[topicOf()]!
    for (let k = 0; k < 16; k++) bytes[k] = Math.floor(random() * 256)
    const createdAt = startsAt - (1 + Math.floor(random() * 90)) * DAY
    const title = pick(titles)
    yield {
      event_id: uuidv4({ random: bytes }, Buffer.alloc(16)),
      title: `${title.charAt(0).toUpperCase()}${title.slice(1)} ${topic.replace('-', ' ')} ${pick(KINDS)}`,
      description: pick(descriptions),
      topic,
      starts_at: startsAt,
      ends_at: length === null ? null : startsAt + length,
      place_name: `${pick(venues)}, ${cityName}`,
      lat: Math.round(lat * 1e6) / 1e6,
      lon: Math.round(lon * 1e6) / 1e6,
      created_by: pick(users),
      created_at: createdAt,
      updated_at: createdAt
    }
    if ((i & 0x3fff) === 0) onProgress(i)
  }
  onProgress(options.events)
}
