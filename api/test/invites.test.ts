import { io as connectSocket, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import type { ClientToServerEvents, EventEnvelope, ServerToClientEvents } from '../src/realtime/events.js'
import { type RunningServer, startServer } from '../src/server.js'
import { processDueInviteSends } from '../src/services/invite-sends.js'
import { brevoEvent, FAKE_BREVO_API_KEY, FakeBrevoServer, postBrevoWebhook } from './fakes/brevo-server.js'
import {
  FAKE_APP_SECRET,
  FAKE_PHONE_NUMBER_ID,
  FAKE_VERIFY_TOKEN,
  FAKE_WHATSAPP_TOKEN,
  FakeWhatsAppServer,
  hubSignature,
  postWhatsAppWebhook,
  whatsAppStatusPayload,
} from './fakes/whatsapp-server.js'
import { APP_ORIGIN, TestClient, uniqueEmail } from './support/http.js'
import { createTestServices } from './support/services.js'

/**
 * Invites through Brevo and WhatsApp fakes that speak their real protocols, and the delivery
 * webhooks posted to the running server over HTTP as the providers post them.
 */
const BREVO_WEBHOOK_TOKEN = 'brevo-webhook-token-for-tests'
const MAX_ATTEMPTS = 3
const RETRY_BASE_SECONDS = 30

const brevo = await FakeBrevoServer.start()
const whatsapp = await FakeWhatsAppServer.start()
const services = createTestServices({
  AUTH_DEV_LOGIN: 'true',
  BREVO_API_KEY: FAKE_BREVO_API_KEY,
  BREVO_BASE_URL: brevo.baseUrl,
  BREVO_SENDER_EMAIL: 'invites@acme.test',
  BREVO_SENDER_NAME: 'Acme Hiring',
  BREVO_WEBHOOK_TOKEN,
  WHATSAPP_API_KEY: FAKE_WHATSAPP_TOKEN,
  WHATSAPP_PHONE_ID: FAKE_PHONE_NUMBER_ID,
  WHATSAPP_BASE_URL: whatsapp.baseUrl,
  WHATSAPP_APP_SECRET: FAKE_APP_SECRET,
  WHATSAPP_VERIFY_TOKEN: FAKE_VERIFY_TOKEN,
  INVITE_SEND_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
  INVITE_RETRY_BASE_SECONDS: String(RETRY_BASE_SECONDS),
})
const { app } = createApp(services)
let server: RunningServer

beforeAll(async () => {
  server = await startServer(services, { port: 0, host: '127.0.0.1', isCronEnabled: false })
})
afterAll(async () => {
  await server.close()
  await services.close()
  await brevo.stop()
  await whatsapp.stop()
})

type Message = {
  id: string
  channel: 'email' | 'whatsapp'
  status: string
  recipient: string
  transport: string | null
  attempts: number
  nextAttemptAt: string | null
  errorMessage: string | null
  sentAt: string | null
  deliveredAt: string | null
  openedAt: string | null
  readAt: string | null
  bouncedAt: string | null
  failedAt: string | null
}

/** Polls until `check` returns something, for what happens after the answer (the background send). */
async function eventually<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const found = await check()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

async function recruiterWithInterview(options: { candidateName?: string } = {}) {
  const client = new TestClient(app)
  const user = await client.signIn(uniqueEmail('recruiter'))
  await client.request('/api/users/me/recruiter-profile', {
    method: 'PUT',
    json: { companyName: 'Acme & Sons', brandColor: '#0f766e', emailCtaText: 'Begin now' },
  })
  const candidateEmail = uniqueEmail('candidate')
  const created = await client.request('/api/interviews', {
    method: 'POST',
    json: {
      jobRole: 'Backend Engineer',
      candidateEmail,
      candidateName: options.candidateName ?? 'Ada Lovelace',
      questions: ['Tell me about a system you scaled.'],
    },
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return { client, user, interviewId: created.body.interview.id as string, candidateEmail }
}

async function invite(client: TestClient, interviewId: string, body: Record<string, unknown>) {
  const response = await client.request(`/api/interviews/${interviewId}/invites`, {
    method: 'POST',
    json: body,
  })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return response.body as { messages: Message[]; link: { url: string; expiresAt: string } }
}

async function messagesOf(client: TestClient, interviewId: string): Promise<Message[]> {
  const response = await client.request(`/api/interviews/${interviewId}/invites`)
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  return response.body.items
}

async function settled(client: TestClient, interviewId: string, messageId: string, status: string) {
  return eventually(async () => {
    const found = (await messagesOf(client, interviewId)).find((message) => message.id === messageId)
    return found?.status === status ? found : undefined
  }, `message ${messageId} to be ${status}`)
}

async function readEmailRow(id: string) {
  return services.prisma.emailMessage.findUniqueOrThrow({ where: { id } })
}

describe('inviting by email through Brevo', () => {
  it('records the message pending, then sends Brevo a branded email with the link, escaped', async () => {
    const { client, interviewId, candidateEmail } = await recruiterWithInterview({
      candidateName: 'Ada <b>"Lovelace"</b>',
    })
    const sent = await invite(client, interviewId, { channels: ['email'] })
    expect(sent.messages).toHaveLength(1)
    const [message] = sent.messages
    expect(message).toMatchObject({ channel: 'email', status: 'pending', recipient: candidateEmail })
    expect(sent.link.url).toMatch(/\/interview\/[A-Za-z0-9_-]{32}$/)

    const delivered = await settled(client, interviewId, message!.id, 'sent')
    expect(delivered).toMatchObject({ transport: 'brevo', attempts: 1, errorMessage: null })
    expect(delivered.sentAt).not.toBeNull()

    const request = brevo
      .sends()
      .find((send) => (send.body?.to as { email: string }[] | undefined)?.[0]?.email === candidateEmail)
    expect(request?.headers['api-key']).toBe(FAKE_BREVO_API_KEY)
    expect(request?.headers['content-type']).toMatch(/^application\/json/)
    const body = request?.body as Record<string, any>
    expect(body.sender).toEqual({ email: 'invites@acme.test', name: 'Acme Hiring' })
    expect(body.to).toEqual([{ email: candidateEmail, name: 'Ada <b>"Lovelace"</b>' }])
    expect(body.subject).toBe('Your interview for Backend Engineer with Acme & Sons')
    expect(body.headers).toEqual({ 'X-Mailin-custom': message!.id })
    expect(body.textContent).toContain(`Begin now: ${sent.link.url}`)
    expect(body.textContent).toMatch(/This link expires on \d{1,2} \w+ \d{4} at \d{2}:\d{2} UTC\./)
    expect(body.textContent).toContain('Hi Ada <b>"Lovelace"</b>,')
    // Everything interpolated into HTML is escaped; the brand colour reaches the button.
    expect(body.htmlContent).toContain('Hi Ada &lt;b&gt;&quot;Lovelace&quot;&lt;/b&gt;,')
    expect(body.htmlContent).not.toContain('<b>"Lovelace"</b>')
    expect(body.htmlContent).toContain('Acme &amp; Sons')
    expect(body.htmlContent).toContain('background:#0f766e')
    expect(body.htmlContent).toContain(`href="${sent.link.url}"`)
    expect(body.htmlContent).toContain('>Begin now</a>')

    const stored = await readEmailRow(message!.id)
    expect(brevo.accepted.has(stored.messageId ?? '')).toBe(true)
  })

  it('retries a provider 500 with doubling waits, then marks the message failed with the provider’s error', async () => {
    const { client, interviewId } = await recruiterWithInterview()
    const before = brevo.sends().length
    brevo.failNext(MAX_ATTEMPTS)
    const [message] = (await invite(client, interviewId, { channels: ['email'] })).messages
    const id = message!.id

    // The first attempt runs at once, in the background, and fails.
    const first = await eventually(async () => {
      const row = await readEmailRow(id)
      return row.attempts === 1 && row.errorMessage ? row : undefined
    }, 'the first attempt')
    expect(first.status).toBe('pending')
    expect(first.errorMessage).toContain('Brevo answered 500')
    const firstWait = first.nextAttemptAt!.getTime() - first.lastAttemptAt!.getTime()
    expect(firstWait).toBeGreaterThanOrEqual(RETRY_BASE_SECONDS * 1000)
    expect(firstWait).toBeLessThanOrEqual(RETRY_BASE_SECONDS * 1000 * 1.1)

    // Nothing is due before its time.
    expect(
      (await processDueInviteSends(services, { now: new Date(first.nextAttemptAt!.getTime() - 1) }))
        .attempted,
    ).toBe(0)

    // The queue runs again when the next attempt is due (as the cron job would), with a doubled wait.
    const secondAt = first.nextAttemptAt!
    expect((await processDueInviteSends(services, { now: secondAt })).attempted).toBeGreaterThanOrEqual(1)
    const second = await readEmailRow(id)
    expect(second).toMatchObject({ status: 'pending', attempts: 2 })
    const secondWait = second.nextAttemptAt!.getTime() - secondAt.getTime()
    expect(secondWait).toBeGreaterThanOrEqual(RETRY_BASE_SECONDS * 2000)
    expect(secondWait).toBeLessThanOrEqual(RETRY_BASE_SECONDS * 2000 * 1.1)

    await processDueInviteSends(services, { now: second.nextAttemptAt! })
    const last = await readEmailRow(id)
    expect(last).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      nextAttemptAt: null,
      messageId: null,
    })
    expect(last.errorMessage).toBe('Brevo answered 500 internal_error: Internal server error')
    expect(last.failedAt).not.toBeNull()
    expect(brevo.sends().length - before).toBe(MAX_ATTEMPTS)

    // A failed message is not tried again.
    expect(
      (await processDueInviteSends(services, { now: new Date(Date.now() + 86_400_000) })).attempted,
    ).toBe(0)
  })

  it('succeeds on a retry after one 500', async () => {
    const { client, interviewId } = await recruiterWithInterview()
    brevo.failNext(1)
    const [message] = (await invite(client, interviewId, { channels: ['email'] })).messages
    const failed = await eventually(async () => {
      const row = await readEmailRow(message!.id)
      return row.attempts === 1 && row.nextAttemptAt && row.errorMessage ? row : undefined
    }, 'the failed first attempt')
    await processDueInviteSends(services, { now: failed.nextAttemptAt! })
    expect(await readEmailRow(message!.id)).toMatchObject({ status: 'sent', attempts: 2, errorMessage: null })
  })

  it('fails at once when Brevo refuses the message itself (a 400)', async () => {
    const { client, interviewId } = await recruiterWithInterview()
    brevo.failNext(1, { status: 400, code: 'invalid_parameter', message: 'email is not valid in to' })
    const [message] = (await invite(client, interviewId, { channels: ['email'] })).messages
    const failed = await settled(client, interviewId, message!.id, 'failed')
    expect(failed).toMatchObject({ attempts: 1, nextAttemptAt: null })
    expect(failed.errorMessage).toBe('Brevo answered 400 invalid_parameter: email is not valid in to')
  })
})

describe('inviting by WhatsApp', () => {
  it('sends the approved template with the candidate’s name and the link', async () => {
    const { client, interviewId } = await recruiterWithInterview({ candidateName: 'Grace Hopper' })
    const sent = await invite(client, interviewId, {
      channels: ['email', 'whatsapp'],
      phone: '+44 7700 900123',
    })
    const wa = sent.messages.find((message) => message.channel === 'whatsapp')!
    expect(wa).toMatchObject({ recipient: '+447700900123', status: 'pending' })
    await settled(client, interviewId, wa.id, 'sent')
    const request = whatsapp.sends().find((send) => send.body?.biz_opaque_callback_data === wa.id)
    expect(request?.path).toBe(`/v26.0/${FAKE_PHONE_NUMBER_ID}/messages`)
    expect(request?.headers.authorization).toBe(`Bearer ${FAKE_WHATSAPP_TOKEN}`)
    expect(request?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '447700900123',
      type: 'template',
      template: {
        name: 'interview_invite',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Grace Hopper' },
              { type: 'text', text: sent.link.url },
            ],
          },
        ],
      },
      biz_opaque_callback_data: wa.id,
    })
    // Both channels carried the same, one link.
    expect((await client.request(`/api/interviews/${interviewId}/sessions`)).body.items).toHaveLength(1)
  })

  it('asks for a phone number for WhatsApp, in E.164', async () => {
    const { client, interviewId } = await recruiterWithInterview()
    const missing = await client.request(`/api/interviews/${interviewId}/invites`, {
      method: 'POST',
      json: { channels: ['whatsapp'] },
    })
    expect(missing.status).toBe(400)
    expect(JSON.stringify(missing.body.error.details)).toContain('phone')
    const malformed = await client.request(`/api/interviews/${interviewId}/invites`, {
      method: 'POST',
      json: { channels: ['whatsapp'], phone: '07700 900123' },
    })
    expect(malformed.status).toBe(400)
  })

  it('marks a message failed at once when the template is refused (132001)', async () => {
    const { client, interviewId } = await recruiterWithInterview()
    whatsapp.failNext(1, {
      status: 404,
      code: 132001,
      message: '(#132001) Template name does not exist in the translation',
    })
    const [message] = (await invite(client, interviewId, { channels: ['whatsapp'], phone: '+14155550123' }))
      .messages
    const failed = await settled(client, interviewId, message!.id, 'failed')
    expect(failed.errorMessage).toContain('code 132001')
  })
})

