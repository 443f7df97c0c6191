import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

// scrypt's cost: about 50 ms of one core per hash here, off the event loop (libuv's pool).
const COST: ScryptOptions = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }
const KEY_BYTES = 64

function derive (password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)))
  })
}

/** `scrypt$N$r$p$<salt>$<hash>` (base64url): the stored form, with its own cost so it can change later. */
async function hashPassword (password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, COST)
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

// Checked when the account does not exist, so "no such user" costs what "wrong password" does.
const DECOY = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + Buffer.alloc(KEY_BYTES).toString('base64url')

/** Whether `password` is the one `stored` was made from; constant time over the hash. */
async function verifyPassword (password: string, stored: string | null | undefined): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = (stored ?? DECOY).split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p), maxmem: COST.maxmem })
  return stored !== undefined && stored !== null && key.length === expected.length && timingSafeEqual(key, expected)
}

/**
 * Hashing and checking passwords with at most `maxInFlight` hashes under way. scrypt runs on
 * libuv's pool, out of the event loop's sight, so load shedding never sees a crowd of sign-ups:
 * unbounded, they queue there for minutes while every caller waits. Past the bound a caller gets
 * `busy()` (a 503 with Retry-After) at once; a sign-in refused that way counts no failure.
 */
export function passwordHasher (maxInFlight: number, busy: () => Error) {
  let inFlight = 0
  const gated = <A extends unknown[], R>(work: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    if (inFlight >= maxInFlight) throw busy()
    inFlight++
    try {
      return await work(...args)
    } finally {
      inFlight--
    }
  }
  return { hash: gated(hashPassword), verify: gated(verifyPassword) }
}
