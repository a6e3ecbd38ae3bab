import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PrismaPg } from '@prisma/adapter-pg'
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm'
import pg from 'pg'

/**
 * Prisma migrations without the native schema engine (which the CLI would download): Prisma's own
 * WebAssembly schema engine, driven through @prisma/adapter-pg. It writes the standard
 * `_prisma_migrations` table, so `prisma migrate deploy` elsewhere sees the same history.
 */

/** The api/ folder, found from this file whether it runs from src/ or from a compiled dist/. */
export const API_ROOT = findApiRoot(dirname(fileURLToPath(import.meta.url)))
export const SCHEMA_PATH = join(API_ROOT, 'prisma/schema.prisma')
export const MIGRATIONS_DIR = join(API_ROOT, 'prisma/migrations')

const LOCKFILE_NAME = 'migration_lock.toml'
const NO_FILTERS = { externalTables: [], externalEnums: [] }
/** Postgres `"char"` (catalog columns such as `pg_class.relkind`), which adapter-pg cannot map. */
const CHAR_OID = 18
const TEXT_OID = 25

type EngineModule = typeof import('@prisma/schema-engine-wasm')
type WasmExports = Record<string, unknown>
// Node has WebAssembly; @types/node does not declare it (it lives in the DOM lib).
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: WasmExports } }>
}

let engineModule: Promise<EngineModule> | undefined

// The package's ESM entry imports a .wasm file, which Node cannot load; instantiate it by hand.
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const bindings = await import('@prisma/schema-engine-wasm/schema_engine_bg')
    const packageDir = dirname(createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm'))
    const bytes = await readFile(join(packageDir, 'schema_engine_bg.wasm'))
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings })
    const wasmBindings = bindings as unknown as { __wbg_set_wasm(exports: WasmExports): void }
    wasmBindings.__wbg_set_wasm(instance.exports)
    ;(instance.exports.__wbindgen_start as () => void)()
    return bindings as unknown as EngineModule
  })()
  return engineModule
}

/** Reads `prisma/migrations` in the shape the engine expects. */
export async function readMigrations(migrationsDir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = existsSync(migrationsDir) ? await readdir(migrationsDir, { withFileTypes: true }) : []
  const directories = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
  const lockfilePath = join(migrationsDir, LOCKFILE_NAME)
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: LOCKFILE_NAME,
      content: existsSync(lockfilePath) ? await readFile(lockfilePath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      directories.map(async (name) => {
        const path = join(migrationsDir, name, 'migration.sql')
        const content = existsSync(path)
          ? { tag: 'ok' as const, value: await readFile(path, 'utf8') }
          : { tag: 'error' as const, value: `${path} is missing` }
        return { path: name, migrationFile: { path: 'migration.sql', content } }
      }),
    ),
  }
}

/** Applies pending migrations; returns the names of those it applied (none when up to date). */
export async function applyMigrations(options: {
  databaseUrl: string
  migrationsDir?: string
}): Promise<string[]> {
  return withSchemaEngine(options.databaseUrl, async (engine) => {
    const migrationsList = await readMigrations(options.migrationsDir)
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS })
    return appliedMigrationNames
  })
}

/**
 * The SQL that takes the committed migrations to `schema.prisma`, computed by replaying the
 * migrations in a throw-away shadow database. `hasChanges` is false when the schema and the
 * migrations agree: the drift check.
 */
export async function diffMigrationsToSchema(options: {
  databaseUrl: string
  migrationsDir?: string
  schemaPath?: string
}): Promise<{ hasChanges: boolean; sql: string }> {
  const schemaPath = options.schemaPath ?? SCHEMA_PATH
  const content = await readFile(schemaPath, 'utf8')
  return withSchemaEngine(options.databaseUrl, async (engine) => {
    const migrations = await readMigrations(options.migrationsDir)
    const result = await engine.diff({
      from: { tag: 'migrations', ...migrations },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content }] },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    })
    return { hasChanges: result.exitCode === 2, sql: result.stdout ?? '' }
  })
}