describe('the Brevo webhook', () => {
  const url = () => `${server.url}/api/webhooks/brevo`

  async function sentEmail() {
    const setup = await recruiterWithInterview()
    const [message] = (await invite(setup.client, setup.interviewId, { channels: ['email'] })).messages
    await settled(setup.client, setup.interviewId, message!.id, 'sent')
    const row = await readEmailRow(message!.id)
    return { ...setup, id: message!.id, providerId: row.messageId! }
  }

  it('refuses a call without the bearer token, or with a wrong one (401), and changes nothing', async () => {
    const { id, providerId, candidateEmail } = await sentEmail()
    const event = brevoEvent({ event: 'delivered', messageId: providerId, email: candidateEmail })
    for (const token of [undefined, 'wrong-token-of-some-length', `${BREVO_WEBHOOK_TOKEN}x`]) {
      const response = await postBrevoWebhook(url(), event, { token })
      expect(response.status).toBe(401)
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED')
    }
    expect((await readEmailRow(id)).status).toBe('sent')
  })

  it('moves the message forward, and a replay changes nothing', async () => {
    const { id, providerId, candidateEmail } = await sentEmail()
    const deliveredAt = new Date(Date.now() - 5_000)
    deliveredAt.setMilliseconds(0)
    const event = brevoEvent({
      event: 'delivered',
      messageId: providerId,
      email: candidateEmail,
      at: deliveredAt,
    })
    const first = await postBrevoWebhook(url(), event, { token: BREVO_WEBHOOK_TOKEN })
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({ received: 1, applied: 1, duplicates: 0 })
    const after = await readEmailRow(id)
    expect(after).toMatchObject({ status: 'delivered', deliveredAt })

    const replay = await postBrevoWebhook(url(), event, { token: BREVO_WEBHOOK_TOKEN })
    expect(replay.status).toBe(200)
    expect(await replay.json()).toMatchObject({ received: 1, applied: 0, duplicates: 1 })
    expect(await readEmailRow(id)).toEqual(after)
  })

  it('keeps "opened" when a late "delivered" arrives, recording its time once; a later bounce is ignored', async () => {
    const { id, providerId, candidateEmail } = await sentEmail()
    const deliveredAt = new Date(Date.now() - 60_000)
    const openedAt = new Date(Date.now() - 30_000)
    await postBrevoWebhook(
      url(),
      brevoEvent({ event: 'unique_opened', messageId: providerId, email: candidateEmail, at: openedAt }),
      { token: BREVO_WEBHOOK_TOKEN },
    )
    expect((await readEmailRow(id)).status).toBe('opened')
    // Batched, as Brevo sends when asked: the late delivery, and a bounce report after the open.
    const response = await postBrevoWebhook(
      url(),
      [
        brevoEvent({ event: 'delivered', messageId: providerId, email: candidateEmail, at: deliveredAt }),
        brevoEvent({
          event: 'hard_bounce',
          messageId: providerId,
          email: candidateEmail,
          reason: 'mailbox full',
        }),
      ],
      { token: BREVO_WEBHOOK_TOKEN },
    )
    expect(response.status).toBe(200)
    const row = await readEmailRow(id)
    expect(row).toMatchObject({ status: 'opened', bouncedAt: null, errorMessage: null })
    expect(row.deliveredAt?.getTime()).toBe(deliveredAt.getTime())
    expect(row.openedAt?.getTime()).toBe(openedAt.getTime())

    // A second "delivered" (a new event, not a replay) does not move the time already recorded.
    await postBrevoWebhook(
      url(),
      brevoEvent({ event: 'delivered', messageId: providerId, email: candidateEmail, at: new Date() }),
      { token: BREVO_WEBHOOK_TOKEN },
    )
    expect((await readEmailRow(id)).deliveredAt?.getTime()).toBe(deliveredAt.getTime())
  })

  it('marks a hard bounce before delivery as bounced, with the reason, and final', async () => {
    const { id, providerId, candidateEmail } = await sentEmail()
    await postBrevoWebhook(
      url(),
      brevoEvent({
        event: 'hard_bounce',
        messageId: providerId,
        email: candidateEmail,
        reason: 'unknown user',
      }),
      { token: BREVO_WEBHOOK_TOKEN },
    )
    await postBrevoWebhook(
      url(),
      brevoEvent({ event: 'opened', messageId: providerId, email: candidateEmail }),
      {
        token: BREVO_WEBHOOK_TOKEN,
      },
    )
    expect(await readEmailRow(id)).toMatchObject({
      status: 'bounced',
      errorMessage: 'unknown user',
      openedAt: null,
    })
  })

  it('finds the message by our reference when the event overtakes the send’s own record', async () => {
    const { id, candidateEmail } = await sentEmail()
    await services.prisma.emailMessage.update({ where: { id }, data: { messageId: null } })
    const providerId = '<overtaking-event@smtp-relay.mailin.fr>'
    await postBrevoWebhook(
      url(),
      brevoEvent({ event: 'delivered', messageId: providerId, email: candidateEmail, reference: id }),
      { token: BREVO_WEBHOOK_TOKEN },
    )
    expect(await readEmailRow(id)).toMatchObject({ status: 'delivered', messageId: providerId })
  })

  it('answers 200 to events for messages it does not know, and 400 to a body that is not Brevo’s', async () => {
    const unknown = await postBrevoWebhook(
      url(),
      brevoEvent({ event: 'delivered', messageId: '<nobody@smtp-relay.mailin.fr>', email: 'x@example.com' }),
      { token: BREVO_WEBHOOK_TOKEN },
    )
    expect(await unknown.json()).toMatchObject({ received: 1, unmatched: 1, applied: 0 })
    const bad = await fetch(url(), {
      method: 'POST',
      headers: { authorization: `Bearer ${BREVO_WEBHOOK_TOKEN}`, 'content-type': 'application/json' },
      body: '{"no":"event"}',
    })
    expect(bad.status).toBe(400)
  })

  it('needs no Origin and ignores a session cookie: the token alone decides', async () => {
    const { client, id, providerId, candidateEmail } = await sentEmail()
    const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await fetch(url(), {
      method: 'POST',
      headers: {
        cookie,
        origin: 'https://evil.example',
        'content-type': 'application/json',
        authorization: `Bearer ${BREVO_WEBHOOK_TOKEN}`,
      },
      body: JSON.stringify(brevoEvent({ event: 'delivered', messageId: providerId, email: candidateEmail })),
    })
    expect(response.status).toBe(200)
    expect((await readEmailRow(id)).status).toBe('delivered')
  })
})

