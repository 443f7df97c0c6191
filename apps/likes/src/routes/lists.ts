import { cursorParser, encodeCursor, errorResponses, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { ListQuery, TopPosts, TopQuery, UserLikesPage, UserParams } from '../schemas.js'

const tags = ['lists']
const pageKey = cursorParser('likes')

const listsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/likes/users/:username', {
    schema: {
      tags,
      summary: 'The posts a user likes, newest like first',
      description: 'When more remain, `next` is a cursor: pass it as `before=` for the next page. An unknown user likes nothing.',
      params: UserParams,
      querystring: ListQuery,
      response: { 200: UserLikesPage, ...errorResponses(400, 503) }
    }
  }, async (request) => {
    const { username } = request.params
    const page = await app.likes.byUser(username, request.query.limit, pageKey(request.query.before))
    return {
      username,
      posts: page.posts.map((p) => ({ post_id: p.post_id, liked_at: new Date(p.liked_at).toISOString() })),
      next: page.next && encodeCursor(page.next)
    }
  })

  app.get('/likes/top', {
    schema: {
      tags,
      summary: 'The most liked posts',
      description: 'Most liked first, equal counts by post id; posts nobody likes are not listed.',
      querystring: TopQuery,
      response: { 200: TopPosts, ...errorResponses(400, 503) }
    }
  }, async (request) => app.likes.top(request.query.limit))
}

export default listsRoutes
