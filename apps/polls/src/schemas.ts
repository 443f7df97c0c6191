import { Type } from 'typebox'
import { Cursor, Limit, Text, Username, Uuid } from '@platform/kit'

const PollId = Uuid
const Instant = (description: string) => Type.String({ format: 'date-time', description })

export const MAX_RESPONSES = 10

export const NewPoll = Type.Object(
  {
    title: Text({ maxLength: 300, description: 'The question: 1 to 300 characters, not blank', examples: ['Best first word?'] }),
    username: Username,
    responses: Type.Array(Text({ maxLength: 100, description: 'A response: 1 to 100 characters, not blank', examples: ['CRANE'] }), {
      minItems: 2,
      maxItems: MAX_RESPONSES,
      description: `2 to ${MAX_RESPONSES} responses, distinct other than by letter case and surrounding spaces, in the order voters see them`,
      examples: [['CRANE', 'SLATE', 'ADIEU']]
    })
  },
  { additionalProperties: false, title: 'NewPoll' }
)

export const Poll = Type.Object(
  {
    poll_id: PollId,
    title: Type.String(),
    username: Username,
    responses: Type.Array(Type.String()),
    created_at: Instant('When the poll was created (UTC, ms precision)')
  },
  { title: 'Poll' }
)

export const PollPage = Type.Object(
  {
    polls: Type.Array(Poll),
    next: Type.Union([Cursor, Type.Null()], { description: 'Pass as `before=` for the next page; null on the last page' })
  },
  { title: 'PollPage' }
)

export const ListQuery = Type.Object(
  {
    username: Type.Optional(Username),
    title: Type.Optional(Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Words the title must contain, all of them, whole words, whatever their case and accents',
      examples: ['first word']
    })),
    limit: Limit(20, 100),
    before: Type.Optional(Cursor)
  },
  { additionalProperties: false }
)

export const NewVote = Type.Object(
  {
    username: Username,
    choice: Type.String({ minLength: 1, maxLength: 100, description: "One of the poll's responses, exactly as the poll lists it", examples: ['CRANE'] })
  },
  { additionalProperties: false, title: 'NewVote' }
)

export const Vote = Type.Object(
  { poll_id: PollId, username: Username, choice: Type.String(), voted_at: Instant('When the vote was cast (UTC, ms precision)') },
  { title: 'Vote' }
)

export const Results = Type.Object(
  {
    poll_id: PollId,
    total: Type.Integer({ minimum: 0, description: 'Votes cast in the poll' }),
    results: Type.Array(Type.Object({ choice: Type.String(), votes: Type.Integer({ minimum: 0 }) }), {
      description: "Every response with its votes, in the poll's order"
    })
  },
  { title: 'Results' }
)

export const PollParams = Type.Object({ poll_id: PollId }, { additionalProperties: false })
export const VoteParams = Type.Object({ poll_id: PollId, username: Username }, { additionalProperties: false })
