import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { cruise, type ICruiseOptions } from 'dependency-cruiser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_ROOT } from '../src/infra/migrations.js'

const REPO_ROOT = resolve(API_ROOT, '..')
const rules = createRequire(import.meta.url)(join(REPO_ROOT, '.dependency-cruiser.cjs')) as {
  forbidden: NonNullable<ICruiseOptions['ruleSet']>['forbidden']
  options: ICruiseOptions
}

/** The rule names broken by the code under `baseDir` (laid out like the repository). */
async function brokenRules(baseDir: string): Promise<string[]> {
  const result = await cruise(['api/src', 'src'], {
    ...rules.options,
    baseDir,
    validate: true,
    ruleSet: { forbidden: rules.forbidden },
  })
  if (typeof result.output === 'string') throw new Error('expected a cruise result, not a report')
  return result.output.summary.violations.map((violation) => violation.rule.name)
}

/** A throwaway tree with the given files, each a module whose imports say what is tested. */
async function writeTree(root: string, files: Record<string, string>) {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), content)
  }
}

describe('VantaHire’s own code', () => {
  it('keeps its layers, has no import cycles, and the SPA reaches the API only through domain/', async () => {
    expect(await brokenRules(REPO_ROOT)).toEqual([])
  })
})

describe('the import rules', () => {
  let root: string
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'vantahire-layers-'))
  })
  afterAll(() => rm(root, { recursive: true, force: true }))

  async function rulesBrokenBy(name: string, files: Record<string, string>) {
    const tree = join(root, name)
    await writeTree(tree, {
      'api/src/domain/ok.ts': 'export const ok = 1\n',
      'src/main.ts': 'export {}\n',
      ...files,
    })
    return brokenRules(tree)
  }

  it('accept imports that point down the layers', async () => {
    const broken = await rulesBrokenBy('fine', {
      'api/src/lib/helper.ts': "import { ok } from '../domain/ok.js'\nexport const helper = ok\n",
      'api/src/services/thing.ts': "import { helper } from '../lib/helper.js'\nexport const thing = helper\n",
      'src/features/a/index.ts': "import { ok } from '../../../api/src/domain/ok'\nexport const a = ok\n",
      'src/features/b/page.ts': "import { a } from '../a'\nexport const b = a\n",
    })
    expect(broken).toEqual([])
  })

  it('catch an import that points up', async () => {
    const broken = await rulesBrokenBy('upward', {
      'api/src/infra/db.ts': 'export const db = {}\n',
      'api/src/domain/rules.ts': "import { db } from '../infra/db.js'\nexport const rules = db\n",
      'api/src/services/thing.ts': 'export const thing = 1\n',
      'api/src/lib/helper.ts':
        "import type { thing } from '../services/thing.js'\nexport type Helper = typeof thing\n",
    })
    expect(broken).toEqual(expect.arrayContaining(['layer-domain', 'layer-lib']))
  })

  it('catch a cycle, even through types only', async () => {
    const broken = await rulesBrokenBy('cycle', {
      'api/src/services/a.ts': "import type { B } from './b.js'\nexport type A = { b?: B }\n",
      'api/src/services/b.ts': "import type { A } from './a.js'\nexport type B = { a?: A }\n",
    })
    expect(broken).toContain('no-cycles')
  })

  it('catch the SPA reaching into the API beyond domain/ and its exported types', async () => {
    const broken = await rulesBrokenBy('spa', {
      'api/src/services/jobs.ts': 'export const listJobs = () => []\n',
      'src/lib/jobs.ts':
        "import { listJobs } from '../../api/src/services/jobs'\nexport const jobs = listJobs\n",
    })
    expect(broken).toContain('spa-uses-api-domain-only')
  })

  it('catch a feature using another feature’s internals', async () => {
    const broken = await rulesBrokenBy('features', {
      'src/features/a/components/widget.ts': 'export const widget = 1\n',
      'src/features/b/page.ts': "import { widget } from '../a/components/widget'\nexport const b = widget\n",
    })
    expect(broken).toContain('spa-features-through-their-index')
  })
})
