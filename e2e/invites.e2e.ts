import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  brevoEvent,
  FAKE_BREVO_API_KEY,
  FakeBrevoServer,
  postBrevoWebhook,
} from '../api/test/fakes/brevo-server.ts'
import { startTestStack } from '../api/test/support/stack.ts'
import { useBrowserPage } from './support/browser'
import { signIn } from './support/sign-in'

const SPA_DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url))
const WEBHOOK_TOKEN = 'e2e-brevo-webhook-token'

// A product of this file's own, sending email through a fake Brevo the test holds and releases, and
// receiving the delivery events the test posts to its webhook as Brevo would.
let brevo: FakeBrevoServer
let stack: Awaited<ReturnType<typeof startTestStack>>
beforeAll(async () => {
  brevo = await FakeBrevoServer.start()
  stack = await startTestStack({
    spaDistDir: SPA_DIST_DIR,
    env: {
      BREVO_API_KEY: FAKE_BREVO_API_KEY,
      BREVO_BASE_URL: brevo.baseUrl,
      BREVO_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
    },
  })
})
afterAll(async () => {
  brevo?.release()
  await stack?.stop()
  await brevo?.stop()
})

describe('Inviting a candidate', () => {
  const session = useBrowserPage()

  it('sends an email invite and shows its status go from pending to delivered as the webhook arrives, without a reload', async () => {
    const { page } = session
    await signIn(page, { role: 'RECRUITER', fullName: 'Rita Recruiter' }, stack.baseUrl)
    const candidateEmail = 'casey.invite@example.com'
    const created = await page.request.post(`${stack.baseUrl}/api/interviews`, {
      headers: { origin: stack.baseUrl },
      data: { jobRole: 'Backend Engineer', candidateEmail, candidateName: 'Casey Candidate' },
    })
    expect(created.status(), await created.text()).toBe(201)
    const { interview } = (await created.json()) as { interview: { id: string } }

    await page.goto(`${stack.baseUrl}/interviews/${interview.id}`)
    await page.getByRole('heading', { level: 1, name: 'Casey Candidate' }).waitFor()
    await page
      .getByRole('banner')
      .getByRole('status')
      .filter({ hasText: /^Connection: Live$/ })
      .waitFor()
    await page.getByText('No invites yet').waitFor()
    // Marks this very document: a reload would lose it.
    await page.evaluate(() => {
      ;(window as unknown as { inviteTestMarker: string }).inviteTestMarker = 'same page'
    })

    // The dialog previews the email; Brevo holds its answer, so the message stays pending meanwhile.
    brevo.hold()
    await page.getByRole('button', { name: 'Send invite' }).click()
    const dialog = page.getByRole('dialog', { name: 'Invite the candidate' })
    await dialog.getByText('Subject: Your interview for Backend Engineer with VantaHire').waitFor()
    expect(await dialog.getByRole('checkbox', { name: `Email to ${candidateEmail}` }).isChecked()).toBe(true)
    await dialog.getByRole('button', { name: 'Send invite' }).click()
    await dialog.waitFor({ state: 'hidden' })

    const invite = page.getByRole('list', { name: 'Invites' }).getByRole('listitem', {
      name: `Email to ${candidateEmail}`,
    })
    await invite.getByText('Delivery: Pending').waitFor()

    // Brevo accepts it: sent.
    brevo.release()
    await invite.getByText('Delivery: Sent').waitFor()
    const messageId = [...brevo.accepted].find(
      ([, body]) => (body.to as { email: string }[])[0]?.email === candidateEmail,
    )?.[0]
    expect(messageId).toBeDefined()

    // Brevo's webhook reports the delivery, then the open.
    const delivered = await postBrevoWebhook(
      `${stack.baseUrl}/api/webhooks/brevo`,
      brevoEvent({ event: 'delivered', messageId: messageId as string, email: candidateEmail }),
      { token: WEBHOOK_TOKEN },
    )
    expect(delivered.status).toBe(200)
    await invite.getByText('Delivery: Delivered').waitFor()
    await postBrevoWebhook(
      `${stack.baseUrl}/api/webhooks/brevo`,
      brevoEvent({ event: 'unique_opened', messageId: messageId as string, email: candidateEmail }),
      { token: WEBHOOK_TOKEN },
    )
    await invite.getByText('Delivery: Opened').waitFor()

    expect(
      await page.evaluate(() => (window as unknown as { inviteTestMarker?: string }).inviteTestMarker),
    ).toBe('same page')
  })

  it('invites a job’s candidates from pasted rows, reports the bad ones, shows progress, and keeps WhatsApp in the outbox', async () => {
    const { page } = session
    await signIn(page, { role: 'RECRUITER', fullName: 'Rita Recruiter' }, stack.baseUrl)
    const created = await page.request.post(`${stack.baseUrl}/api/jobs`, {
      headers: { origin: stack.baseUrl },
      data: { title: 'Site Reliability Engineer' },
    })
    expect(created.status(), await created.text()).toBe(201)
    const { job } = (await created.json()) as { job: { id: string } }

    await page.goto(`${stack.baseUrl}/jobs/${job.id}/invite`)
    await page.getByRole('heading', { level: 1, name: /Invite candidates/ }).waitFor()
    await page
      .getByRole('textbox', { name: 'Rows' })
      .fill(
        [
          'name,email,phone,notes',
          'Ann Able,ann.bulk@example.com,+14155550111,',
          'Ben Baker,ben.bulk@example.com,,Referred',
          'Cat Cole,cat.bulk@example.com,+447700900222,',
          'Dan Doe,not-an-email,,',
          'Ann Again,ANN.BULK@example.com,,',
        ].join('\n'),
      )
    await page.getByRole('checkbox', { name: /WhatsApp/ }).check()
    await page.getByRole('button', { name: 'Check the list' }).click()
    await page.getByText('3 of 5 rows will be invited; 2 cannot be.').waitFor()
    const refused = page.getByRole('table', { name: 'Rows that cannot be invited' })
    await refused.getByRole('row', { name: /4 not-an-email .*is not a valid address/ }).waitFor()
    await refused.getByRole('row', { name: /5 ann\.bulk@example\.com email is already on row 1/ }).waitFor()
    await page
      .getByText(
        'First email, to ann.bulk@example.com: Your interview for Site Reliability Engineer with VantaHire',
      )
      .waitFor()

    await page.getByRole('button', { name: 'Send 3 invites' }).click()
    // Three emails through Brevo and two WhatsApp messages (the rows with a phone) into the outbox.
    await page.getByText('Done: 3 interviews created, 5 invites sent.').waitFor()

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outbox' }).click()
    await page.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor()
    await page.getByText(/WhatsApp is not configured and lands here/).waitFor()
    const outbox = page.getByRole('list', { name: 'Outbox' })
    await outbox.getByRole('heading', { name: 'WhatsApp to +14155550111' }).waitFor()
    await outbox.getByRole('heading', { name: 'WhatsApp to +447700900222' }).waitFor()
    expect(await outbox.getByRole('listitem').count()).toBe(2)
  })
})
