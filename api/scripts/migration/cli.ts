import { parseArgs } from 'node:util'

/**
 * What every migration step shares at its edge: flags with `--help`, connection details from a flag
 * or the environment (never written in code), a progress bar on long steps and a summary at the end.
 */

export type FlagSpec = {
  type: 'string' | 'boolean'
  description: string
  /** The environment variable read when the flag is not given. */
  env?: string
  default?: string
}

export type CommandSpec<F extends Record<string, FlagSpec>> = {
  name: string
  summary: string
  flags: F
}

/** `batch-size` → `batchSize`. */
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S

type ParsedFlags<F extends Record<string, FlagSpec>> = {
  [K in keyof F as CamelCase<K & string>]: F[K]['type'] extends 'boolean' ? boolean : string | undefined
}

export class UsageError extends Error {}

const COMMON_FLAGS = {
  help: { type: 'boolean', description: 'show this help and exit' },
  'dry-run': { type: 'boolean', description: 'do everything except write: report what would change' },
} as const satisfies Record<string, FlagSpec>

export function helpText<F extends Record<string, FlagSpec>>(spec: CommandSpec<F>): string {
  const flags = { ...spec.flags, ...COMMON_FLAGS } as Record<string, FlagSpec>
  const width = Math.max(...Object.keys(flags).map((name) => name.length)) + 4
  const lines = Object.entries(flags).map(([name, flag]) => {
    const value = flag.type === 'string' ? ` <value>` : ''
    const from = [flag.env ? `env ${flag.env}` : '', flag.default ? `default ${flag.default}` : '']
      .filter(Boolean)
      .join(', ')
    return `  --${`${name}${value}`.padEnd(width + 8)}${flag.description}${from ? ` (${from})` : ''}`
  })
  return `Usage: npm run ${spec.name} -- [options]\n\n${spec.summary}\n\nOptions:\n${lines.join('\n')}\n`
}

/** Flags, then the environment, then defaults. Unknown flags are an error, not a silent no-op. */
export function parseFlags<F extends Record<string, FlagSpec>>(
  spec: CommandSpec<F>,
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): (ParsedFlags<F> & { help: boolean; dryRun: boolean }) | 'help' {
  const flags = { ...spec.flags, ...COMMON_FLAGS } as Record<string, FlagSpec>
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
      args: argv,
      options: Object.fromEntries(Object.entries(flags).map(([name, flag]) => [name, { type: flag.type }])),
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${helpText(spec)}`)
  }
  if (values.help) return 'help'
  const result: Record<string, string | boolean | undefined> = {}
  for (const [name, flag] of Object.entries(flags)) {
    const key = name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())
    const given = values[name]
    if (flag.type === 'boolean') result[key] = given === true
    else result[key] = (given as string | undefined) ?? (flag.env ? env[flag.env] : undefined) ?? flag.default
  }
  return result as ParsedFlags<F> & { help: boolean; dryRun: boolean }
}

export function required(value: string | undefined, flag: string, env?: string): string {
  if (value === undefined || value === '')
    throw new UsageError(`--${flag} is required${env ? ` (or set ${env})` : ''}; see --help`)
  return value
}

/**
 * A progress bar on a terminal (stderr, so summaries on stdout stay clean); elsewhere, a line at
 * each tenth of the way, so logs of long runs still show it moving.
 */
export class Progress {
  private done = 0
  private lastDrawn = 0
  private lastTenth = -1
  private readonly startedAt = Date.now()
  private readonly isTerminal: boolean

  constructor(
    private readonly label: string,
    private readonly total: number | null,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {
    this.isTerminal = Boolean(stream.isTTY)
  }

  tick(count = 1) {
    this.done += count
    if (this.quiet) return
    const now = Date.now()
    if (this.isTerminal) {
      if (now - this.lastDrawn < 100) return
      this.lastDrawn = now
      this.stream.write(`\r${this.render()}`)
    } else if (this.total && this.total >= 1000) {
      const tenth = Math.floor((this.done / this.total) * 10)
      if (tenth > this.lastTenth && tenth < 10) {
        this.lastTenth = tenth
        this.stream.write(`${this.render()}\n`)
      }
    }
  }

  finish() {
    if (this.quiet) return
    const line = this.render()
    this.stream.write(this.isTerminal ? `\r${line}\n` : `${line}\n`)
  }

  private render(): string {
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(1)
    if (!this.total) return `${this.label.padEnd(22)} ${this.done} (${seconds}s)`
    const share = Math.min(1, this.done / this.total)
    const filled = Math.round(share * 30)
    const bar = `${'█'.repeat(filled)}${'░'.repeat(30 - filled)}`
    return `${this.label.padEnd(22)} ${bar} ${this.done}/${this.total} (${seconds}s)`
  }
}

/** A summary table: one row per name, one column per count. */
export function formatSummary(title: string, rows: Record<string, Record<string, number | string>>): string {
  const names = Object.keys(rows)
  const columns = [...new Set(names.flatMap((name) => Object.keys(rows[name] ?? {})))]
  const nameWidth = Math.max(5, ...names.map((name) => name.length))
  const widths = columns.map((column) =>
    Math.max(column.length, ...names.map((name) => String(rows[name]?.[column] ?? '').length)),
  )
  const header = ['', ...columns]
    .map((text, index) => text.padStart(index === 0 ? nameWidth : (widths[index - 1] ?? 0)))
    .join('  ')
  const body = names.map((name) =>
    [
      name.padEnd(nameWidth),
      ...columns.map((column, index) => String(rows[name]?.[column] ?? '').padStart(widths[index] ?? 0)),
    ].join('  '),
  )
  return [title, header, ...body].join('\n')
}

/**
 * Runs a step as a command: `--help`, usage errors with exit code 2, failures with exit code 1 and
 * their message (no stack trace for a usage error), and whatever exit code the step asks for.
 */
export async function runCommand<F extends Record<string, FlagSpec>, O>(
  spec: CommandSpec<F>,
  run: (
    flags: ParsedFlags<F> & { help: boolean; dryRun: boolean },
  ) => Promise<{ output: string; exitCode?: number } & O>,
): Promise<void> {
  try {
    const flags = parseFlags(spec, process.argv.slice(2))
    if (flags === 'help') {
      process.stdout.write(helpText(spec))
      process.exit(0)
    }
    const result = await run(flags)
    process.stdout.write(`${result.output}\n`)
    process.exit(result.exitCode ?? 0)
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(2)
    }
    process.stderr.write(`${spec.name} failed: ${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  }
}
