/**
 * Who may import whom (DESIGN.md, "Seams"). Imports point down this list, never up:
 *
 *   domain ← lib ← schemas ← infra, providers, realtime ← services, interviewer ← voice, jobs,
 *   middleware, routes ← app ← server ← index
 *
 * `npm run lint:deps` checks it, and CI with it; `api/test/architecture.test.ts` proves that a
 * forbidden import and a cycle are caught.
 */

/** The API's layers, lowest first; each may import its own layer and the ones before it. */
const LAYERS = [
  ['domain'],
  ['lib'],
  ['schemas'],
  ['infra', 'providers', 'realtime', 'generated'],
  ['services', 'interviewer'],
  ['voice', 'jobs', 'middleware'],
  ['routes'],
  ['app.ts'],
  ['server.ts'],
  ['index.ts'],
]

const folderPattern = (names) => `^api/src/(${names.map((name) => name.replace('.', '\\.')).join('|')})($|/)`

const layerRules = LAYERS.map((layer, index) => {
  const above = LAYERS.slice(index + 1).flat()
  return {
    name: `layer-${layer.join('-')}`,
    comment: `${layer.join(', ')} may not import ${above.join(', ') || 'anything above it'} (imports point down).`,
    severity: 'error',
    from: { path: folderPattern(layer) },
    to: { path: folderPattern(above) },
  }
}).filter((rule) => rule.to.path !== folderPattern([]))

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Import cycles, type-only ones included, make layers meaningless and start-up order fragile.',
      severity: 'error',
      from: { path: '^(api/src|src)/' },
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'domain-is-pure',
      comment: 'domain/ is data and rules only: no I/O, no framework, nothing but zod.',
      severity: 'error',
      from: { path: '^api/src/domain/' },
      to: { dependencyTypes: ['npm', 'core'], pathNot: '^node_modules/zod/' },
    },
    {
      name: 'spa-uses-api-domain-only',
      comment: 'The SPA shares code with the API only through api/src/domain (values and types).',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^api/src/', pathNot: '^api/src/domain/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'spa-uses-api-types-only',
      comment:
        'Beyond domain/, the SPA may import only the types the API exports for it: the app type and socket events.',
      severity: 'error',
      from: { path: '^src/' },
      to: {
        path: '^api/src/',
        pathNot: '^api/src/(domain/|app\\.ts$|realtime/events\\.ts$)',
        dependencyTypes: ['type-only'],
      },
    },
    {
      name: 'spa-features-through-their-index',
      comment: 'A feature uses another feature only through its public index.ts, never its internals.',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/' },
      to: {
        path: '^src/features/[^/]+/.+',
        pathNot: ['^src/features/$1/', '^src/features/[^/]+/index\\.tsx?$'],
      },
    },
    {
      name: 'spa-features-below-pages',
      comment: 'Features are used by pages and the app shell, never the other way round.',
      severity: 'error',
      from: { path: '^src/features/' },
      to: { path: '^src/(pages|app)/' },
    },
    {
      name: 'spa-shared-pieces-below-features',
      comment: 'Shared components, hooks and helpers know no feature, page or the app shell.',
      severity: 'error',
      from: { path: '^src/(components|hooks|lib)/' },
      to: { path: '^src/(features|pages|app)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: {
      path: ['(^|/)node_modules/', '^api/src/generated/', '\\.test\\.tsx?$', '^api/dist/', '^dist/'],
    },
    // Type-only imports count: a cycle through types still couples the modules.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
}
