import { z } from '@hono/zod-openapi'

/** Brevo posts one event, or an array of them when the webhook is registered as batched. */
const BrevoEventSchema = z
  .object({
    event: z.string().max(100),
    'message-id': z.string().max(1000).optional(),
    ts_event: z.number().optional(),
    ts_epoch: z.number().optional(),
    ts: z.number().optional(),
    date: z.string().max(100).optional(),
    reason: z.string().max(2000).optional(),
    'X-Mailin-custom': z.string().max(1000).optional(),
  })
  .loose()

export const BrevoWebhookBodySchema = z.union([BrevoEventSchema, z.array(BrevoEventSchema).max(1000)])

const WhatsAppStatusSchema = z
  .object({
    id: z.string().max(1000),
    status: z.string().max(100),
    timestamp: z.string().max(30).optional(),
    recipient_id: z.string().max(100).optional(),
    biz_opaque_callback_data: z.string().max(1000).optional(),
    errors: z
      .array(
        z
          .object({
            code: z.number().optional(),
            title: z.string().max(1000).optional(),
            message: z.string().max(2000).optional(),
            error_data: z
              .object({ details: z.string().max(2000).optional() })
              .loose()
              .optional(),
          })
          .loose(),
      )
      .optional(),
  })
  .loose()

/** Meta's envelope; only `value.statuses` matters here (inbound messages are not read). */
export const WhatsAppWebhookBodySchema = z
  .object({
    object: z.string(),
    entry: z
      .array(
        z
          .object({
            changes: z
              .array(
                z
                  .object({
                    field: z.string().optional(),
                    value: z.object({ statuses: z.array(WhatsAppStatusSchema).max(1000).optional() }).loose(),
                  })
                  .loose(),
              )
              .max(1000),
          })
          .loose(),
      )
      .max(1000),
  })
  .loose()

export const WhatsAppVerifyQuerySchema = z.object({
  'hub.mode': z.string().optional(),
  'hub.verify_token': z.string().optional(),
  'hub.challenge': z.string().max(1000).optional(),
})

export const WebhookReceiptSchema = z
  .object({
    received: z.number().int(),
    applied: z.number().int(),
    duplicates: z.number().int(),
    unmatched: z.number().int(),
    ignored: z.number().int(),
  })
  .openapi('WebhookReceipt')

/**
 * Documentation only: webhook bodies are read as raw bytes (a signature covers the exact bytes), so
 * the route validates them itself after authenticating the call.
 */
export const RAW_JSON_BODY = {
  content: { 'application/json': { schema: { type: 'object' as const } } },
  required: true,
}
