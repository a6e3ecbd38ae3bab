import { z } from '@hono/zod-openapi'
import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from '../domain/delivery-status.js'
import { IsoDateTimeSchema } from './dates.js'
import { PaginationQuerySchema, pageOf } from './pagination.js'

/** The most rows one bulk invite takes, pasted or uploaded. */
export const MAX_BULK_ROWS = 1000

export const DeliveryChannelSchema = z.enum(DELIVERY_CHANNELS).openapi('DeliveryChannel')
export const DeliveryStatusSchema = z.enum(DELIVERY_STATUSES).openapi('DeliveryStatus')

/** E.164: a `+`, a country code that does not start with 0, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/
export const PhoneSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/[\s().-]/g, ''))
  .pipe(
    z
      .string()
      .regex(E164_PATTERN, { error: 'must be a phone number in E.164 form, for example +14155550123' }),
  )
  .openapi({ example: '+14155550123' })

const ChannelsSchema = z
  .array(DeliveryChannelSchema)
  .min(1, { error: 'choose email, whatsapp or both' })
  .max(2)
  .refine((channels) => new Set(channels).size === channels.length, { error: 'lists a channel twice' })

export const SendInviteBodySchema = z
  .object({
    channels: ChannelsSchema,
    phone: PhoneSchema.optional().openapi({ description: 'Required for WhatsApp.' }),
  })
  .refine((body) => !body.channels.includes('whatsapp') || body.phone !== undefined, {
    error: 'is required to invite by WhatsApp',
    path: ['phone'],
  })
  .openapi('SendInviteBody')

export const InviteMessageSchema = z
  .object({
    id: z.string(),
    interviewId: z.string(),
    channel: DeliveryChannelSchema,
    /** The email address, or the phone number in E.164. */
    recipient: z.string(),
    status: DeliveryStatusSchema,
    /** Where it went: the provider, or `outbox` when none is configured (not really sent). */
    transport: z.enum(['brevo', 'whatsapp', 'outbox']).nullable(),
    attempts: z.number().int(),
    nextAttemptAt: IsoDateTimeSchema.nullable(),
    errorMessage: z.string().nullable(),
    batchId: z.string().nullable(),
    sentAt: IsoDateTimeSchema.nullable(),
    deliveredAt: IsoDateTimeSchema.nullable(),
    openedAt: IsoDateTimeSchema.nullable(),
    readAt: IsoDateTimeSchema.nullable(),
    bouncedAt: IsoDateTimeSchema.nullable(),
    failedAt: IsoDateTimeSchema.nullable(),
    createdAt: IsoDateTimeSchema,
  })
  .openapi('InviteMessage')

export const InviteMessageListSchema = z
  .object({ items: z.array(InviteMessageSchema) })
  .openapi('InviteMessageList')

export const SentInvitesSchema = z
  .object({
    messages: z.array(InviteMessageSchema),
    link: z.object({ url: z.string(), expiresAt: IsoDateTimeSchema }),
  })
  .openapi('SentInvites')

export const InviteMessageResponseSchema = z
  .object({ message: InviteMessageSchema })
  .openapi('InviteMessageResponse')

export const InviteMessageParamsSchema = z.object({
  id: z.uuid({ error: 'must be an interview id' }),
  messageId: z.uuid({ error: 'must be a message id' }),
})

const DeliveryModeSchema = z.object({
  email: z.enum(['brevo', 'outbox']),
  whatsapp: z.enum(['whatsapp', 'outbox']),
})

export const EmailPreviewSchema = z.object({
  to: z.string(),
  subject: z.string(),
  textContent: z.string(),
  htmlContent: z.string(),
})
export const WhatsAppPreviewSchema = z.object({
  templateName: z.string(),
  templateLanguage: z.string(),
  bodyParameters: z.array(z.string()),
  textContent: z.string(),
})

export const InvitePreviewSchema = z
  .object({
    email: EmailPreviewSchema,
    whatsapp: WhatsAppPreviewSchema,
    link: z.object({
      /** The link that will be sent; null when none is active yet (sending makes one). */
      url: z.string().nullable(),
      expiresAt: IsoDateTimeSchema,
    }),
    delivery: DeliveryModeSchema,
  })
  .openapi('InvitePreview')

// ─── In bulk ──────────────────────────────────────────────────────────────────

