import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { afterAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createTestServices } from '../../test/support/services.js'
import { AppError, ERROR_STATUS, type ErrorCode } from '../lib/errors.js'
import type { AppEnv } from './app-env.js'
import { handleError } from './error-handler.js'

const services = createTestServices()
afterAll(() => services.close())

// A throw-away app with the real error handler, so every kind of failure can be provoked.
const app = new Hono<AppEnv>()
app.use(async (c, next) => {
  c.set('services', services)
  c.set('requestId', 'req-123')
  c.set('logger', services.logger)
  await next()
})
app.get('/app-error/:code', (c) => {
  throw new AppError({
    code: c.req.param('code') as ErrorCode,
    message: 'Described for the user.',
    details: { field: 'x' },
  })
})
app.get('/zod', (c) => c.json(z.object({ email: z.email() }).parse({ email: 'not-an-email' })))
app.get('/http-exception', () => {
  throw new HTTPException(401, { message: 'Sign in first.' })
})
app.get('/crash', () => {
  throw new Error('connection to postgres://admin:hunter2@db.internal failed')
})
app.onError(handleError())

describe('the error handler', () => {
  it.each([
    'BAD_REQUEST',
    'UNAUTHORIZED',
    'FORBIDDEN',
    'NOT_FOUND',
    'CONFLICT',
    'GONE',
    'PAYLOAD_TOO_LARGE',
    'RANGE_NOT_SATISFIABLE',
    'RATE_LIMITED',
  ] as const)('renders AppError %s with its status and the one envelope', async (code) => {
    const response = await app.request(`/app-error/${code}`)
    expect(response.status).toBe(ERROR_STATUS[code])
    expect(await response.json()).toEqual({
      error: { code, message: 'Described for the user.', requestId: 'req-123', details: { field: 'x' } },
    })
  })

  it('renders zod failures as 400 VALIDATION_FAILED with the failing paths', async () => {
    const response = await app.request('/zod')
    const body = (await response.json()) as any
    expect(response.status).toBe(400)
    expect(body.error.code).toBe('VALIDATION_FAILED')
    expect(body.error.details.issues).toEqual([{ path: 'email', message: expect.any(String) }])
  })

  it('maps HTTPExceptions from middleware to the envelope', async () => {
    const response = await app.request('/http-exception')
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'Sign in first.', requestId: 'req-123' },
    })
  })

  it('answers an unexpected failure with a 500 that leaks nothing, and logs the stack', async () => {
    const response = await app.request('/crash')
    const text = await response.text()
    expect(response.status).toBe(500)
    expect(JSON.parse(text).error).toMatchObject({ code: 'INTERNAL_ERROR', requestId: 'req-123' })
    expect(text).not.toContain('hunter2')
    expect(text).not.toContain('postgres')
    const logged = services.logs.lines.find((line) => line.msg === 'unhandled error') as any
    expect(logged?.err?.stack).toContain('hunter2')
  })
})