describe('the WhatsApp webhook', () => {
  const url = () => `${server.url}/api/webhooks/whatsapp`

  async function sentWhatsApp() {
    const setup = await recruiterWithInterview()
    const phone = '+14155550199'
    const [message] = (await invite(setup.client, setup.interviewId, { channels: ['whatsapp'], phone }))
      .messages
    await settled(setup.client, setup.interviewId, message!.id, 'sent')
    const row = await services.prisma.whatsAppMessage.findUniqueOrThrow({ where: { id: message!.id } })
    return { ...setup, id: message!.id, wamid: row.messageId!, phone }
  }
  const readRow = (id: string) => services.prisma.whatsAppMessage.findUniqueOrThrow({ where: { id } })

  it('answers the subscription handshake only with the verify token', async () => {
    const good = await fetch(
      `${url()}?hub.mode=subscribe&hub.verify_token=${FAKE_VERIFY_TOKEN}&hub.challenge=1158201444`,
    )
    expect(good.status).toBe(200)
    expect(await good.text()).toBe('1158201444')
    const bad = await fetch(`${url()}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444`)
    expect(bad.status).toBe(403)
  })

  it('refuses a bad signature with 401, including one over re-serialized JSON', async () => {
    const { id, wamid, phone } = await sentWhatsApp()
    const payload = whatsAppStatusPayload([{ id: wamid, status: 'delivered', recipient: phone }])
    const wrongSecret = await postWhatsAppWebhook(url(), payload, { appSecret: 'another-secret' })
    expect(wrongSecret.status).toBe(401)
    const missing = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    })
    expect(missing.status).toBe(401)
    // Signed over the compact bytes, but sent pretty-printed: the same JSON, not the same bytes.
    const reserialized = await fetch(url(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': hubSignature(JSON.stringify(payload)),
      },
      body: JSON.stringify(payload, null, 2),
    })
    expect(reserialized.status).toBe(401)
    expect((await readRow(id)).status).toBe('sent')
  })

  it('applies statuses forward only, and each (message, status) once', async () => {
    const { id, wamid, phone } = await sentWhatsApp()
    const readAt = new Date(Date.now() - 10_000)
    readAt.setMilliseconds(0)
    const read = whatsAppStatusPayload([{ id: wamid, status: 'read', recipient: phone, at: readAt }])
    const first = await postWhatsAppWebhook(url(), read)
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({ received: 1, applied: 1 })
    const afterRead = await readRow(id)
    expect(afterRead).toMatchObject({ status: 'read', readAt })

    const replay = await postWhatsAppWebhook(url(), read)
    expect(await replay.json()).toMatchObject({ duplicates: 1, applied: 0 })
    expect(await readRow(id)).toEqual(afterRead)

    // Late: delivered (recorded, status kept) and a failure (ignored: it was read).
    await postWhatsAppWebhook(
      url(),
      whatsAppStatusPayload([
        { id: wamid, status: 'delivered', recipient: phone, at: new Date(readAt.getTime() - 5_000) },
        {
          id: wamid,
          status: 'failed',
          recipient: phone,
          error: { code: 131026, title: 'Message undeliverable', details: 'Unable to deliver' },
        },
      ]),
    )
    const row = await readRow(id)
    expect(row).toMatchObject({ status: 'read', failedAt: null, errorMessage: null })
    expect(row.deliveredAt?.getTime()).toBe(readAt.getTime() - 5_000)
  })

  it('records a failure before delivery with Meta’s reason', async () => {
    const { id, wamid, phone } = await sentWhatsApp()
    await postWhatsAppWebhook(
      url(),
      whatsAppStatusPayload([
        {
          id: wamid,
          status: 'failed',
          recipient: phone,
          error: { code: 131026, title: 'Message undeliverable', details: 'Receiver is not on WhatsApp' },
        },
      ]),
    )
    expect(await readRow(id)).toMatchObject({
      status: 'failed',
      errorMessage: 'code 131026: Message undeliverable: Receiver is not on WhatsApp',
    })
  })
})

