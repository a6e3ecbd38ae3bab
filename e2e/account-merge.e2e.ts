import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack } from '../api/test/support/stack.ts'
import { signInByApi, uniqueEmail } from './support/api-session'
import { useBrowserPage } from './support/browser'
import { signIn } from './support/sign-in'

const SPA_DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url))

describe('merging an account from the old platform', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>

  // Its own API: the old-platform account is written straight into its database, as the migration does.
  beforeAll(async () => {
    stack = await startTestStack({ spaDistDir: SPA_DIST_DIR, env: { CRON_ENABLED: 'false' } })
  })
  afterAll(async () => {
    await stack?.stop()
  })

  const session = useBrowserPage()

  it('an admin previews what moves, merges, and the old account is gone with its job moved', async () => {
    const { page } = session
    const { prisma } = stack.services
    const oldEmail = uniqueEmail('old-recruiter')
    const legacy = await prisma.user.create({
      data: {
        email: oldEmail,
        role: 'RECRUITER',
        provider: 'legacy',
        providerId: randomUUID(),
        fullName: 'Olga Old',
      },
    })
    const job = await prisma.job.create({ data: { recruiterId: legacy.id, title: 'Ingénieure données' } })
    const newEmail = uniqueEmail('new-recruiter')
    const target = await signInByApi(stack.baseUrl, { email: newEmail, role: 'RECRUITER' })

    await signIn(page, { email: uniqueEmail('merge-admin'), role: 'ADMIN' }, stack.baseUrl)
    await page.goto(new URL('/admin/users', stack.baseUrl).href)
    await page.getByRole('searchbox', { name: 'Search by name or email' }).fill(oldEmail)
    const item = page.getByRole('list', { name: 'Users' }).getByRole('listitem').filter({ hasText: oldEmail })
    await item.getByText('Old platform, not yet signed in').waitFor()
    await item.getByRole('button', { name: `Merge into another account (${oldEmail})` }).click()
    await item.getByRole('textbox', { name: 'Email of the account to merge into' }).fill(newEmail)
    await item.getByRole('button', { name: 'Preview merge' }).click()

    const dialog = page.getByRole('dialog', { name: `Merge ${oldEmail} into ${newEmail}?` })
    await dialog.getByRole('list', { name: 'What moves' }).getByText('1 job', { exact: true }).waitFor()
    await dialog.getByRole('button', { name: 'Merge accounts' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByRole('list', { name: 'Users' }).getByText(oldEmail).waitFor({ state: 'detached' })

    expect(await prisma.user.count({ where: { id: legacy.id } })).toBe(0)
    expect((await prisma.job.findUniqueOrThrow({ where: { id: job.id } })).recruiterId).toBe(target.userId)
    expect(
      await prisma.accountMerge.count({ where: { sourceUserId: legacy.id, targetUserId: target.userId } }),
    ).toBe(1)
    expect(session.pageErrors.map(String)).toEqual([])
  })
})
