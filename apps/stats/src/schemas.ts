import { Type } from 'typebox'
import { Limit, Username, Uuid } from '@platform/kit'

export const UserIdParams = Type.Object({ user_id: Uuid })
export const GameParams = Type.Object({
  user_id: Uuid,
  game_id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })
})

export const NewUser = Type.Object({ username: Username }, { additionalProperties: false })
export const User = Type.Object({ user_id: Uuid, username: Username })
export const UsernameQuery = Type.Object({ username: Username }, { additionalProperties: false })

export const NewGame = Type.Object(
  {
    user_id: Uuid,
    game_id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'The Wordle puzzle number' }),
    finished: Type.String({
      format: 'date-or-timestamp',
      description: 'When the game ended, from 2000-01-01 to 2099-12-31: YYYY-MM-DD, or an ISO-8601 timestamp (UTC if it has no zone; offsets -12:00 to +14:00)',
      examples: ['2022-03-14', '2022-03-14T21:07:00Z']
    }),
    guesses: Type.Integer({ minimum: 1, maximum: 6 }),
    won: Type.Boolean()
  },
  { additionalProperties: false }
)
export const Game = Type.Object({
  user_id: Uuid,
  game_id: Type.Integer(),
  finished: Type.String({ description: 'As posted for a date; normalised to UTC for a timestamp' }),
  guesses: Type.Integer(),
  won: Type.Boolean()
})

const Count = Type.Integer({ minimum: 0 })
/** The NYT statistics format, camelCase keys as clients read them. */
export const Stats = Type.Object({
  currentStreak: Count,
  maxStreak: Count,
  guesses: Type.Object({
    1: Count, 2: Count, 3: Count, 4: Count, 5: Count, 6: Count, fail: Count
  }),
  winPercentage: Count,
  gamesPlayed: Count,
  gamesWon: Count,
  averageGuesses: Count
})

export const LeaderboardQuery = Type.Object({ limit: Limit(10, 100) }, { additionalProperties: false })
export const WinsBoard = Type.Array(Type.Object({ user_id: Uuid, username: Username, wins: Count }))
export const StreaksBoard = Type.Array(Type.Object({ user_id: Uuid, username: Username, streak: Count }))