describe('live delivery status', () => {
  it('reaches the recruiter’s open page as email:status when the webhook arrives', async () => {
    const { client, interviewId, candidateEmail } = await recruiterWithInterview()
    const [message] = (await invite(client, interviewId, { channels: ['email'] })).messages
    await settled(client, interviewId, message!.id, 'sent')
    const providerId = (await readEmailRow(message!.id)).messageId!
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(server.url, {
      transports: ['websocket'],
      extraHeaders: { Origin: APP_ORIGIN, Cookie: `vh_session=${client.cookies.get('vh_session')}` },
      reconnection: false,
    })
    try {
      const events: EventEnvelope<'email:status'>[] = []
      socket.on('email:status', (envelope) => events.push(envelope))
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve)
        socket.once('connect_error', reject)
      })
      await postBrevoWebhook(
        url(),
        brevoEvent({ event: 'delivered', messageId: providerId, email: candidateEmail }),
        {
          token: BREVO_WEBHOOK_TOKEN,
        },
      )
      const event = await eventually(
        async () => events.find((e) => e.payload.messageId === message!.id),
        'email:status',
      )
      expect(event.payload).toMatchObject({
        interviewId,
        status: 'delivered',
        message: { id: message!.id, status: 'delivered' },
      })
      expect(event.payload.message.deliveredAt).not.toBeNull()
    } finally {
      socket.disconnect()
    }
  })
  const url = () => `${server.url}/api/webhooks/brevo`
})

