import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { streamSSE } from 'hono/streaming'
import type { AppEnv } from '../middleware/app-env.js'
import { byInterviewLink } from '../middleware/interview-link.js'
import {
  AnswerBodySchema,
  CandidateInterviewStateResponseSchema,
  ConsentBodySchema,
  EndBodySchema,
  IntegrityEventBodySchema,
  IntegrityEventRecordedSchema,
  InterviewMessageSchema,
  InterviewMessagesSchema,
  ReviewRequestBodySchema,
  ReviewRequestSchema,
} from '../schemas/candidate.js'
import { CandidateInterviewSchema } from '../schemas/interview-links.js'
import { errorResponses, jsonContent, jsonResponse, responseBody } from '../schemas/openapi.js'
import { getCandidateInterview } from '../services/candidate.js'
import {
  endCandidateInterview,
  giveConsent,
  listCandidateMessages,
  recordIntegrityEvent,
  requestHumanReview,
  startCandidateInterview,
  submitCandidateAnswer,
} from '../services/candidate-interview.js'
import { streamInterviewerReply } from '../services/interviewer-replies.js'

const LINK_AUTH =
  'Candidate link token in `X-Interview-Token`. 401 for an unknown, revoked or expired link; 410 when the interview has expired; 429 after too many wrong links from one client.'

const candidateInterviewRoute = createRoute({
  method: 'get',
  path: '/candidate/interview',
  tags: ['Candidates'],
  summary: 'The interview a candidate link opens',
  description: `${LINK_AUTH} Includes consent, the time remaining and progress; an interview past its time limit is ended first.`,
  ...byInterviewLink(),
  responses: {
    200: jsonResponse(CandidateInterviewSchema, 'The interview'),
    ...errorResponses(401, 410, 429),
  },
})

const consentRoute = createRoute({
  method: 'post',
  path: '/candidate/interview/consent',
  tags: ['Candidates'],
  summary: 'Give consent to be interviewed by an AI (and, optionally, to be recorded)',
  description: `${LINK_AUTH} Stored with its time and in the interview's evidence log.`,
  ...byInterviewLink(),
  request: { body: jsonContent(ConsentBodySchema) },
  responses: {
    200: jsonResponse(CandidateInterviewStateResponseSchema, 'Consent recorded'),
    ...errorResponses(400, 401, 409, 410, 429),
  },
})

const startRoute = createRoute({
  method: 'post',
  path: '/candidate/interview/start',
  tags: ['Candidates'],
  summary: 'Start the interview (PENDING → IN_PROGRESS); harmless when repeated',
  description: `${LINK_AUTH} 409 without consent or once the interview has ended. The interviewer's first message is in the transcript.`,
  ...byInterviewLink(),
  responses: {
    200: jsonResponse(CandidateInterviewStateResponseSchema, 'The interview is in progress'),
    ...errorResponses(401, 409, 410, 429),
  },
})

const messagesRoute = createRoute({
  method: 'get',
  path: '/candidate/interview/messages',
  tags: ['Candidates'],
  summary: 'The transcript so far',
  description: LINK_AUTH,
  ...byInterviewLink(),
  responses: {
    200: jsonResponse(InterviewMessagesSchema, 'Messages, oldest first'),
    ...errorResponses(401, 410, 429),
  },
})

