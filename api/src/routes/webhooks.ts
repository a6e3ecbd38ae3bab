import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { hasBearerToken, isValidHubSignature, safeEqual } from '../lib/crypto.js'
import { AppError } from '../lib/errors.js'
import { findUnstorableJson, unstorableInputError } from '../lib/storable-text.js'
import type { AppEnv } from '../middleware/app-env.js'
import {
  BREVO_WEBHOOK_SECURITY,
  errorResponses,
  jsonResponse,
  PUBLIC_SECURITY,
  responseBody,
  WHATSAPP_WEBHOOK_SECURITY,
} from '../schemas/openapi.js'
import {
  BrevoWebhookBodySchema,
  RAW_JSON_BODY,
  WebhookReceiptSchema,
  WhatsAppVerifyQuerySchema,
  WhatsAppWebhookBodySchema,
} from '../schemas/webhooks.js'
import { brevoReports, recordDeliveryReports, whatsAppReports } from '../services/delivery-webhooks.js'

export const WEBHOOKS_PREFIX = '/api/webhooks/'

/**
 * Provider webhooks authenticate themselves (a bearer token, an HMAC signature) and carry no session
 * cookie or API key: the CSRF/Origin check, API-key and session middleware skip them.
 */
export function isWebhook(c: Context): boolean {
  return c.req.path.startsWith(WEBHOOKS_PREFIX)
}

const unauthorized = (message: string) => new AppError({ code: 'UNAUTHORIZED', message })

/** Parses a webhook body the route has authenticated; 400 for anything that is not the provider's shape. */
function parseBody<S extends z.ZodType>(schema: S, text: string): z.output<S> {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new AppError({ code: 'BAD_REQUEST', message: 'The body is not JSON.' })
  }
  // The body skipped the API-wide check for text Postgres cannot store (it had to stay raw till now).
  const issues = findUnstorableJson(text, 'body')
  if (issues.length > 0) throw unstorableInputError(issues)
  const parsed = schema.safeParse(json)
  if (!parsed.success)
    throw new AppError({
      code: 'BAD_REQUEST',
      message: 'The body is not a delivery report this understands.',
    })
  return parsed.data
}

const brevoRoute = createRoute({
  method: 'post',
  path: '/webhooks/brevo',
  security: BREVO_WEBHOOK_SECURITY,
  tags: ['Webhooks'],
  summary: 'Brevo delivery events',
  description:
    'Brevo signs nothing, so the webhook is registered with `auth: { type: "bearer", token: BREVO_WEBHOOK_TOKEN }` and must send `Authorization: Bearer <token>` (compared in constant time; 401 otherwise). One event or a batched array. Each event is applied once (by message id, event and time) and never moves a message backwards.',
  request: { body: RAW_JSON_BODY },
  responses: {
    200: jsonResponse(WebhookReceiptSchema, 'Recorded'),
    ...errorResponses(400, 401),
  },
})

const whatsAppVerifyRoute = createRoute({
  method: 'get',
  path: '/webhooks/whatsapp',
  security: PUBLIC_SECURITY,
  tags: ['Webhooks'],
  summary: 'WhatsApp subscription handshake',
  description:
    'Meta calls it when the webhook is subscribed: answers `hub.challenge` as plain text when `hub.mode` is `subscribe` and `hub.verify_token` is WHATSAPP_VERIFY_TOKEN; 403 otherwise.',
  request: { query: WhatsAppVerifyQuerySchema },
  responses: {
    200: { description: 'The challenge', content: { 'text/plain': { schema: z.string() } } },
    ...errorResponses(403),
  },
})

const whatsAppRoute = createRoute({
  method: 'post',
  path: '/webhooks/whatsapp',
  security: WHATSAPP_WEBHOOK_SECURITY,
  tags: ['Webhooks'],
  summary: 'WhatsApp message statuses',
  description:
    'Authenticated by `X-Hub-Signature-256`: HMAC-SHA256 of the exact body bytes with WHATSAPP_APP_SECRET (401 when it does not match). Each (message, status) is applied once and never moves a message backwards.',
  request: { body: RAW_JSON_BODY },
  responses: {
    200: jsonResponse(WebhookReceiptSchema, 'Recorded'),
    ...errorResponses(400, 401),
  },
})

/** Delivery reports from Brevo and the WhatsApp Cloud API. */
export const webhookRoutes = new OpenAPIHono<AppEnv>()
  .openapi(brevoRoute, async (c) => {
    const token = c.var.services.config.BREVO_WEBHOOK_TOKEN
    if (!token) throw unauthorized('Brevo webhooks are not configured here (BREVO_WEBHOOK_TOKEN is not set).')
    if (!hasBearerToken(c.req.header('authorization'), token))
      throw unauthorized('The webhook’s bearer token is missing or wrong.')
    const body = parseBody(BrevoWebhookBodySchema, await c.req.text())
    const events = Array.isArray(body) ? body : [body]
    const outcome = await recordDeliveryReports(c.var.services, {
      channel: 'email',
      reports: brevoReports(events),
    })
    return c.json(responseBody(WebhookReceiptSchema, { received: events.length, ...outcome }), 200)
  })
  .openapi(whatsAppVerifyRoute, async (c) => {
    const expected = c.var.services.config.WHATSAPP_VERIFY_TOKEN
    const query = c.req.valid('query')
    const given = query['hub.verify_token']
    if (
      !expected ||
      query['hub.mode'] !== 'subscribe' ||
      given === undefined ||
      !safeEqual(given, expected)
    ) {
      throw new AppError({ code: 'FORBIDDEN', message: 'The verify token does not match.' })
    }
    return c.text(query['hub.challenge'] ?? '', 200)
  })
  .openapi(whatsAppRoute, async (c) => {
    const secret = c.var.services.config.WHATSAPP_APP_SECRET
    if (!secret)
      throw unauthorized('WhatsApp webhooks are not configured here (WHATSAPP_APP_SECRET is not set).')
    // The signature covers the bytes as sent, so they are read raw, before any parsing.
    const raw = new Uint8Array(await c.req.arrayBuffer())
    if (!isValidHubSignature(raw, c.req.header('x-hub-signature-256'), secret))
      throw unauthorized('The X-Hub-Signature-256 signature does not match the body.')
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw)
    } catch {
      throw new AppError({ code: 'BAD_REQUEST', message: 'The body is not UTF-8 text.' })
    }
    const body = parseBody(WhatsAppWebhookBodySchema, text)
    const statuses = body.entry.flatMap((entry) =>
      entry.changes.flatMap((change) => change.value.statuses ?? []),
    )
    const outcome = await recordDeliveryReports(c.var.services, {
      channel: 'whatsapp',
      reports: whatsAppReports(statuses),
    })
    return c.json(responseBody(WebhookReceiptSchema, { received: statuses.length, ...outcome }), 200)
  })
