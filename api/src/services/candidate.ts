import type { Actor } from '../domain/actor.js'
import type { Services } from '../infra/container.js'
import { requireLink } from './access.js'
import { describeInterviewState, loadInterviewForCandidate } from './candidate-interview.js'
import { isRecordingAvailable } from './recordings.js'
import { isVoiceAvailable } from './voice.js'

/** What a candidate sees of the interview their link opens, with the recruiter's branding. */
export async function getCandidateInterview(
  deps: Pick<
    Services,
    'prisma' | 'realtime' | 'languageModel' | 'speechToText' | 'textToSpeech' | 'objectStorage'
  >,
  actor: Actor,
) {
  const { interview: linked } = requireLink(actor)
  // Read afresh: the link check's copy predates a time limit this request may be the first to notice.
  const current = await loadInterviewForCandidate(deps, linked.id)
  const interview = { ...linked, status: current.status }
  const profile = await deps.prisma.recruiterProfile.findUnique({
    where: { userId: interview.recruiterId },
    select: { companyName: true, brandColor: true, logoFileId: true },
  })
  return {
    id: interview.id,
    jobRole: interview.jobRole,
    type: interview.type,
    status: interview.status,
    timeLimitMinutes: interview.timeLimitMinutes,
    expiresAt: interview.expiresAt,
    candidateName: interview.candidateName,
    company: {
      name: profile?.companyName ?? null,
      brandColor: profile?.brandColor ?? null,
      logoFileId: profile?.logoFileId ?? null,
    },
    state: await describeInterviewState(deps, current),
    /** Whether this server can hold the interview by voice; when not, the page offers text. */
    voice: { available: isVoiceAvailable(deps) },
    /** Whether this server keeps recordings; when not, the page says recording is off. */
    recording: { available: isRecordingAvailable(deps) },
  }
}
