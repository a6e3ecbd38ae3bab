import { resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

/** A first visit: the HTML entry the server answers `path` with, and the lazy page the router loads there. */
export type FirstPage = {
  /** The address as a visitor types it, for the report. */
  path: string
  /** The HTML entry, relative to the project root. */
  html: string
  /** The route's lazily loaded page module, relative to the project root, when the entry has a router. */
  page?: string
  /** Warn when the page's gzipped JavaScript exceeds this many kB. */
  budgetKb?: number
}

export type FirstPageSize = { path: string; gzipBytes: number; files: string[]; budgetKb?: number }

type Chunk = { type: 'chunk'; code: string; imports: string[]; facadeModuleId: string | null }
type Bundle = Record<string, Chunk | { type: 'asset' }>

/** The chunk whose entry module is `moduleId`, and every chunk it imports statically, transitively. */
function staticClosure(bundle: Bundle, moduleId: string, into: Set<string>): void {
  const start = Object.entries(bundle).find(
    ([, output]) => output.type === 'chunk' && output.facadeModuleId === moduleId,
  )
  if (!start) throw new Error(`No chunk has ${moduleId} as its entry`)
  const pending = [start[0]]
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (into.has(file)) continue
    into.add(file)
    const output = bundle[file]
    if (output?.type === 'chunk') pending.push(...output.imports)
  }
}

/**
 * What a first visit to each page downloads before it can run: the HTML entry's chunk and its static
 * imports (which the HTML preloads), plus the route's page chunk and its own static imports. Sizes are
 * gzip at zlib's default level, as a server compresses them.
 */
export function measureFirstPages(
  bundle: Bundle,
  root: string,
  pages: readonly FirstPage[],
): FirstPageSize[] {
  return pages.map((page) => {
    const files = new Set<string>()
    staticClosure(bundle, resolve(root, page.html), files)
    if (page.page) staticClosure(bundle, resolve(root, page.page), files)
    let gzipBytes = 0
    for (const file of files) {
      const output = bundle[file]
      if (output?.type === 'chunk') gzipBytes += gzipSync(output.code).byteLength
    }
    return { path: page.path, gzipBytes, files: [...files].sort(), budgetKb: page.budgetKb }
  })
}

export function formatKb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`
}

/** Prints, after every production build, the gzipped JavaScript each listed first page downloads. */
export function firstPageSizes(options: { pages: readonly FirstPage[] }): Plugin {
  let root = process.cwd()
  return {
    name: 'vantahire:first-page-sizes',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      root = config.root
    },
    // writeBundle sees the chunks as written, after every other plugin has rewritten their code.
    writeBundle(_options, bundle) {
      const sizes = measureFirstPages(bundle as unknown as Bundle, root, options.pages)
      const logger = this.environment.logger
      for (const size of sizes) {
        const line = `first page ${size.path}: ${formatKb(size.gzipBytes)} gzip JS (${size.files.length} files)`
        if (size.budgetKb !== undefined && size.gzipBytes > size.budgetKb * 1000) {
          logger.warn(`${line} — over its ${size.budgetKb} kB budget`)
        } else {
          logger.info(size.budgetKb === undefined ? line : `${line}, budget ${size.budgetKb} kB`)
        }
      }
    },
  }
}
