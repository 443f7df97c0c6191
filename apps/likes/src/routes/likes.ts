import { actingUserGuard, errorResponses, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { AlreadyLiked, LikeNotFound } from '../errors.js'
import { Like, LikeBody, LikeParams, LikeResult, PostLikes, PostParams } from '../schemas.js'

const tags = ['likes']
const actingAs = actingUserGuard('likes')
const UNAVAILABLE = 'Answers 503 with `Retry-After` while the store (Redis) is not answering; a write is never half applied.'

// Post ids arrive in either case; stores keep and answer the canonical lower-case form.
const canonical = (postId: string) => postId.toLowerCase()
const likePath = (postId: string, username: string) => `/likes/posts/${postId}/likers/${encodeURIComponent(username)}`

const likesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/likes/posts/:post_id', {
    schema: {
      tags,
      summary: 'Like a post',
      description:
        'Answers 201 with the post\'s likes and `Location: /likes/posts/{post_id}/likers/{username}`; 409 if the user ' +
        'already likes it. The post is not looked up in the posts service. Through the gateway, `username` must be ' +
        `the token's user. ${UNAVAILABLE}`,
      params: PostParams,
      body: LikeBody,
      response: { 201: LikeResult, ...errorResponses(400, 403, 409, 413, 415, 503) }
    }
  }, async (request, reply) => {
    const postId = canonical(request.params.post_id)
    const { username } = request.body
    actingAs(request, username)
    const result = await app.likes.like(postId, username)
    if (result.outcome === 'already-liked') throw new AlreadyLiked(username, postId)
    return reply.code(201).header('location', likePath(postId, username)).send({ post_id: postId, username, likes: result.likes })
  })

  app.get('/likes/posts/:post_id/likers/:username', {
    schema: {
      tags,
      summary: 'One like: whether a user likes a post, and since when',
      params: LikeParams,
      response: { 200: Like, ...errorResponses(400, 404, 503) }
    }
  }, async (request) => {
    const postId = canonical(request.params.post_id)
    const { username } = request.params
    const likedAt = await app.likes.likedAt(postId, username)
    if (likedAt === undefined) throw new LikeNotFound(username, postId)
    return { post_id: postId, username, liked_at: new Date(likedAt).toISOString() }
  })

  app.delete('/likes/posts/:post_id/likers/:username', {
    schema: {
      tags,
      summary: 'Take a like back',
      description: `Answers 200 with the post's likes left; 404 if the user did not like it. Through the gateway, the username must be the token's user. ${UNAVAILABLE}`,
      params: LikeParams,
      response: { 200: LikeResult, ...errorResponses(400, 403, 404, 503) }
    }
  }, async (request) => {
    const postId = canonical(request.params.post_id)
    const { username } = request.params
    actingAs(request, username)
    const result = await app.likes.unlike(postId, username)
    if (result.outcome === 'not-liked') throw new LikeNotFound(username, postId)
    return { post_id: postId, username, likes: result.likes }
  })

  app.get('/likes/posts/:post_id', {
    schema: {
      tags,
      summary: 'How many users like a post',
      description: '0 for a post nobody likes (this service does not know which posts exist).',
      params: PostParams,
      response: { 200: PostLikes, ...errorResponses(400, 503) }
    }
  }, async (request) => {
    const postId = canonical(request.params.post_id)
    return { post_id: postId, likes: await app.likes.count(postId) }
  })
}

export default likesRoutes
