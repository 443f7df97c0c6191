import { createError } from '@platform/kit'

export const PostNotFound = createError<[string]>('POSTS_POST_NOT_FOUND', 'Post %s not found', 404)

export const BadCursor = createError<[]>(
  'POSTS_BAD_CURSOR',
  'querystring/before is not a cursor this service issued (pass the `next` of a previous page)',
  400
)
