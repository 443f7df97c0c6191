import { Type, type Static } from 'typebox'
import { Limit, Username } from '@platform/kit'
import { Community, PostId } from '@platform/community'

export const PostParams = Type.Object({ post_id: PostId }, { additionalProperties: false })

export const VoteBody = Type.Object(
  {
    username: Username,
    community: Type.Optional(Community)
  },
  { additionalProperties: false, title: 'VoteBody' }
)
export type VoteBody = Static<typeof VoteBody>

const Count = Type.Integer({ minimum: 0 })

export const Tally = Type.Object(
  { post_id: PostId, upvotes: Count, downvotes: Count, score: Type.Integer({ description: 'upvotes - downvotes' }) },
  { title: 'Tally' }
)

const Direction = Type.Union([Type.Literal('up'), Type.Literal('down')])

export const VoteResult = Type.Object(
  {
    post_id: PostId,
    username: Username,
    vote: Direction,
    previous: Type.Union([Direction, Type.Null()], { description: 'The vote this one replaced, if any' }),
    upvotes: Count,
    downvotes: Count,
    score: Type.Integer()
  },
  { title: 'VoteResult' }
)

export const TopQuery = Type.Object(
  { limit: Limit(10, 100), community: Type.Optional(Community) },
  { additionalProperties: false }
)

export const TopPost = Type.Object(
  {
    post_id: PostId,
    community: Type.Union([Type.String(), Type.Null()], { description: 'null when no voter gave it' }),
    upvotes: Count,
    downvotes: Count,
    score: Type.Integer()
  },
  { title: 'TopPost' }
)

// 200 ids are about 8 KB of JSON, well inside the default body limit.
export const SortBody = Type.Object(
  { post_ids: Type.Array(PostId, { maxItems: 200, description: 'Up to 200 post ids' }) },
  { additionalProperties: false, title: 'SortBody' }
)

export const Scored = Type.Object({ post_id: PostId, score: Type.Integer() }, { title: 'ScoredPost' })
