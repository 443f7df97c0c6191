import { serviceErrors } from '@platform/kit'

// Every error this service answers with on purpose; codes come out as POLLS_<CODE>.
const error = serviceErrors('polls')

export const PollNotFound = error<[string]>('POLL_NOT_FOUND', 'Poll %s not found', 404)
export const VoteNotFound = error<[string, string]>('VOTE_NOT_FOUND', '%s has not voted in poll %s', 404)
export const AlreadyVoted = error<[string, string]>('ALREADY_VOTED', '%s already voted in poll %s', 409)
export const DuplicateResponse = error<[number, number]>(
  'DUPLICATE_RESPONSE',
  'body/responses/%d repeats body/responses/%d: responses must differ other than by letter case and surrounding spaces',
  400
)
export const UnknownChoice = error<[string]>('UNKNOWN_CHOICE', 'body/choice must be one of the poll\'s responses: %s', 400)
export const NoSearchWords = error<[]>('NO_SEARCH_WORDS', 'querystring/title must contain a word (letters or digits)', 400)
