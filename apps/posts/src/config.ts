import { loadConfig } from '@platform/kit'
import { databaseFileConfig } from '@platform/sqlite'

export function loadPostsConfig (env: Record<string, string | undefined> = process.env) {
  return loadConfig(databaseFileConfig('posts'), env)
}

export type PostsConfig = ReturnType<typeof loadPostsConfig>
