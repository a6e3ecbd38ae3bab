import { OpenAPIHono, z } from '@hono/zod-openapi'
import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { IsoDateTimeSchema } from './dates.js'
import { responseBody } from './openapi.js'

describe('a date in a response', () => {
  it('leaves as an ISO string, whether the service handed over a Date or an ISO string', () => {
    expect(IsoDateTimeSchema.parse(new Date('2027-01-31T17:00:00Z'))).toBe('2027-01-31T17:00:00.000Z')
    expect(IsoDateTimeSchema.parse('2027-01-31T17:00:00Z')).toBe('2027-01-31T17:00:00.000Z')
    expect(IsoDateTimeSchema.parse('2027-01-31T19:00:00+02:00')).toBe('2027-01-31T17:00:00.000Z')
    expect(IsoDateTimeSchema.nullable().parse(null)).toBeNull()
  })

  it('is refused when it is not a moment: an invalid Date, free-form text, a number', () => {
    for (const value of [new Date('not a date'), 'Jan 31 2027', '2027-01-31', 1_800_000_000_000]) {
      expect(IsoDateTimeSchema.safeParse(value).success, String(value)).toBe(false)
    }
  })

  it('is described in OpenAPI as a date-time string, and a nullable one as string or null', () => {
    const app = new OpenAPIHono()
    app.openAPIRegistry.register(
      'Dated',
      z.object({ at: IsoDateTimeSchema, until: IsoDateTimeSchema.nullable() }),
    )
    const document = app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'dates', version: '1' },
    })
    expect(document.components?.schemas?.Dated).toEqual({
      type: 'object',
      properties: {
        at: { type: 'string', format: 'date-time' },
        until: { type: ['string', 'null'], format: 'date-time' },
      },
      required: ['at', 'until'],
    })
  })
})

describe('a response body', () => {
  const Schema = z.object({ id: z.string(), createdAt: IsoDateTimeSchema })

  it('is the schema’s output: dates formatted, keys in the schema’s order', () => {
    const body = responseBody(Schema, { createdAt: new Date('2027-01-31T17:00:00Z'), id: 'a' })
    expect(JSON.stringify(body)).toBe('{"id":"a","createdAt":"2027-01-31T17:00:00.000Z"}')
  })

  it('that does not fit its schema fails as our error (a 500), not as a ZodError (which answers 400)', () => {
    const broken = { id: 'a', createdAt: new Date('not a date') }
    let thrown: unknown
    try {
      responseBody(Schema, broken)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(Error)
    expect(thrown).not.toBeInstanceOf(ZodError)
    expect((thrown as Error).cause).toBeInstanceOf(ZodError)
  })
})
