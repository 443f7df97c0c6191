import { serviceErrors } from '@platform/kit'

const error = serviceErrors('votes')

export const AlreadyVoted = error<[string, string, string]>('ALREADY_VOTED',
  '%s has already %svoted post %s',
  409
)

export const CommunityMismatch = error<[string, string, string]>('COMMUNITY_MISMATCH',
  'Post %s is in community %s, not %s',
  409
)
