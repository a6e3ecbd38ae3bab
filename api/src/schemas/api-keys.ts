import { z } from '@hono/zod-openapi'
import { API_KEY_SCOPES } from '../domain/actor.js'
import { futureDateTime, IsoDateTimeSchema } from './dates.js'

export const ApiKeyScopeSchema = z.enum(API_KEY_SCOPES).openapi('ApiKeyScope', {
  description:
    'interviews:read — list and read interviews and their links; interviews:write — create interviews and manage their links; results:read — read transcripts, scores and summaries.',
})
export type ApiKeyScope = z.infer<typeof ApiKeyScopeSchema>

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    keyPrefix: z.string().openapi({ description: 'The first characters of the key, to recognise it.' }),
    scopes: z.array(ApiKeyScopeSchema),
    status: z.enum(['ACTIVE', 'REVOKED', 'EXPIRED']),
    rateLimitPerDay: z.number().int(),
    requestsToday: z.number().int().openapi({ description: 'Requests since midnight UTC.' }),
    lastRequestAt: IsoDateTimeSchema.nullable(),
    expiresAt: IsoDateTimeSchema.nullable(),
    revokedAt: IsoDateTimeSchema.nullable(),
    createdAt: IsoDateTimeSchema,
  })
  .openapi('ApiKey')

export const ApiKeyListSchema = z.object({ items: z.array(ApiKeySchema) }).openapi('ApiKeyList')

export const CreateApiKeyBodySchema = z
  .object({
    name: z.string().trim().min(1, { error: 'is required' }).max(100),
    scopes: z
      .array(ApiKeyScopeSchema)
      .min(1, { error: 'choose at least one scope' })
      .transform((scopes) => [...new Set(scopes)]),
    expiresAt: futureDateTime('2027-01-31T00:00:00Z').optional(),
  })
  .openapi('CreateApiKeyBody')

export const CreatedApiKeySchema = z
  .object({
    apiKey: ApiKeySchema,
    key: z
      .string()
      .openapi({ description: 'The secret key. Shown this once; VantaHire keeps only its hash.' }),
  })
  .openapi('CreatedApiKey')

export const ApiKeyResponseSchema = z.object({ apiKey: ApiKeySchema }).openapi('ApiKeyResponse')
