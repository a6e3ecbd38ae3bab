import type { UserRole } from './actor.js'

/**
 * Where each role lands after signing in when it did not ask for a page: where its work is. A
 * recruiter's dashboard (interviews to review, new applications), a candidate's applications and
 * open interviews, an admin's approval queue.
 */
export const ROLE_LANDING_PATHS: Record<UserRole, string> = {
  RECRUITER: '/dashboard',
  CANDIDATE: '/home',
  ADMIN: '/admin/approvals',
}

/** The page to open after signing in: the safe `redirectTo` the person asked for, else their role's. */
export function signedInLandingPath(role: UserRole, redirectTo?: string | null): string {
  return toSafeRedirectPath(redirectTo) ?? ROLE_LANDING_PATHS[role]
}

/** Stands for our own origin while resolving; only its being one fixed origin matters. */
const OWN_ORIGIN = 'https://vantahire.invalid'

/**
 * Accepts only the app's own paths for post-sign-in redirects (open-redirect defence). The target is
 * resolved against our origin the way a browser would, and kept only when the result is still ours
 * and its path begins with exactly one `/`: `/.//evil.example` resolves to the path `//evil.example`,
 * which a browser would read as another host, so it is refused like `//evil.example` itself.
 * Backslashes, control characters and Unicode look-alikes of `/` are refused before resolving, since
 * browsers and proxies disagree about them. Undefined when the value is missing or refused.
 */
export function toSafeRedirectPath(value: string | undefined | null): string | undefined {
  if (!value?.startsWith('/') || UNSAFE_CHARACTERS.test(value)) return undefined
  let url: URL
  try {
    url = new URL(value, OWN_ORIGIN)
  } catch {
    return undefined
  }
  if (url.origin !== OWN_ORIGIN || !startsWithOneSlash(url.pathname)) return undefined
  return `${url.pathname}${url.search}${url.hash}`
}

/**
 * The path's second character, percent-decoded, must not be a slash, a backslash, whitespace or a
 * control character: software that decodes `%2F`, `%5C` or `%09` once, or drops whitespace, would
 * otherwise turn the path into `//host`.
 */
function startsWithOneSlash(pathname: string): boolean {
  const next = /^\/(%[0-9a-f]{2}|.)?/i.exec(pathname)?.[1]
  if (next === undefined) return pathname === '/'
  const decoded = next.startsWith('%') ? String.fromCharCode(Number.parseInt(next.slice(1), 16)) : next
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  return !/[\s/\\\u0000-\u001f\u007f]/.test(decoded)
}

// Backslash, C0/C1 controls and DEL, and characters that some software folds into `/` or `.`:
// fraction and division slashes, fullwidth solidus and reverse solidus, the one-dot leader.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
const UNSAFE_CHARACTERS = /[\\\u0000-\u001f\u007f-\u009f\u2044\u2215\u29f8\uff0f\uff3c\u2024\uff0e]/
