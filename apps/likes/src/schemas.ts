import { Type } from 'typebox'
import { Cursor, Limit, Username } from '@platform/kit'
import { PostId } from '@platform/community'

const Likes = Type.Integer({ minimum: 0, description: 'How many users like the post' })
const LikedAt = Type.String({ format: 'date-time', description: 'When the user liked the post (UTC, ms precision)' })

export const LikeBody = Type.Object({ username: Username }, { additionalProperties: false, title: 'NewLike' })

/** What a like or an unlike answers: the post's likes after it. */
export const LikeResult = Type.Object({ post_id: PostId, username: Username, likes: Likes }, { title: 'LikeResult' })

export const Like = Type.Object({ post_id: PostId, username: Username, liked_at: LikedAt }, { title: 'Like' })

export const PostLikes = Type.Object({ post_id: PostId, likes: Likes }, { title: 'PostLikes' })

export const UserLikesPage = Type.Object(
  {
    username: Username,
    posts: Type.Array(Type.Object({ post_id: PostId, liked_at: LikedAt }), { description: 'Newest like first' }),
    next: Type.Union([Cursor, Type.Null()], { description: 'Pass as `before=` for the next page; null on the last page' })
  },
  { title: 'UserLikesPage' }
)

export const TopPosts = Type.Array(PostLikes, { title: 'TopPosts', description: 'Most liked first, equal counts by post id' })

export const PostParams = Type.Object({ post_id: PostId }, { additionalProperties: false })
export const LikeParams = Type.Object({ post_id: PostId, username: Username }, { additionalProperties: false })
export const UserParams = Type.Object({ username: Username }, { additionalProperties: false })
export const ListQuery = Type.Object({ limit: Limit(20, 100), before: Type.Optional(Cursor) }, { additionalProperties: false })
export const TopQuery = Type.Object({ limit: Limit(10, 100) }, { additionalProperties: false })
