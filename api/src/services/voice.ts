import { createHmac, randomUUID } from 'node:crypto'
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose'
import type { Actor } from '../domain/actor.js'
import { percentile, summariseSpeech, type TurnSpeech } from '../domain/speech-analytics.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { Config } from '../infra/config.js'
import type { Services } from '../infra/container.js'
import { AppError } from '../lib/errors.js'
import { requireAccount, requireLink } from './access.js'
import { loadInterviewForCandidate } from './candidate-interview.js'
import { appendEvidence } from './evidence.js'
import { assertManaged, checkInterviewLink } from './interview-links.js'

/**
 * Voice interviews' server-side rules: the short-lived ticket that opens the voice socket, the
 * session's marks in the evidence log, and the recruiter's latency and speech report.
 */

/** A ticket opens one socket within this many seconds of being issued. */
export const VOICE_TICKET_TTL_SECONDS = 60
export const VOICE_TICKET_AUDIENCE = 'vantahire:voice'
export const VOICE_SOCKET_PATH = '/api/candidate/interview/voice'

type TicketDeps = Pick<Services, 'prisma' | 'redis' | 'config' | 'speechToText' | 'textToSpeech' | 'realtime'>

/** Voice needs both ears and a voice; without either the candidate is offered text. */
export function isVoiceAvailable(deps: Pick<Services, 'speechToText' | 'textToSpeech'>): boolean {
  return deps.speechToText !== null && deps.textToSpeech !== null
}

/**
 * The key tickets are signed with: derived from APP_SECRET (which production requires to be set and
 * not the development default) for this one purpose, so a ticket can never pass for anything else
 * signed with the app's secret, nor the other way round.
 */
export function voiceTicketKey(config: Pick<Config, 'APP_SECRET'>): Uint8Array {
  return new Uint8Array(createHmac('sha256', config.APP_SECRET).update('vantahire/voice-ticket/v1').digest())
}

/**
 * A ticket for the voice socket: a JWT valid for a minute, usable once, naming the interview and
 * the link it was issued through. The link token itself never goes in a URL; this stands in for it.
 */