/** One pasted row as sent; each is checked on its own so that a bad row is reported, not fatal. */
export const BulkInviteRowSchema = z.object({
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  phone: z.string().max(40).optional(),
  notes: z.string().max(2000).optional(),
})

export const BulkInviteBodySchema = z
  .object({
    rows: z
      .array(BulkInviteRowSchema)
      .min(1, { error: 'add at least one row' })
      .max(MAX_BULK_ROWS, { error: `at most ${MAX_BULK_ROWS} rows at once` }),
    channels: ChannelsSchema,
    dryRun: z.boolean().default(false),
  })
  .openapi('BulkInviteBody')

/** The CSV form: a `file` with a header row (name,email,phone,notes), the channels, and `dryRun`. */
export const BulkInviteFormSchema = z
  .object({
    file: z
      .custom<File>((value) => value instanceof File, { error: 'must be a CSV file' })
      .openapi({ type: 'string', format: 'binary' }),
    channels: z
      .union([z.string(), z.array(z.string())])
      .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((part) => part.trim()))
      .pipe(ChannelsSchema)
      .openapi({ type: 'string', example: 'email,whatsapp' }),
    dryRun: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('false')
      .transform((value) => value === 'true'),
  })
  .openapi('BulkInviteForm')

export const BulkRowErrorSchema = z
  .object({
    /** 1 for the first data row (a CSV's header is not counted). */
    row: z.number().int(),
    email: z.string().nullable(),
    reason: z.string(),
  })
  .openapi('BulkRowError')

export const BulkInviteResultSchema = z
  .object({
    isDryRun: z.boolean(),
    /** Follow it at GET /api/invite-batches/{id}; null on a dry run. */
    batchId: z.string().nullable(),
    totalRows: z.number().int(),
    validRows: z.number().int(),
    rejected: z.array(BulkRowErrorSchema),
    recipients: z.array(
      z.object({
        row: z.number().int(),
        name: z.string().nullable(),
        email: z.string(),
        phone: z.string().nullable(),
        channels: z.array(DeliveryChannelSchema),
      }),
    ),
    /** The first valid row's messages as they will read (the link is a placeholder on a dry run). */
    preview: z
      .object({
        email: EmailPreviewSchema.omit({ htmlContent: true }).nullable(),
        whatsapp: WhatsAppPreviewSchema.pick({ textContent: true }).nullable(),
      })
      .nullable(),
    delivery: DeliveryModeSchema,
  })
  .openapi('BulkInviteResult')

export const InviteBatchCountsSchema = z.object({
  /** Messages in the batch. */
  total: z.number().int(),
  pending: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  opened: z.number().int(),
  failed: z.number().int(),
})

export const InviteBatchSchema = z
  .object({
    id: z.string(),
    jobId: z.string(),
    channels: z.array(DeliveryChannelSchema),
    interviewCount: z.number().int(),
    rejected: z.array(BulkRowErrorSchema),
    counts: InviteBatchCountsSchema,
    /** True once no message is waiting to be sent. */
    isComplete: z.boolean(),
    createdAt: IsoDateTimeSchema,
  })
  .openapi('InviteBatch')

export const InviteBatchResponseSchema = z.object({ batch: InviteBatchSchema }).openapi('InviteBatchResponse')
export const InviteBatchParamsSchema = z.object({ id: z.uuid({ error: 'must be a batch id' }) })

// ─── The outbox ───────────────────────────────────────────────────────────────

export const OutboxQuerySchema = PaginationQuerySchema.extend({ channel: DeliveryChannelSchema.optional() })

export const OutboxMessageSchema = z
  .object({
    id: z.string(),
    channel: DeliveryChannelSchema,
    /** Null for a message to a VantaHire user rather than a candidate (an onboarding reminder). */
    interviewId: z.string().nullable(),
    candidateName: z.string().nullable(),
    jobRole: z.string().nullable(),
    recipient: z.string(),
    subject: z.string().nullable(),
    textContent: z.string(),
    htmlContent: z.string().nullable(),
    createdAt: IsoDateTimeSchema,
  })
  .openapi('OutboxMessage')

export const OutboxPageSchema = pageOf(OutboxMessageSchema)
  .extend({ delivery: DeliveryModeSchema })
  .openapi('OutboxPage')
