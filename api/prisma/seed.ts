// npm run db:seed — demo data to try VantaHire locally: an admin, a recruiter with a company profile
// and an approved job, a candidate, and a pending interview with a working candidate link.
// Safe to run again: people and the job are matched by email and title, and a fresh link is issued.
import { ConfigError, loadConfig } from '../src/infra/config.js'
import { createDatabase } from '../src/infra/db.js'
import { loadDotEnv } from '../src/infra/env-file.js'
import { createLogger } from '../src/infra/logger.js'
import { createInterviewLink } from '../src/services/interview-links.js'

const DEMO = {
  admin: { email: 'admin@vantahire.test', fullName: 'Ada Admin' },
  recruiter: { email: 'recruiter@vantahire.test', fullName: 'Riley Recruiter', company: 'Northwind Labs' },
  candidate: { email: 'candidate@vantahire.test', fullName: 'Casey Candidate' },
  job: { title: 'Senior Frontend Engineer' },
}

loadDotEnv()
let config: ReturnType<typeof loadConfig>
try {
  config = loadConfig()
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error)
  process.exit(1)
}
const logger = createLogger({ level: 'warn' })
const { prisma, pool } = createDatabase({ url: config.DATABASE_URL, poolSize: 2, logger })

try {
  const admin = await prisma.user.upsert({
    where: { email: DEMO.admin.email },
    update: {},
    create: { ...DEMO.admin, role: 'ADMIN', provider: 'dev', providerId: DEMO.admin.email },
  })
  const recruiter = await prisma.user.upsert({
    where: { email: DEMO.recruiter.email },
    update: {},
    create: {
      email: DEMO.recruiter.email,
      fullName: DEMO.recruiter.fullName,
      role: 'RECRUITER',
      provider: 'dev',
      providerId: DEMO.recruiter.email,
      recruiterProfile: {
        create: {
          companyName: DEMO.recruiter.company,
          brandColor: '#4f46e5',
          emailIntro:
            'Thanks for your interest in Northwind Labs. Your first interview is with our AI interviewer.',
          emailTips: 'Find a quiet place, check your microphone, and take your time with each answer.',
          emailCtaText: 'Start your interview',
        },
      },
    },
  })
  const candidate = await prisma.user.upsert({
    where: { email: DEMO.candidate.email },
    update: {},
    create: {
      email: DEMO.candidate.email,
      fullName: DEMO.candidate.fullName,
      role: 'CANDIDATE',
      provider: 'dev',
      providerId: DEMO.candidate.email,
      candidateProfile: {
        create: {
          fullName: DEMO.candidate.fullName,
          email: DEMO.candidate.email,
          bio: 'Frontend engineer who enjoys accessible, fast interfaces.',
          skills: ['TypeScript', 'React', 'Accessibility'],
          experienceYears: 6,
        },
      },
    },
  })
  const job =
    (await prisma.job.findFirst({ where: { recruiterId: recruiter.id, title: DEMO.job.title } })) ??
    (await prisma.job.create({
      data: {
        recruiterId: recruiter.id,
        title: DEMO.job.title,
        description: 'Build the interfaces recruiters and candidates use every day.',
        department: 'Engineering',
        location: 'Remote (EU)',
        jobType: 'FULL_TIME',
        salaryRange: '€80k–€100k',
        status: 'ACTIVE',
        approvalStatus: 'APPROVED',
        approvedAt: new Date(),
        approvedBy: admin.id,
      },
    }))
  const interview =
    (await prisma.interview.findFirst({
      where: { recruiterId: recruiter.id, candidateEmail: candidate.email, status: 'PENDING' },
    })) ??
    (await prisma.interview.create({
      data: {
        recruiterId: recruiter.id,
        jobId: job.id,
        candidateEmail: candidate.email,
        candidateName: DEMO.candidate.fullName,
        candidateUserId: candidate.id,
        jobRole: DEMO.job.title,
        type: 'TEXT',
        timeLimitMinutes: 30,
        expiresAt: new Date(Date.now() + 14 * 24 * 60 * 60 * 1000),
      },
    }))
  const link = await createInterviewLink(prisma, {
    frontendUrl: config.FRONTEND_URL,
    interviewId: interview.id,
  })

  console.log(`Seeded VantaHire demo data:
  admin      ${admin.email}
  recruiter  ${recruiter.email} (${DEMO.recruiter.company})
  candidate  ${candidate.email}
  job        ${job.title} (approved, active)
  interview  ${interview.jobRole} for ${interview.candidateEmail} (pending)
  link       ${link.interviewUrl}  (valid until ${link.expiresAt.toISOString()})`)
} finally {
  await prisma.$disconnect()
  await pool.end()
}
