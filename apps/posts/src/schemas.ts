import { Type, type Static } from 'typebox'
import { Cursor, Limit, Text, Username } from '@platform/kit'
import { Community, PostId } from '@platform/community'

export { Community, PostId, Username }

// At least one visible character: a title of spaces or zero-width characters is no title.
const Title = Text({ maxLength: 300, description: '1 to 300 characters, not blank' })
const Body = Text({ maxLength: 10_000, description: 'The body: 1 to 10000 characters, not blank' })
// `format: uri` alone takes any scheme (javascript:, file:); links on the site are web links.
const Url = Type.String({
  maxLength: 2048,
  format: 'uri',
  pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+',
  description: 'An http(s) URL, at most 2048 characters',
  examples: ['https://www.nytimes.com/games/wordle']
})
const CreatedAt = Type.String({ format: 'date-time', description: 'When the post was created (UTC, ms precision)' })

export const NewPost = Type.Object(
  { title: Title, text: Body, community: Community, url: Type.Optional(Url), username: Username },
  { additionalProperties: false, title: 'NewPost' }
)
export type NewPost = Static<typeof NewPost>

export const Post = Type.Object(
  {
    post_id: PostId,
    title: Type.String(),
    text: Type.String(),
    community: Type.String(),
    url: Type.Optional(Type.String()),
    username: Type.String(),
    created_at: CreatedAt
  },
  { title: 'Post' }
)

// What a list shows of a post: the text and url are read from the post itself.
export const PostSummary = Type.Object(
  { post_id: PostId, title: Type.String(), community: Type.String(), username: Type.String(), created_at: CreatedAt },
  { title: 'PostSummary' }
)

export const PostPage = Type.Object(
  {
    posts: Type.Array(PostSummary),
    next: Type.Union([Cursor, Type.Null()], { description: 'Pass as `before=` for the next page; null on the last page' })
  },
  { title: 'PostPage' }
)

export const ListQuery = Type.Object(
  {
    community: Type.Optional(Community),
    limit: Limit(20, 100),
    before: Type.Optional(Cursor)
  },
  { additionalProperties: false }
)
export type ListQuery = Static<typeof ListQuery>

export const PostParams = Type.Object({ post_id: PostId }, { additionalProperties: false })
