import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../lib/app-env.js'
import { requireAuth } from '../middleware/guards.js'
import {
  ApiKeyListSchema,
  ApiKeyResponseSchema,
  CreateApiKeyBodySchema,
  CreatedApiKeySchema,
} from '../schemas/api-keys.js'
import { errorResponses, jsonContent, jsonResponse } from '../schemas/openapi.js'
import { createApiKey, listApiKeys, revokeApiKey } from '../services/api-keys.js'

const WHO = 'Recruiters and admins (session cookie); an API key cannot manage keys.'

const listRoute = createRoute({
  method: 'get',
  path: '/api-keys',
  tags: ['API keys'],
  summary: 'Your API keys',
  description: `${WHO} Newest first, with today's request count.`,
  middleware: [requireAuth({ roles: ['RECRUITER'] })] as const,
  responses: { 200: jsonResponse(ApiKeyListSchema, 'The keys'), ...errorResponses(401, 403) },
})

const createKeyRoute = createRoute({
  method: 'post',
  path: '/api-keys',
  tags: ['API keys'],
  summary: 'Create an API key',
  description: `${WHO} The response carries the key itself, this once; only its hash is kept.`,
  middleware: [requireAuth({ roles: ['RECRUITER'] })] as const,
  request: { body: jsonContent(CreateApiKeyBodySchema) },
  responses: { 201: jsonResponse(CreatedApiKeySchema, 'The new key'), ...errorResponses(400, 401, 403, 409) },
})

const revokeRoute = createRoute({
  method: 'delete',
  path: '/api-keys/{id}',
  tags: ['API keys'],
  summary: 'Revoke an API key',
  description: `${WHO} Refused from the next request on, on every instance.`,
  middleware: [requireAuth({ roles: ['RECRUITER'] })] as const,
  request: { params: z.object({ id: z.uuid({ error: 'must be an API key id' }) }) },
  responses: { 200: jsonResponse(ApiKeyResponseSchema, 'The revoked key'), ...errorResponses(401, 403, 404) },
})

export const apiKeyRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => {
    const { prisma, redis } = c.var.services
    return c.json({ items: await listApiKeys({ prisma, redis, userId: c.var.auth?.userId ?? '' }) }, 200)
  })
  .openapi(createKeyRoute, async (c) => {
    const body = c.req.valid('json')
    const created = await createApiKey({
      prisma: c.var.services.prisma,
      userId: c.var.auth?.userId ?? '',
      name: body.name,
      scopes: body.scopes,
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined,
    })
    c.var.logger.info({ apiKeyId: created.apiKey.id, keyPrefix: created.apiKey.keyPrefix }, 'API key created')
    return c.json(created, 201)
  })
  .openapi(revokeRoute, async (c) => {
    const { prisma, redis } = c.var.services
    const auth = c.var.auth
    const apiKey = await revokeApiKey({
      prisma,
      redis,
      userId: auth?.userId ?? '',
      isAdmin: auth?.role === 'ADMIN',
      apiKeyId: c.req.valid('param').id,
    })
    c.var.logger.info({ apiKeyId: apiKey.id }, 'API key revoked')
    return c.json({ apiKey }, 200)
  })
