import type { FastifyPluginAsyncTypebox } from '@platform/kit'
import { actingUserGuard, cursorParser, encodeCursor, errorResponses } from '@platform/kit'
import { PostNotFound } from '../errors.js'
import { ListQuery, NewPost, Post, PostPage, PostParams } from '../schemas.js'

const pageKey = cursorParser('posts')
const actingAs = actingUserGuard('posts')
const tags = ['posts']

const postsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/posts',
    {
      schema: {
        tags,
        summary: 'Create a post',
        description: 'Answers 201 with the post and `Location: /posts/{post_id}`. Through the gateway, `username` must be the token\'s user (403).',
        body: NewPost,
        response: { 201: Post, ...errorResponses(400, 403, 413, 415) }
      }
    },
    async (request, reply) => {
      actingAs(request, request.body.username)
      const post = app.posts.create(request.body)
      return reply.code(201).header('location', `/posts/${post.post_id}`).send(post)
    }
  )

  app.get(
    '/posts',
    {
      schema: {
        tags,
        summary: 'The most recent posts, newest first, anywhere or in one community',
        description:
          'List items leave out `text` and `url`. When more posts remain, `next` is a cursor: ' +
          'pass it as `before=` (with the same `community`) for the next page; the `Link` header has that URL.',
        querystring: ListQuery,
        response: { 200: PostPage, ...errorResponses(400) }
      }
    },
    async (request, reply) => {
      const { limit, community, before } = request.query
      const key = pageKey(before)
      const page = app.posts.list({ limit, community, before: key })
      const next = page.next && encodeCursor(page.next)
      if (next) {
        const query = new URLSearchParams({ ...(community === undefined ? {} : { community }), limit: String(limit), before: next })
        reply.header('link', `</posts?${query}>; rel="next"`)
      }
      return { posts: page.posts, next }
    }
  )

  app.get(
    '/posts/:post_id',
    {
      schema: {
        tags,
        summary: 'One post, whole',
        params: PostParams,
        response: { 200: Post, ...errorResponses(400, 404) }
      }
    },
    async (request) => {
      const post = app.posts.get(request.params.post_id)
      if (!post) throw new PostNotFound(request.params.post_id)
      return post
    }
  )

  app.delete(
    '/posts/:post_id',
    {
      schema: {
        tags,
        summary: 'Delete a post',
        description: 'Answers 200 with the post as it was; through the gateway, by its author only (403). Votes on it live in the votes service and are not touched.',
        params: PostParams,
        response: { 200: Post, ...errorResponses(400, 403, 404) }
      }
    },
    async (request) => {
      // Through the gateway only its author deletes a post.
      const author = app.posts.get(request.params.post_id)?.username
      if (author !== undefined) actingAs(request, author)
      const post = app.posts.delete(request.params.post_id)
      if (!post) throw new PostNotFound(request.params.post_id)
      return post
    }
  )
}

export default postsRoutes
