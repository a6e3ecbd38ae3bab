import { z } from '@hono/zod-openapi'
import { ErrorBodySchema } from './errors.js'

export const DependencyStatusSchema = z.enum(['ok', 'unreachable'])

export const ReadinessChecksSchema = z.object({
  postgres: DependencyStatusSchema,
  redis: DependencyStatusSchema,
})
export type ReadinessChecks = z.infer<typeof ReadinessChecksSchema>

export const LivenessSchema = z.object({ status: z.literal('ok') }).openapi('Liveness')

export const ReadinessSchema = z
  .object({ status: z.literal('ready'), checks: ReadinessChecksSchema })
  .openapi('Readiness')

export const NotReadySchema = ErrorBodySchema.extend({
  error: ErrorBodySchema.shape.error.extend({
    details: z.object({ checks: ReadinessChecksSchema, isShuttingDown: z.boolean() }),
  }),
}).openapi('NotReady')
