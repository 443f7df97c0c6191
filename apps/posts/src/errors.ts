import { serviceErrors } from '@platform/kit'

const error = serviceErrors('posts')

export const PostNotFound = error<[string]>('POST_NOT_FOUND', 'Post %s not found', 404)
