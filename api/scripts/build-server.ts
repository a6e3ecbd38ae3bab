// npm run build: builds the production server: src/index.ts and everything it imports, our code and the packages
// alike, bundled by esbuild into dist/server.js. One file starts in a fraction of the time Node takes
// to resolve, read and link some 250 separate modules, and the module loader's bookkeeping for them
// never fills the heap. Type-checking is tsc's job (npm run build runs it first).
//
// Left outside the bundle, loaded from node_modules when first used:
// - packages a request rarely needs, imported lazily where they are used (Cloud Storage, the résumé
//   parsers), so they cost nothing until a recording or a résumé arrives;
// - the Prisma query compiler, WebAssembly that the Prisma runtime loads on the first query;
// - the API reference's browser bundle, which docs.ts reads as a file;
// - optional native add-ons that the packages look for and do without.
import { readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Metafile } from 'esbuild'

const API_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
export const SERVER_ENTRY = join(API_ROOT, 'src/index.ts')

const EXTERNAL = [
  '@google-cloud/storage',
  'mammoth',
  'unpdf',
  '@prisma/client/runtime/query_compiler_*',
  '@scalar/api-reference',
  'bufferutil',
  'utf-8-validate',
  'pg-native',
]

/**
 * Bundles `entry` to `outfile` (dist/server.js unless told otherwise). The bench builds its own
 * probe entry with the same options, so what it measures starts like production.
 */
export async function buildServer({
  entry = SERVER_ENTRY,
  outfile = join(API_ROOT, 'dist/server.js'),
}: {
  entry?: string
  outfile?: string
} = {}): Promise<{ outfile: string; metafile: Metafile }> {
  const { metafile } = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: EXTERNAL,
    // Whitespace and comments out, names kept: a smaller source for V8 to hold and scan, stack traces
    // still readable, and dist/server.js.map maps them back (node --enable-source-maps).
    minifyWhitespace: true,
    minifySyntax: true,
    charset: 'ascii',
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
    metafile: true,
    // CommonJS packages inside an ES module bundle still call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  })
  // esbuild's ASCII charset leaves regular-expression literals as written, and a single character
  // beyond Latin-1 there (an ellipsis, a µ) makes V8 hold the whole source in two bytes a character.
  // Escaped, it means the same in a string, a template or a pattern, and the source stays one byte.
  const source = await readFile(outfile, 'utf8')
  await writeFile(
    outfile,
    source.replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is all of ASCII, by design
      /[^\x00-\x7f]/g,
      (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ),
  )
  return { outfile, metafile }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await rm(join(API_ROOT, 'dist'), { recursive: true, force: true })
  const { outfile } = await buildServer()
  console.log(`Built ${outfile}`)
}
