export { PostId, Community } from './schemas.js'
