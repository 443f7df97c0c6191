// ESLint with neostandard, as the Fastify organisation lints: no semicolons, single quotes,
// two-space indent, TypeScript understood. `pnpm lint` runs it over the whole tree.
import neostandard, { resolveIgnoresFromGitignore } from 'neostandard'

export default [
  ...neostandard({ ts: true, ignores: [...resolveIgnoresFromGitignore(), 'k6/images/**', 'scripts/new-service/template/**'] }),
  {
    rules: {
      // `export const X = Type.Object(...)` beside `export type X = Static<typeof X>` is how typebox is used.
      '@typescript-eslint/no-redeclare': 'off',
      // `void promise` marks a promise deliberately not awaited (a stream, a shutdown).
      'no-void': ['error', { allowAsStatement: true }]
    }
  },
  {
    // k6 scripts run in k6's own JavaScript runtime, with its globals.
    files: ['k6/lib/**/*.js', 'k6/scripts/**/*.js', 'k6/services/**/*.js'],
    languageOptions: { globals: { __ENV: 'readonly', __VU: 'readonly', __ITER: 'readonly', open: 'readonly' } }
  }
]