describe('who may invite', () => {
  it('tells another recruiter the interview does not exist', async () => {
    const { interviewId } = await recruiterWithInterview()
    const other = new TestClient(app)
    await other.signIn(uniqueEmail('other'))
    for (const [path, method] of [
      [`/api/interviews/${interviewId}/invites`, 'POST'],
      [`/api/interviews/${interviewId}/invites`, 'GET'],
      [`/api/interviews/${interviewId}/invites/preview`, 'GET'],
    ] as const) {
      const response = await other.request(path, {
        method,
        json: method === 'POST' ? { channels: ['email'] } : undefined,
      })
      expect(response.status, `${method} ${path}`).toBe(404)
    }
  })

  it('refuses invites to a completed interview (409)', async () => {
    const { client, interviewId } = await recruiterWithInterview()
    await services.prisma.interview.update({ where: { id: interviewId }, data: { status: 'COMPLETED' } })
    const response = await client.request(`/api/interviews/${interviewId}/invites`, {
      method: 'POST',
      json: { channels: ['email'] },
    })
    expect(response.status).toBe(409)
  })
})

describe('resending and the preview', () => {
  it('resends as a new message with the active link, or a new link when the old one was revoked', async () => {
    const { client, interviewId } = await recruiterWithInterview()
    const first = await invite(client, interviewId, { channels: ['email'] })
    await settled(client, interviewId, first.messages[0]!.id, 'sent')
    await client.request(`/api/interviews/${interviewId}/sessions`, { method: 'DELETE' })
    const resent = await client.request(
      `/api/interviews/${interviewId}/invites/${first.messages[0]!.id}/resend`,
      {
        method: 'POST',
      },
    )
    expect(resent.status, JSON.stringify(resent.body)).toBe(201)
    expect(resent.body.message).toMatchObject({ channel: 'email', status: 'pending' })
    expect(resent.body.message.id).not.toBe(first.messages[0]!.id)
    await settled(client, interviewId, resent.body.message.id, 'sent')
    const links = (await client.request(`/api/interviews/${interviewId}/sessions`)).body.items
    expect(links.filter((link: { status: string }) => link.status === 'ACTIVE')).toHaveLength(1)
    const lastBody = brevo.sends().at(-1)?.body as { textContent: string }
    const active = links.find((link: { status: string }) => link.status === 'ACTIVE')
    expect(lastBody.textContent).toContain(active.url)
    expect(await messagesOf(client, interviewId)).toHaveLength(2)
  })

  it('previews both channels without creating a link', async () => {
    const { client, interviewId } = await recruiterWithInterview({ candidateName: 'Lin' })
    const preview = await client.request(`/api/interviews/${interviewId}/invites/preview`)
    expect(preview.status, JSON.stringify(preview.body)).toBe(200)
    const links = (await client.request(`/api/interviews/${interviewId}/sessions`)).body.items
    expect(preview.body.link.url).toBe(links[0].url)
    expect(preview.body.email.subject).toBe('Your interview for Backend Engineer with Acme & Sons')
    expect(preview.body.whatsapp).toMatchObject({
      templateName: 'interview_invite',
      bodyParameters: ['Lin', links[0].url],
    })
    expect(preview.body.delivery).toEqual({ email: 'brevo', whatsapp: 'whatsapp' })
    expect(links).toHaveLength(1)
  })
})
