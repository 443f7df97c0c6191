import { Type } from 'typebox'
import { Uuid } from '@platform/kit'

/**
 * The community site's services pass these between each other (votes take the post ids posts
 * issue; a vote carries its post's community), so they are defined once.
 */

/** A post id as the posts service issues it: a UUID, canonical lower case in answers. */
export const PostId = Uuid

// Letters, digits, underscore and hyphen: safe in URLs and query strings without escaping.
export const Community = Type.String({
  minLength: 2,
  maxLength: 32,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'A community name: 2 to 32 letters, digits, _ or - (case-sensitive)',
  examples: ['wordle']
})