const answerRoute = createRoute({
  method: 'post',
  path: '/candidate/interview/messages',
  tags: ['Candidates'],
  summary: "Send an answer; the interviewer's reply streams back",
  description: `${LINK_AUTH} The answer is committed before the reply begins. The response is \`text/event-stream\`: \`token\` events ({ text }), then \`done\` ({ message, interviewStatus }) or \`error\` ({ code, message }); \`reset\` means discard the text so far. Posting the same \`id\` again stores nothing new: it returns the stored reply, or follows the one being generated. 409 when the interview is not in progress, or when an earlier answer still awaits its reply (\`details.pendingAnswerId\`).`,
  ...byInterviewLink(),
  request: { body: jsonContent(AnswerBodySchema) },
  responses: {
    200: {
      description: 'The reply as server-sent events',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    ...errorResponses(400, 401, 409, 410, 429),
  },
})

const eventsRoute = createRoute({
  method: 'post',
  path: '/candidate/interview/events',
  tags: ['Candidates'],
  summary: 'Record an integrity signal from the page (tab hidden, paste, …)',
  description: `${LINK_AUTH} Appended to the evidence log; a flag for a human, never an automatic verdict. At most 60 a minute per interview.`,
  ...byInterviewLink(),
  request: { body: jsonContent(IntegrityEventBodySchema) },
  responses: {
    201: jsonResponse(IntegrityEventRecordedSchema, 'Recorded'),
    ...errorResponses(400, 401, 409, 410, 429),
  },
})

const endRoute = createRoute({
  method: 'post',
  path: '/candidate/interview/end',
  tags: ['Candidates'],
  summary: 'End the interview',
  description: `${LINK_AUTH} Harmless once it has ended; 409 before it has started.`,
  ...byInterviewLink(),
  request: { body: jsonContent(EndBodySchema) },
  responses: {
    200: jsonResponse(CandidateInterviewStateResponseSchema, 'The interview has ended'),
    ...errorResponses(400, 401, 409, 410, 429),
  },
})

const reviewRequestRoute = createRoute({
  method: 'post',
  path: '/candidate/interview/review-request',
  tags: ['Candidates'],
  summary: 'Ask for a person to review the result',
  description: `${LINK_AUTH} Once the interview has ended (409 before). Stored with its time and in the evidence log, and sent to the recruiter; asking again returns the first request unchanged.`,
  ...byInterviewLink(),
  request: { body: jsonContent(ReviewRequestBodySchema) },
  responses: {
    200: jsonResponse(ReviewRequestSchema, 'The review request, as stored'),
    ...errorResponses(400, 401, 409, 410, 429),
  },
})

/** What a candidate sees and does through their link. */
export const candidateRoutes = new OpenAPIHono<AppEnv>()
  .openapi(candidateInterviewRoute, async (c) => {
    const interview = await getCandidateInterview(c.var.services, c.var.actor)
    return c.json(responseBody(CandidateInterviewSchema, { interview }), 200)
  })
  .openapi(consentRoute, async (c) => {
    const state = await giveConsent(c.var.services, c.var.actor, c.req.valid('json'))
    return c.json(responseBody(CandidateInterviewStateResponseSchema, state), 200)
  })
  .openapi(startRoute, async (c) => {
    const state = await startCandidateInterview(c.var.services, c.var.actor)
    return c.json(responseBody(CandidateInterviewStateResponseSchema, state), 200)
  })
  .openapi(messagesRoute, async (c) => {
    const messages = await listCandidateMessages(c.var.services, c.var.actor)
    return c.json(responseBody(InterviewMessagesSchema, { messages }), 200)
  })
  .openapi(answerRoute, async (c) => {
    const services = c.var.services
    // Committed (or found already committed) before the response starts: errors here are plain JSON.
    const { answer } = await submitCandidateAnswer(services, c.var.actor, c.req.valid('json'))
    const interviewId = c.var.actor.kind === 'link' ? c.var.actor.interview.id : ''
    const answerId = c.req.valid('json').id
    const disconnected = new AbortController()
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => disconnected.abort())
      // Queued so that tokens go out in order even though the model does not wait for the socket.
      let writes = Promise.resolve()
      const send = (event: string, data: unknown) => {
        writes = writes
          .then(() => stream.writeSSE({ event, data: JSON.stringify(data) }))
          .catch(() => disconnected.abort())
      }
      send('answer', { message: responseBody(InterviewMessageSchema, answer) })
      const outcome = await streamInterviewerReply(
        services,
        { interviewId, answerId },
        {
          signal: disconnected.signal,
          onToken: (text) => send('token', { text }),
          onReset: () => send('reset', {}),
        },
      )
      if (outcome.kind === 'done')
        send('done', {
          message: responseBody(InterviewMessageSchema, outcome.message),
          interviewStatus: outcome.interviewStatus,
        })
      else send('error', { code: outcome.code, message: outcome.message })
      await writes
    }) as never
  })
  .openapi(eventsRoute, async (c) => {
    const recorded = await recordIntegrityEvent(c.var.services, c.var.actor, c.req.valid('json'))
    return c.json(responseBody(IntegrityEventRecordedSchema, recorded), 201)
  })
  .openapi(endRoute, async (c) => {
    const state = await endCandidateInterview(c.var.services, c.var.actor, c.req.valid('json'))
    return c.json(responseBody(CandidateInterviewStateResponseSchema, state), 200)
  })
  .openapi(reviewRequestRoute, async (c) => {
    const reviewRequest = await requestHumanReview(c.var.services, c.var.actor, c.req.valid('json'))
    return c.json(responseBody(ReviewRequestSchema, { reviewRequest }), 200)
  })
