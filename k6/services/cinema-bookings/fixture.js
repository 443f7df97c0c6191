// What a booking needs in the other cinema services: movies, a day showing some of them, users.
import { uniqueName } from '../../lib/data.js'
import { createMovie, draftMovie } from '../cinema-movies/client.js'
import { createShowtime } from '../cinema-showtimes/client.js'
import { createCinemaUser } from '../cinema-users/client.js'

/**
 * `capacities` seats per showing of a new day, each of a new movie; `users` new users. Returns
 * { day, movies, users } or undefined when something could not be made (its check failed).
 */
export function cinemaFixture ({ capacities, users = 1, prefix = 'k6cin', vu = 0 }) {
  const movies = capacities.map(() => createMovie(draftMovie()))
  if (movies.some((m) => !m)) return undefined
  const day = createShowtime(movies.map((m, i) => ({ movie_id: m.movie_id, capacity: capacities[i] })))
  if (!day) return undefined
  const people = []
  for (let i = 0; i < users; i++) {
    const user = createCinemaUser(uniqueName(prefix, vu), `Fan ${i + 1}`)
    if (!user) return undefined
    people.push(user)
  }
  return { day, movies, users: people }
}
