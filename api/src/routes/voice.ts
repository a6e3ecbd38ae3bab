import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { UpgradeWebSocket, WSContext } from 'hono/ws'
import type { RawData, WebSocket } from 'ws'
import { AppError } from '../lib/errors.js'
import type { AppEnv } from '../middleware/app-env.js'
import { authorize } from '../middleware/guards.js'
import { byInterviewLink } from '../middleware/interview-link.js'
import { allowedOrigin } from '../middleware/origin.js'
import { InterviewParamsSchema } from '../schemas/interview-links.js'
import { errorResponses, jsonResponse, responseBody } from '../schemas/openapi.js'
import {
  closeCodeFor,
  VoiceClientMessageSchema,
  VoiceQuerySchema,
  VoiceReportSchema,
  type VoiceServerMessage,
  VoiceTicketSchema,
} from '../schemas/voice.js'
import { getVoiceReport, issueVoiceTicket, redeemVoiceTicket } from '../services/voice.js'
import { LiveVoiceSession } from '../voice/live-session.js'

const ticketRoute = createRoute({
  method: 'post',
  path: '/candidate/interview/voice-ticket',
  tags: ['Candidates'],
  summary: 'A one-minute, single-use ticket for the voice interview socket',
  description:
    'Candidate link token in `X-Interview-Token`. Open `GET /api/candidate/interview/voice?interviewId=…&ticket=…` (the `url` returned) as a WebSocket within a minute; the ticket works once. The link token itself never travels in a URL. 409 with `details.reason: voice_not_configured` when this server has no speech services (offer text instead), and once the interview has ended.',
  ...byInterviewLink(),
  responses: {
    201: jsonResponse(VoiceTicketSchema, 'The ticket'),
    ...errorResponses(401, 409, 410, 429),
  },
})

const reportRoute = createRoute({
  method: 'get',
  path: '/interviews/{id}/voice-report',
  tags: ['Interviews'],
  summary: 'Voice interview latency, talk-overs and speech measures',
  description:
    'The interview’s recruiter (or an admin), or their API key with results:read. Response gaps run from the end of the candidate’s speech to the first byte of the interviewer’s audio.',
  ...authorize({ roles: ['RECRUITER'], apiKeyScope: 'results:read' }),
  request: { params: InterviewParamsSchema },
  responses: {
    200: jsonResponse(VoiceReportSchema, 'The report'),
    ...errorResponses(400, 401, 403, 404),
  },
})

/**
 * The voice interview: its ticket, its WebSocket and the recruiter's report.
 *
 * The socket is authorised by a ticket in its query string rather than the link token: a browser
 * cannot set headers on a WebSocket, a first-message ticket would leave unauthenticated sockets
 * open while they wait, and a subprotocol is a header in disguise that proxies log just the same.
 * A ticket that lives a minute and works once is safe in a URL where the lasting link token is not.
 */
export function createVoiceRoutes(upgradeWebSocket: UpgradeWebSocket) {
  return new OpenAPIHono<AppEnv>()
    .openapi(ticketRoute, async (c) => {
      const ticket = await issueVoiceTicket(c.var.services, c.var.actor)
      return c.json(responseBody(VoiceTicketSchema, ticket), 201)
    })
    .openapi(reportRoute, async (c) => {
      const report = await getVoiceReport(c.var.services, c.var.actor, {
        interviewId: c.req.valid('param').id,
      })
      return c.json(responseBody(VoiceReportSchema, report), 200)
    })
    .get(
      '/candidate/interview/voice',
      allowedOrigin({ isOriginRequired: false }),
      async function requireUpgrade(c, next) {
        // Checked before the ticket is looked at, so a plain GET cannot use one up.
        if (c.req.header('upgrade')?.toLowerCase() !== 'websocket')
          throw new AppError({
            code: 'BAD_REQUEST',
            message: 'This is the voice interview WebSocket; connect with a WebSocket client.',
          })
        await next()
      },
      upgradeWebSocket(async (c) => {
        const services = c.var.services
        const send = (ws: WSContext, message: VoiceServerMessage) => ws.send(JSON.stringify(message))
        // The ticket is checked before the upgrade completes, and a refusal still upgrades, so that
        // the page can read why (a refused HTTP upgrade shows a browser nothing but "failed").
        let refusal: AppError | undefined
        let session: LiveVoiceSession | undefined
        let actor: Awaited<ReturnType<typeof redeemVoiceTicket>> | undefined
        const query = VoiceQuerySchema.safeParse(c.req.query())
        try {
          if (!query.success)
            throw new AppError({
              code: 'UNAUTHORIZED',
              message: 'Connect with ?interviewId=…&ticket=… from POST /voice-ticket.',
            })
          actor = await redeemVoiceTicket(services, query.data)
        } catch (error) {
          if (!(error instanceof AppError)) throw error
          refusal = error
        }
        const pace = actor
          ? ((
              await services.prisma.interview.findUnique({
                where: { id: actor.interview.id },
                select: { voicePace: true },
              })
            )?.voicePace ?? 'patient')
          : 'patient'
        return {
          onOpen(_event, ws) {
            if (refusal || !actor) {
              const error = refusal ?? new AppError({ code: 'UNAUTHORIZED', message: 'No voice ticket.' })
              send(ws, { type: 'error', error: { code: error.code, message: error.message } })
              ws.close(closeCodeFor(error.code), error.message.slice(0, 120))
              return
            }
            session = new LiveVoiceSession(
              services,
              {
                sendJson: (message) => {
                  if (ws.readyState === 1) send(ws, message)
                },
                sendAudio: (pcm) => {
                  if (ws.readyState === 1) ws.send(pcm as Uint8Array<ArrayBuffer>)
                },
                close: (code, reason) => ws.close(code, reason),
              },
              { actor, pace },
            )
            const open = session
            services.lifecycle.voiceSessions.add(open)
            void open.ended.then(() => services.lifecycle.voiceSessions.delete(open))
            const opened = session.open().catch((error) => {
              services.logger.error({ err: error }, 'voice session did not open')
              ws.close(closeCodeFor('INTERNAL_ERROR'), 'internal error')
            })
            // Fifty audio frames a second per candidate: read from the socket itself, without the
            // event object and copy that `onMessage` makes of each. The page speaks only after `ready`.
            ;(ws.raw as WebSocket).on('message', (data: RawData, isBinary: boolean) => {
              if (isBinary) {
                open.handleAudio(data as Buffer)
                return
              }
              const parsed = parseMessage(data.toString())
              if (!parsed.success) {
                send(ws, { type: 'error', error: { code: 'VALIDATION_FAILED', message: parsed.message } })
                return
              }
              void opened
                .then(() => open.handleMessage(parsed.data))
                .catch((error) => services.logger.error({ err: error }, 'voice message failed'))
            })
          },
          onClose() {
            void session
              ?.handleClose()
              .catch((error) => services.logger.warn({ err: error }, 'voice close failed'))
          },
        }
      }),
    )
}

function parseMessage(data: string) {
  let json: unknown
  try {
    json = JSON.parse(data)
  } catch {
    return { success: false as const, message: 'Messages must be valid JSON (audio goes in binary frames).' }
  }
  const result = VoiceClientMessageSchema.safeParse(json)
  if (!result.success) {
    const type = (json as { type?: unknown } | null)?.type
    return {
      success: false as const,
      message: `Not a voice message${typeof type === 'string' ? ` of type "${type.slice(0, 40)}"` : ''}: ${result.error.issues[0]?.message ?? 'invalid'}.`,
    }
  }
  return { success: true as const, data: result.data }
}
