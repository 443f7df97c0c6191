import type { Faker } from '@faker-js/faker'

/** What faker.internet.username() does to a name part: accents off, then only [A-Za-z0-9._-]. */
const clean = (name: string) => name.normalize('NFKD').replace(/[\u0300-\u036F]/g, '').replace(/[^\w.-]/g, '')

/**
 * `count` distinct usernames in faker.internet.username()'s three shapes (First.Last42,
 * First_Last, First42), drawn from the locale's name lists with faker's seeded numbers: the same
 * for the same seed. Built from the cleaned lists directly, not one username() call each: that
 * call parses name templates and cleans every name, 4.5 µs a user, ten times this.
 * Distinct ignoring case, as the users database requires (a NOCASE unique index): a name drawn
 * again is drawn anew up to 5 times, then gets its index as a suffix.
 */
export function fakerUsernames (faker: Faker, count: number, onProgress: (done: number) => void = () => {}): string[] {
  const { first_name: firstNames, last_name: lastNames } = faker.definitions.person
  const firsts = [...new Set([...firstNames.generic ?? [], ...firstNames.female ?? [], ...firstNames.male ?? []].map(clean))]
  const lasts = [...new Set((lastNames.generic ?? []).map(clean))]
  const pick = (list: string[]) => list[faker.number.int(list.length - 1)]!
  const draw = () => {
    const first = pick(firsts)
    const shape = faker.number.int(2)
    if (shape === 2) return `${first}${faker.number.int(99)}`
    const name = `${first}${faker.number.int(1) === 0 ? '.' : '_'}${pick(lasts)}`
    return shape === 0 ? `${name}${faker.number.int(99)}` : name
  }
  const names: string[] = new Array(count)
  const taken = new Set<string>()
  for (let i = 0; i < count; i++) {
    let name = draw()
    for (let tries = 0; taken.has(name.toLowerCase()); tries++) name = tries < 5 ? draw() : `${name}_${i}`
    taken.add(name.toLowerCase())
    names[i] = name
    if ((i & 0x3fff) === 0) onProgress(i)
  }
  return names
}