export async function issueVoiceTicket(deps: TicketDeps, actor: Actor, options: { now?: Date } = {}) {
  const { interview: linked, linkId } = requireLink(actor)
  // 409, not 503: retrying changes nothing, and the page should offer text instead.
  if (!isVoiceAvailable(deps))
    throw new AppError({
      code: 'CONFLICT',
      message:
        'Voice interviews are not configured on this server. You can take the interview in text instead.',
      details: { reason: 'voice_not_configured', alternative: 'text' },
    })
  const interview = await loadInterviewForCandidate(deps, linked.id)
  if (interview.status !== 'PENDING' && interview.status !== 'IN_PROGRESS')
    throw new AppError({
      code: 'CONFLICT',
      message: 'This interview has ended.',
      details: { status: interview.status },
    })
  const now = options.now ?? new Date()
  const issuedAt = Math.floor(now.getTime() / 1000)
  const expiresAt = issuedAt + VOICE_TICKET_TTL_SECONDS
  const ticket = await new SignJWT({ lid: linkId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(deps.config.API_URL)
    .setAudience(VOICE_TICKET_AUDIENCE)
    .setSubject(interview.id)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(voiceTicketKey(deps.config))
  const query = new URLSearchParams({ interviewId: interview.id, ticket })
  return { ticket, expiresAt: new Date(expiresAt * 1000), url: `${VOICE_SOCKET_PATH}?${query}` }
}

/**
 * Checks a ticket and uses it up: signature, issuer, audience and expiry; the interview it names
 * must be the one asked for; it must not have been used; and its link must still open the
 * interview. Returns the candidate as the link check would have.
 */
export async function redeemVoiceTicket(
  deps: TicketDeps,
  input: { ticket: string; interviewId: string; now?: Date },
): Promise<Extract<Actor, { kind: 'link' }>> {
  const now = input.now ?? new Date()
  let claims: { sub?: string; jti?: string; exp?: number; lid?: unknown }
  try {
    const verified = await jwtVerify(input.ticket, voiceTicketKey(deps.config), {
      issuer: deps.config.API_URL,
      audience: VOICE_TICKET_AUDIENCE,
      algorithms: ['HS256'],
      currentDate: now,
      requiredClaims: ['sub', 'jti', 'exp', 'lid'],
    })
    claims = verified.payload
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired)
      throw new AppError({
        code: 'UNAUTHORIZED',
        message: 'This voice ticket has expired; ask for a new one.',
      })
    throw new AppError({ code: 'UNAUTHORIZED', message: 'This voice ticket is not valid.' })
  }
  if (claims.sub !== input.interviewId || typeof claims.lid !== 'string')
    throw new AppError({ code: 'FORBIDDEN', message: 'This voice ticket is for another interview.' })
  const remainingMs = Math.max(1000, (claims.exp ?? 0) * 1000 - now.getTime() + 1000)
  // Remembered until it would have expired anyway: after that the signature check refuses it.
  const isFirstUse = await deps.redis.set(`voice-ticket:${claims.jti}`, '1', 'PX', remainingMs, 'NX')
  if (isFirstUse !== 'OK')
    throw new AppError({
      code: 'UNAUTHORIZED',
      message: 'This voice ticket has already been used; ask for a new one.',
    })
  const check = await checkInterviewLink(deps, { linkId: claims.lid, now })
  switch (check.status) {
    case 'valid':
      if (check.link.interview.id !== input.interviewId)
        throw new AppError({ code: 'FORBIDDEN', message: 'This voice ticket is for another interview.' })
      return { kind: 'link', ...check.link }
    case 'interview-expired':
      throw new AppError({ code: 'GONE', message: 'Interview has expired' })
    case 'revoked':
      throw new AppError({ code: 'UNAUTHORIZED', message: 'Interview access has been revoked' })
    default:
      throw new AppError({ code: 'UNAUTHORIZED', message: 'Interview link has expired' })
  }
}

export type VoiceEvidenceEvent = 'session_started' | 'session_ended' | 'switched_to_text'

/** Marks a voice session's start, end or switch to text in the interview's evidence log. */
export async function recordVoiceEvidence(
  deps: Pick<Services, 'prisma'>,
  input: { interviewId: string; linkId: string; event: VoiceEvidenceEvent; detail?: Record<string, string> },
) {
  const now = new Date()
  return deps.prisma.$transaction((tx) =>
    appendEvidence(tx, {
      interviewId: input.interviewId,
      kind: 'voice',
      payload: { event: input.event, linkId: input.linkId, ...(input.detail ?? {}) },
      occurredAt: now,
    }),
  )
}

/** A talk-over or cut-off, for the recruiter's voice report. */
export async function recordVoiceIncident(
  deps: Pick<Services, 'prisma'>,
  input: { interviewId: string; kind: 'talk_over' | 'cut_off'; messageId: string | null; occurredAt: Date },
) {
  await deps.prisma.voiceIncident.create({ data: input, select: { id: true } })
}

/** Sums the stored turns' speech measures into the interview's, with the talk ratio from the interviewer's spoken turns. */
export async function storeSpeechAnalytics(deps: Pick<Services, 'prisma'>, input: { interviewId: string }) {
  const messages = await deps.prisma.interviewMessage.findMany({
    where: {
      interviewId: input.interviewId,
      OR: [{ speech: { not: { equals: null } } }, { startedSpeakingAt: { not: null } }],
    },
    select: { role: true, speech: true, startedSpeakingAt: true, endedSpeakingAt: true },
  })
  const turns = messages.flatMap((message) =>
    message.role === 'user' && message.speech ? [message.speech as unknown as TurnSpeech] : [],
  )
  const interviewerSpeakingSeconds = messages
    .filter((message) => message.role === 'assistant' && message.startedSpeakingAt && message.endedSpeakingAt)
    .reduce(
      (sum, message) =>
        sum +
        Math.max(
          0,
          (message.endedSpeakingAt as Date).getTime() - (message.startedSpeakingAt as Date).getTime(),
        ) /
          1000,
      0,
    )
  const summary = summariseSpeech({ turns, interviewerSpeakingSeconds })
  await deps.prisma.interview.update({
    where: { id: input.interviewId },
    data: { speechAnalytics: summary as Prisma.InputJsonValue },
  })
  return summary
}

/** Response gaps (p50/p95), talk-overs and cut-offs, and the speech measures, for the interview's recruiter. */
export async function getVoiceReport(
  deps: Pick<Services, 'prisma'>,
  actor: Actor,
  input: { interviewId: string },
) {
  const account = requireAccount(actor)
  const found = await deps.prisma.interview.findUnique({
    where: { id: input.interviewId },
    select: {
      id: true,
      recruiterId: true,
      voicePace: true,
      speechAnalytics: true,
      messages: {
        where: { role: 'assistant', startedSpeakingAt: { not: null } },
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          responseGapMs: true,
          isInterrupted: true,
          startedSpeakingAt: true,
          endedSpeakingAt: true,
        },
      },
      voiceIncidents: {
        orderBy: { occurredAt: 'asc' },
        select: { kind: true, occurredAt: true, messageId: true },
      },
    },
  })
  const interview = assertManaged(found, account)
  const gaps = interview.messages.flatMap((message) =>
    message.responseGapMs === null ? [] : [message.responseGapMs],
  )
  return {
    interviewId: interview.id,
    pace: interview.voicePace,
    responseGapMs: {
      count: gaps.length,
      p50: percentile(gaps, 50),
      p95: percentile(gaps, 95),
      max: gaps.length > 0 ? Math.max(...gaps) : null,
    },
    turns: interview.messages.map((message) => ({ messageId: message.id, ...message })),
    incidents: interview.voiceIncidents.map((incident) => ({
      ...incident,
      kind: incident.kind as 'talk_over' | 'cut_off',
    })),
    speech: interview.speechAnalytics as never,
  }
}
