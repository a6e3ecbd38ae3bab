import type { Page } from 'playwright-core'
import { inject } from 'vitest'
import { uniqueEmail } from './api-session'

export type Role = 'CANDIDATE' | 'RECRUITER' | 'ADMIN'

/** Who to sign in as; without an email, a new person of that role no other test uses. */
export type SignInAs = { email?: string; role: Role; fullName?: string }

/** The user the API answers development sign-in with. */
export type SignedInUser = {
  id: string
  email: string
  role: Role
  fullName: string | null
  avatarUrl: string | null
}

/**
 * Signs the page's browser context in by development sign-in through the API, skipping the sign-in
 * page: the session cookie stays in the context, so the page's next navigation is signed in. Tests of
 * the sign-in page itself go through its form instead. A refused sign-in throws with the answer.
 * `baseUrl` is for a test that runs a product of its own (with a fake model, say).
 */
export async function signIn(
  page: Page,
  as: SignInAs,
  baseUrl: string = inject('baseUrl'),
): Promise<SignedInUser> {
  const data = { ...as, email: as.email ?? uniqueEmail(as.role.toLowerCase()) }
  const res = await page.request.post(new URL('/api/auth/dev-login', baseUrl).href, { data })
  if (res.status() !== 200) throw new Error(`dev-login as ${data.email}: ${res.status()} ${await res.text()}`)
  return ((await res.json()) as { user: SignedInUser }).user
}
