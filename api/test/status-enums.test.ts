import { describe, expect, it } from 'vitest'
import { APPLICATION_STATUSES } from '../src/domain/application-status.js'
import { CRON_RUN_STATUSES } from '../src/domain/cron-run.js'
import { EVALUATION_STATUSES } from '../src/domain/evaluation.js'
import { EVIDENCE_KINDS } from '../src/domain/evidence-chain.js'
import { INTERVIEW_STATUSES } from '../src/domain/interview-status.js'
import { VOICE_PACES } from '../src/domain/voice-pace.js'
import {
  ApplicationStatus,
  CronRunStatus,
  EvaluationStatus,
  EvidenceKind,
  InterviewStatus,
  VoicePace,
} from '../src/generated/prisma/enums.js'

// domain/ lists the statuses by hand so the SPA can import them without Prisma; the database's enums must not drift from them.
describe('the statuses in domain/', () => {
  it('are exactly the ones the database stores', () => {
    expect([...INTERVIEW_STATUSES].sort()).toEqual(Object.values(InterviewStatus).sort())
    expect([...APPLICATION_STATUSES].sort()).toEqual(Object.values(ApplicationStatus).sort())
    expect([...EVIDENCE_KINDS].sort()).toEqual(Object.values(EvidenceKind).sort())
    expect([...EVALUATION_STATUSES].sort()).toEqual(Object.values(EvaluationStatus).sort())
    expect([...VOICE_PACES].sort()).toEqual(Object.values(VoicePace).sort())
    expect([...CRON_RUN_STATUSES].sort()).toEqual(Object.values(CronRunStatus).sort())
  })
})