/** Creates the database named in `databaseUrl` when it does not exist yet. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl)
  const name = decodeURIComponent(url.pathname.slice(1))
  const maintenance = new pg.Client({ connectionString: withDatabase(databaseUrl, 'postgres') })
  await maintenance.connect()
  try {
    const existing = await maintenance.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (existing.rowCount) return false
    await maintenance.query(`CREATE DATABASE ${quoteIdentifier(name)}`)
    return true
  } finally {
    await maintenance.end()
  }
}

/** Drops the database named in `databaseUrl`, closing its remaining connections. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1))
  const maintenance = new pg.Client({ connectionString: withDatabase(databaseUrl, 'postgres') })
  await maintenance.connect()
  try {
    await maintenance.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`)
  } finally {
    await maintenance.end()
  }
}

export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl)
  url.pathname = `/${encodeURIComponent(database)}`
  return url.toString()
}

function findApiRoot(start: string): string {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'prisma/schema.prisma'))) return dir
  }
  throw new Error(`prisma/schema.prisma not found above ${start}`)
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

async function withSchemaEngine<T>(
  databaseUrl: string,
  use: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadEngineModule()
  const datamodel = await readFile(SCHEMA_PATH, 'utf8')
  const adapters = new MigrationAdapterFactory(databaseUrl)
  const engine = await SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, datamodel]] },
    () => undefined,
    bindMigrationAwareSqlAdapterFactory(adapters),
  )
  try {
    return await use(engine)
  } finally {
    engine.free()
    await adapters.disposeMainConnections()
  }
}

/**
 * adapter-pg's own factory gets the shadow database wrong in 7.10 (a connection string makes its
 * shadow pool connect to the main database, and its cleanup drops the database before closing the
 * pool using it), so the shadow database is created, connected to and dropped here.
 */
class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres' as const
  readonly adapterName = '@prisma/adapter-pg'

  private readonly mainConnections: SqlDriverAdapter[] = []

  constructor(private readonly databaseUrl: string) {}

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = adaptForMigrations(await new PrismaPg({ connectionString: this.databaseUrl }).connect())
    this.mainConnections.push(adapter)
    return adapter
  }

  /**
   * The engine never disposes its main connection, which holds the migration advisory lock: left
   * open, the next run would wait for the pool's idle timeout, and the process could not exit.
   */
  async disposeMainConnections(): Promise<void> {
    await Promise.all(this.mainConnections.splice(0).map((adapter) => adapter.dispose()))
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `vantahire_shadow_${randomUUID().replaceAll('-', '')}`
    const maintenance = new pg.Client({ connectionString: this.databaseUrl })
    await maintenance.connect()
    await maintenance.query(`CREATE DATABASE ${quoteIdentifier(name)}`)
    const adapter = adaptForMigrations(
      await new PrismaPg({ connectionString: withDatabase(this.databaseUrl, name) }).connect(),
    )
    const disposeAdapter = adapter.dispose.bind(adapter)
    adapter.dispose = async () => {
      try {
        await disposeAdapter()
        await maintenance.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`)
      } finally {
        await maintenance.end()
      }
    }
    return adapter
  }
}

type PerformIO = (query: unknown) => Promise<{ fields: { dataTypeID: number }[] }>

/**
 * Two adapter-pg behaviours that break migrations: its `executeScript` splits scripts on every `;`,
 * comments and string literals included, where Postgres's simple query protocol runs the whole
 * script at once (and atomically, as the native engine does); and the engine's catalog queries
 * return `"char"` columns, whose values already arrive as strings, so they are reported as text.
 */
function adaptForMigrations<T extends SqlDriverAdapter>(adapter: T): T {
  const driver = (adapter as unknown as { underlyingDriver(): pg.Pool }).underlyingDriver()
  adapter.executeScript = async (script) => {
    await driver.query(script)
  }
  patchPerformIO(adapter)
  const startTransaction = adapter.startTransaction.bind(adapter)
  adapter.startTransaction = async (...args) => patchPerformIO(await startTransaction(...args))
  return adapter
}

function patchPerformIO<T>(queryable: T): T {
  const target = queryable as unknown as { performIO: PerformIO }
  const performIO = target.performIO.bind(queryable)
  target.performIO = async (query) => {
    const result = await performIO(query)
    for (const field of result.fields) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID
    return result
  }
  return queryable
}
