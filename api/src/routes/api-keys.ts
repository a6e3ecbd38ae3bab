import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../middleware/app-env.js'
import { authorize } from '../middleware/guards.js'
import {
  ApiKeyListSchema,
  ApiKeyResponseSchema,
  CreateApiKeyBodySchema,
  CreatedApiKeySchema,
} from '../schemas/api-keys.js'
import { errorResponses, jsonContent, jsonResponse, responseBody } from '../schemas/openapi.js'
import { createApiKey, listApiKeys, revokeApiKey } from '../services/api-keys.js'

const WHO = 'Recruiters and admins (session cookie); an API key cannot manage keys.'

const listRoute = createRoute({
  method: 'get',
  path: '/api-keys',
  tags: ['API keys'],
  summary: 'Your API keys',
  description: `${WHO} Newest first, with today's request count.`,
  ...authorize({ roles: ['RECRUITER'] }),
  responses: { 200: jsonResponse(ApiKeyListSchema, 'The keys'), ...errorResponses(401, 403) },
})

const createKeyRoute = createRoute({
  method: 'post',
  path: '/api-keys',
  tags: ['API keys'],
  summary: 'Create an API key',
  description: `${WHO} The response carries the key itself, this once; only its hash is kept.`,
  ...authorize({ roles: ['RECRUITER'] }),
  request: { body: jsonContent(CreateApiKeyBodySchema) },
  responses: { 201: jsonResponse(CreatedApiKeySchema, 'The new key'), ...errorResponses(400, 401, 403, 409) },
})

const revokeRoute = createRoute({
  method: 'delete',
  path: '/api-keys/{id}',
  tags: ['API keys'],
  summary: 'Revoke an API key',
  description: `${WHO} Refused from the next request on, on every instance.`,
  ...authorize({ roles: ['RECRUITER'] }),
  request: { params: z.object({ id: z.uuid({ error: 'must be an API key id' }) }) },
  responses: { 200: jsonResponse(ApiKeyResponseSchema, 'The revoked key'), ...errorResponses(401, 403, 404) },
})

/** An integrator's keys, managed by their owner in the app. */
export const apiKeyRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) =>
    c.json(responseBody(ApiKeyListSchema, { items: await listApiKeys(c.var.services, c.var.actor) }), 200),
  )
  .openapi(createKeyRoute, async (c) =>
    c.json(
      responseBody(CreatedApiKeySchema, await createApiKey(c.var.services, c.var.actor, c.req.valid('json'))),
      201,
    ),
  )
  .openapi(revokeRoute, async (c) => {
    const apiKey = await revokeApiKey(c.var.services, c.var.actor, { apiKeyId: c.req.valid('param').id })
    return c.json(responseBody(ApiKeyResponseSchema, { apiKey }), 200)
  })
