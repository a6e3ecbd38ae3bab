import { Prisma } from '../generated/prisma/client.js'

// Lists whose page is one SQL statement. Prisma's `cursor` reads relations with a query per relation
// (it falls back from joins), so these lists continue after the cursor's row with a keyset condition
// of their own: the same order, the same rows, one statement.

/**
 * One key of a list's order: a column of the listed table (aliased `t` in the statement), its
 * direction, and whether it may be null (nulls then sort last). The last key is the unique `id`.
 */
export type SortKey = { column: string; direction: 'asc' | 'desc'; isNullable?: boolean }

const column = (name: string, alias = 't') => Prisma.raw(`${alias}."${name}"`)

/** `ORDER BY` for the keys (without the keyword), on the columns of `alias`. */
export function orderBySql(keys: readonly SortKey[], alias = 't'): Prisma.Sql {
  return Prisma.join(
    keys.map((key) =>
      Prisma.raw(
        `${alias}."${key.column}" ${key.direction.toUpperCase()}${key.isNullable ? ' NULLS LAST' : ''}`,
      ),
    ),
    ', ',
  )
}

/**
 * The rows after the cursor's row of `table` in the order of `keys`; none when the cursor names no
 * row (as Prisma's `cursor` does). Keys of one direction and never null compare as one row value,
 * which an index in that order serves directly.
 */
export function afterCursorSql(table: string, keys: readonly SortKey[], cursor: string): Prisma.Sql {
  const cursorRow = Prisma.raw(`"${table}"`)
  const isSimple = keys.every((key) => !key.isNullable && key.direction === keys[0]?.direction)
  if (isSimple) {
    const names = keys.map((key) => `"${key.column}"`).join(', ')
    const listed = keys.map((key) => `t."${key.column}"`).join(', ')
    const operator = keys[0]?.direction === 'desc' ? '<' : '>'
    return Prisma.sql`(${Prisma.raw(listed)}) ${Prisma.raw(operator)} (SELECT ${Prisma.raw(names)} FROM ${cursorRow} c WHERE c.id = ${cursor})`
  }
  // A nullable key sorts as two: "is null" (false first, so nulls last), then the value itself.
  const expanded = keys.flatMap((key) => {
    const value = (alias: string) => column(key.column, alias)
    const operator = Prisma.raw(key.direction === 'desc' ? '<' : '>')
    const strict = (listed: Prisma.Sql, cursorValue: Prisma.Sql) =>
      Prisma.sql`${listed} ${operator} ${cursorValue}`
    const valueKey = { listed: value('t'), cursorValue: value('c'), strict }
    if (!key.isNullable) return [valueKey]
    const nullKey = {
      listed: Prisma.sql`(${value('t')} IS NULL)`,
      cursorValue: Prisma.sql`(${value('c')} IS NULL)`,
      strict: (listed: Prisma.Sql, cursorValue: Prisma.Sql) => Prisma.sql`${listed} > ${cursorValue}`,
    }
    return [nullKey, valueKey]
  })
  const alternatives = expanded.map((key, index) => {
    const equalBefore = expanded
      .slice(0, index)
      .map((earlier) => Prisma.sql`${earlier.listed} IS NOT DISTINCT FROM ${earlier.cursorValue}`)
    return Prisma.join([...equalBefore, key.strict(key.listed, key.cursorValue)], ' AND ')
  })
  return Prisma.sql`EXISTS (SELECT FROM ${cursorRow} c WHERE c.id = ${cursor} AND ((${Prisma.join(alternatives, ') OR (')})))`
}

/** `%`, `_` and `\` match themselves in a search, not as LIKE patterns. */
export function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (character) => `\\${character}`)}%`
}

/** `AND` of the conditions; `TRUE` when there are none. */
export function allOf(conditions: readonly Prisma.Sql[]): Prisma.Sql {
  return conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.join(conditions, ' AND ')
}
