import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import { METHOD_NAME_ALL } from 'hono/router'
import {
  decodeUrlComponent,
  escapeUnstorable,
  findUnstorableJson,
  type InputIssue,
  unstorableInputError,
} from '../lib/storable-text.js'
import type { AppEnv } from './app-env.js'

/** The media types whose bodies Hono's JSON validator parses; the same test, so both see one body. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i

/**
 * Refuses, with 400 VALIDATION_FAILED, text that Postgres cannot store as sent — a NUL character or a
 * lone surrogate — anywhere in the path, the query string or a JSON body, and malformed
 * percent-encoding in the URL. One rule ahead of every route, so no route can forget it and no such
 * value reaches a query (where it would fail every other request Prisma batched with it).
 *
 * Bodies are read only when `readsBody` allows: an upload streams its own body against its own
 * limit (and checks its fields as it parses them). Hono keeps the body text, so the route's own
 * validator does not read the request again.
 */
export function requireStorableInput(
  options: { readsBody?: (c: Context<AppEnv>) => boolean } = {},
): MiddlewareHandler<AppEnv> {
  return async function requireStorableInput(c, next) {
    const issues: InputIssue[] = []
    // Only percent-encoding can hide a NUL or a lone surrogate in a URL, so most are not parsed at all.
    if (c.req.url.includes('%')) {
      const url = new URL(c.req.url)
      issues.push(...findPathIssues(c, url.pathname), ...findQueryIssues(url.search))
    }
    const mediaType = c.req.header('content-type')?.split(';')[0]?.trim() ?? ''
    if (JSON_MEDIA_TYPE.test(mediaType) && mayCarryBody(c) && (options.readsBody?.(c) ?? true)) {
      issues.push(...findUnstorableJson(await c.req.text(), 'body'))
    }
    if (issues.length > 0) throw unstorableInputError(issues)
    await next()
  }
}

/**
 * Whether the request may have a body, judged from its headers where they tell (HTTP/1.1 sends a
 * body only with a length or chunked encoding), so a GET is never turned into a full request
 * object just to find it has none.
 */
export function mayCarryBody(c: Context<AppEnv>): boolean {
  const length = c.req.header('content-length')
  if (length !== undefined) return length.trim() !== '0'
  if (c.req.header('transfer-encoding') !== undefined) return true
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return false
  return c.req.raw.body !== null
}

/** Path segments, named after the route's parameter where one matches (`param.id`). */
function findPathIssues(c: Context<AppEnv>, pathname: string): InputIssue[] {
  if (!pathname.includes('%')) return []
  const route = matchedRoutes(c).findLast((candidate) => candidate.method !== METHOD_NAME_ALL)
  const pattern = route?.path.split('/') ?? []
  return pathname.split('/').flatMap((segment, index) => {
    const parameter = /^:(\w+)/.exec(pattern[index] ?? '')?.[1]
    const { issue } = decodeUrlComponent(segment, parameter ? `param.${parameter}` : 'path', {
      isQuery: false,
    })
    return issue ? [issue] : []
  })
}

function findQueryIssues(search: string): InputIssue[] {
  if (!search.includes('%')) return []
  return search
    .slice(1)
    .split('&')
    .flatMap((pair) => {
      const separator = pair.indexOf('=')
      const rawName = separator === -1 ? pair : pair.slice(0, separator)
      const rawValue = separator === -1 ? '' : pair.slice(separator + 1)
      const name = decodeUrlComponent(rawName, `query.${rawName}`, { isQuery: true })
      const value = decodeUrlComponent(rawValue, `query.${escapeUnstorable(name.value)}`, { isQuery: true })
      return [name.issue, value.issue].filter((issue) => issue !== null)
    })
}
