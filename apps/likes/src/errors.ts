import { serviceErrors } from '@platform/kit'

// Every error this service answers with on purpose; codes come out as LIKES_<CODE>.
const error = serviceErrors('likes')

export const AlreadyLiked = error<[string, string]>('ALREADY_LIKED', '%s already likes post %s', 409)
export const LikeNotFound = error<[string, string]>('LIKE_NOT_FOUND', '%s does not like post %s', 404)

// A write either happened whole or not at all (one script or transaction); when the connection
// drops mid-call the client cannot know which, so the message does not claim either.
const Unavailable = error<[string, string]>('STORE_UNAVAILABLE', 'The likes store (%s) is not answering (%s); try again shortly', 503)

/** Seconds a client should wait before trying again: the client reconnects at least every second. */
export const RETRY_AFTER_S = 1

/** The store is down or not answering: a 503 with Retry-After (the kit sends an error's headers). */
export function storeUnavailable (where: string, cause: unknown) {
  const message = cause instanceof Error ? cause.message : String(cause)
  return Object.assign(new Unavailable(where, message), { headers: { 'retry-after': String(RETRY_AFTER_S) } })
}
