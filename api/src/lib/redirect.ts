/** Where people land after signing in when they did not ask for a page. */
export const DEFAULT_SIGNED_IN_PATH = '/account'

/**
 * Accepts only the app's own relative paths for post-sign-in redirects: `/interviews?x=1` yes;
 * `//evil.example`, `/\\evil.example`, `https://evil.example`, `javascript:` no (open-redirect defence).
 */
export function toSafeRedirectPath(value: string | undefined | null): string {
  if (!value?.startsWith('/') || value.startsWith('//')) return DEFAULT_SIGNED_IN_PATH
  // Backslashes and control characters are read as path separators, or dropped, by some browsers.
  if ([...value].some((char) => char === '\\' || char.charCodeAt(0) < 0x20)) return DEFAULT_SIGNED_IN_PATH
  const base = 'https://vantahire.invalid'
  try {
    const url = new URL(value, base)
    if (url.origin !== base) return DEFAULT_SIGNED_IN_PATH
    return `${url.pathname}${url.search}${url.hash}`
  } catch {
    return DEFAULT_SIGNED_IN_PATH
  }
}
