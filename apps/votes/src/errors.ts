import { createError } from '@platform/kit'

export const AlreadyVoted = createError<[string, string, string]>(
  'VOTES_ALREADY_VOTED',
  '%s has already %svoted post %s',
  409
)

export const CommunityMismatch = createError<[string, string, string]>(
  'VOTES_COMMUNITY_MISMATCH',
  'Post %s is in community %s, not %s',
  409
)
