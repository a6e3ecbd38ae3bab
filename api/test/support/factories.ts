import type { Database } from '../../src/infra/db.js'
import { createInterviewLink } from '../../src/services/interview-links.js'
import { uniqueEmail } from './http.js'

/** Small factories with unique values, so test files never share rows. */
export async function createUser(
  prisma: Database,
  options: { role?: 'RECRUITER' | 'CANDIDATE' | 'ADMIN'; email?: string } = {},
) {
  const email = options.email ?? uniqueEmail((options.role ?? 'RECRUITER').toLowerCase())
  return prisma.user.create({
    data: { email, role: options.role ?? 'RECRUITER', provider: 'dev', providerId: email },
    select: { id: true, email: true, role: true },
  })
}

export async function createInterview(
  prisma: Database,
  options: {
    recruiterId: string
    status?: 'PENDING' | 'IN_PROGRESS' | 'COMPLETED' | 'EXPIRED'
    expiresAt?: Date
  },
) {
  return prisma.interview.create({
    data: {
      recruiterId: options.recruiterId,
      candidateEmail: uniqueEmail('candidate'),
      candidateName: 'Casey Candidate',
      jobRole: 'Backend Engineer',
      status: options.status ?? 'PENDING',
      expiresAt: options.expiresAt,
    },
    select: { id: true, recruiterId: true },
  })
}

/** An interview with one live candidate link; returns the link's token. */
export async function createInterviewWithLink(
  prisma: Database,
  options: { recruiterId: string; frontendUrl?: string; linkExpiresAt?: Date },
) {
  const interview = await createInterview(prisma, { recruiterId: options.recruiterId })
  const link = await createInterviewLink(prisma, {
    frontendUrl: options.frontendUrl ?? 'http://localhost:5173',
    interviewId: interview.id,
    expiresAt: options.linkExpiresAt,
  })
  return { interview, link }
}
