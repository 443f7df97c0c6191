// Sign-ins kept for the run of the app: the menu asks a person's password once, the seed signs
// each customer in once, and both sign in again when a token is about to expire (15 minutes).
import type { CinemaClient } from './client.js'
import { CinemaError } from './client.js'

export interface SignedIn {
  username: string
  token: string
  /** Milliseconds since the epoch. */
  expiresAt: number
}

/** A token this close to its end is not used for a new write: it could expire on the way. */
const MARGIN_MS = 60_000

export class Sessions {
  private readonly kept = new Map<string, SignedIn>()
  private readonly pending = new Map<string, Promise<SignedIn>>()

  constructor (private readonly client: CinemaClient, private readonly now: () => number = Date.now) {}

  // Usernames are one identity whatever their letter case.
  private key = (username: string) => username.toLowerCase()

  /** The token kept for `username`, unless it is about to expire. */
  held (username: string): SignedIn | undefined {
    const s = this.kept.get(this.key(username))
    return s && s.expiresAt - MARGIN_MS > this.now() ? s : undefined
  }

  /** Signs in and keeps the token (failures are the client's CinemaErrors). */
  async signIn (username: string, password: string): Promise<SignedIn> {
    const session = await this.client.signIn(username, password)
    const signedIn = { username, token: session.token, expiresAt: Date.parse(session.expires_at) }
    this.kept.set(this.key(username), signedIn)
    return signedIn
  }

  /** The kept token, else one sign-in shared by every caller asking for it at the same time. */
  async tokenFor (username: string, password: string): Promise<SignedIn> {
    const held = this.held(username)
    if (held) return held
    const key = this.key(username)
    let pending = this.pending.get(key)
    if (!pending) {
      pending = this.signIn(username, password).finally(() => this.pending.delete(key))
      this.pending.set(key, pending)
    }
    return pending
  }

  forget (username: string): void {
    this.kept.delete(this.key(username))
  }
}

/** The gateway refused a write's token (missing, expired, not one of the platform's). */
export const isTokenRefused = (err: unknown): boolean =>
  err instanceof CinemaError && err.status === 401 && err.code.startsWith('USERS_TOKEN_')

/** A sign-in that did not work (wrong name or password, too many tries), or a token refused. */
export const isNotSignedIn = (err: unknown): boolean =>
  err instanceof CinemaError && (
    isTokenRefused(err) ||
    err.code === 'USERS_BAD_CREDENTIALS' ||
    err.code === 'USERS_TOO_MANY_SIGNINS' ||
    (err.status === 403 && err.code.endsWith('_FORBIDDEN'))
  )
