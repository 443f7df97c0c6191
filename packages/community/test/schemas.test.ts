import { test } from 'tap'
import { Compile } from 'typebox/compile'
import { PostId, Community } from '../src/index.js'

test('post ids are bare UUIDs in either case', async (t) => {
  const check = Compile(PostId)
  t.ok(check.Check('0b6f1c2e-3d4a-4f5b-8c6d-7e8f9a0b1c2d'))
  t.ok(check.Check('0B6F1C2E-3D4A-4F5B-8C6D-7E8F9A0B1C2D'))
  for (const bad of ['urn:uuid:0b6f1c2e-3d4a-4f5b-8c6d-7e8f9a0b1c2d', '0b6f1c2e3d4a4f5b8c6d7e8f9a0b1c2d', '42', '', '0b6f1c2e-3d4a-4f5b-8c6d-7e8f9a0b1c2g']) {
    t.notOk(check.Check(bad), bad)
  }
})

test('community names: 2 to 32 letters, digits, _ or -', async (t) => {
  const check = Compile(Community)
  for (const ok of ['go', 'Wordle', 'node_js', 'x-y', 'a'.repeat(32)]) t.ok(check.Check(ok), ok)
  for (const bad of ['g', '', 'r/news', 'a'.repeat(33), 'two words', 'café']) t.notOk(check.Check(bad), bad)
})
