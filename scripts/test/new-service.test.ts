// The generator is how every later service starts, so its output must work as generated:
// it typechecks, and its own tests pass.
import { test } from 'tap'
import { spawnSync } from 'node:child_process'
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '@platform/kit'
import { addToBuild, addToProcfile, generateService, placeholders } from '../new-service/generate.js'

test('placeholders for a multi-word service', async (t) => {
  t.same(Object.fromEntries(placeholders({ name: 'cinema-movies', prefix: '/cinema/movies', title: 'Cinema movies' })), {
    __CODE__: 'CINEMA_MOVIES',
    __Pascal__: 'CinemaMovies',
    __camel__: 'cinemaMovies',
    __prefix__: '/cinema/movies',
    __Title__: 'Cinema movies',
    __name__: 'cinema-movies'
  })
})

test('a generated service typechecks and passes its own tests', async (t) => {
  const dir = join(t.testdir({}), 'cinema-movies')
  const files = generateService(dir, { name: 'cinema-movies', prefix: '/cinema/movies', title: 'Cinema movies' })
  t.ok(files.some((f) => f.endsWith('src/cinema-movies-store.ts')), 'the store file is named after the service')
  const all = files.map((f) => readFileSync(f, 'utf8')).join('\n')
  t.notMatch(all, /__[A-Za-z]+__/, 'no placeholder is left')
  t.match(readFileSync(join(dir, 'src/routes/items.ts'), 'utf8'), /'\/cinema\/movies\/:item_id'/)

  // The generated package uses what every service uses: borrow an existing service's node_modules.
  symlinkSync(join(REPO_ROOT, 'apps/posts/node_modules'), join(dir, 'node_modules'))
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(REPO_ROOT, 'tsconfig.json'), include: ['src', 'test'] }))
  const tsc = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' })
  t.equal(tsc.status, 0, `tsc: ${tsc.stdout}${tsc.stderr}`)
  // Its own tap run, outside this one's coverage recording.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && !k.startsWith('_TAPJS_')))
  const tap = spawnSync(join(dir, 'node_modules/.bin/tap'), ['--reporter=silent', '--disable-coverage'], { cwd: dir, env, encoding: 'utf8', timeout: 180_000 })
  t.equal(tap.status, 0, `its tests: ${tap.stdout}${tap.stderr}`)
})

test('bad names, an existing folder and a second Procfile line are refused', async (t) => {
  const base = t.testdir({ Procfile: 'stats: exec node x.ts\n' })
  t.throws(() => generateService(join(base, 'x'), { name: 'Bad_Name', prefix: '/x', title: 'X' }), /kebab-case/)
  t.throws(() => generateService(join(base, 'x'), { name: 'ok', prefix: 'no-slash', title: 'X' }), /a prefix is a path/)
  t.throws(() => generateService(base, { name: 'ok', prefix: '/ok', title: 'X' }), /exists already/)
  addToProcfile(join(base, 'Procfile'), 'likes')
  t.equal(readFileSync(join(base, 'Procfile'), 'utf8'), 'stats: exec node x.ts\nlikes: exec node --conditions=compiled apps/likes/dist/server.js\n')
  t.throws(() => addToProcfile(join(base, 'Procfile'), 'likes'), /already/)
})

test('the root build gets the new service\'s reference once, comments kept', async (t) => {
  const base = t.testdir({ 'tsconfig.build.json': '{\n  // what tsc -b builds\n  "files": [],\n  "references": [\n    { "path": "./packages/kit/tsconfig.build.json" }\n  ]\n}\n' })
  const file = join(base, 'tsconfig.build.json')
  addToBuild(file, 'likes')
  t.equal(readFileSync(file, 'utf8'), '{\n  // what tsc -b builds\n  "files": [],\n  "references": [\n    { "path": "./packages/kit/tsconfig.build.json" },\n    { "path": "./apps/likes/tsconfig.build.json" }\n  ]\n}\n')
  t.throws(() => addToBuild(file, 'likes'), /already/)
})
