import type { Prisma } from '../generated/prisma/client.js'
import type { Services } from '../infra/container.js'
import { isUniqueViolation } from '../lib/errors.js'
import { escapeHtml } from '../lib/invite-message.js'
import { buildBrevoBody, type OutgoingEmail } from '../providers/email.js'
import { sweepEach } from './sweeps.js'

/** The one kind of reminder so far: the recruiter's set-up is unfinished. */
export const SETUP_REMINDER = 'setup_incomplete'

/** What a recruiter's set-up asks of them, in the order the reminder lists it. */
export const SETUP_TASKS = ['company_name', 'company_logo', 'first_job', 'first_interview'] as const
export type SetupTask = (typeof SETUP_TASKS)[number]

const DAY_MS = 24 * 60 * 60 * 1000
/** A new recruiter gets a day before the first reminder, and none after four weeks. */
const FIRST_REMINDER_AFTER_MS = DAY_MS
const LAST_REMINDER_BEFORE_MS = 28 * DAY_MS
/** Recruiters one run reminds at most; the next run takes the rest of the period's. */
const REMINDER_BATCH = 200

type ReminderDeps = Pick<Services, 'prisma' | 'config' | 'logger' | 'emailSender'>

/** The ISO week `now` falls in (`2026-W49`): one reminder of a kind per recruiter and week. */
export function reminderPeriod(now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  // The ISO week is the one holding this week's Thursday.
  day.setUTCDate(day.getUTCDate() + 3 - ((day.getUTCDay() + 6) % 7))
  const yearStart = new Date(Date.UTC(day.getUTCFullYear(), 0, 1))
  const week = 1 + Math.floor((day.getTime() - yearStart.getTime()) / (7 * DAY_MS))
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`
}

const RECRUITER_SELECT = {
  id: true,
  email: true,
  fullName: true,
  recruiterProfile: { select: { companyName: true, logoFileId: true } },
  _count: { select: { jobs: true, interviews: true } },
} as const satisfies Prisma.UserSelect

type Recruiter = Prisma.UserGetPayload<{ select: typeof RECRUITER_SELECT }>

export function pendingSetupTasks(recruiter: Recruiter): SetupTask[] {
  const profile = recruiter.recruiterProfile
  const isDone: Record<SetupTask, boolean> = {
    company_name: Boolean(profile?.companyName?.trim()),
    company_logo: Boolean(profile?.logoFileId),
    first_job: recruiter._count.jobs > 0,
    first_interview: recruiter._count.interviews > 0,
  }
  return SETUP_TASKS.filter((task) => !isDone[task])
}

/**
 * Reminds recruiters whose set-up is unfinished (no company name or logo, no job, no interview),
 * from a day to four weeks after they signed up, at most once a week. The reminder is recorded in
 * `OnboardingReminder` before it is sent: its unique index on (recruiter, kind, week) makes a second
 * run, or a second instance, skip the recruiter. It is sent through Brevo, or kept in the outbox
 * when no email provider is configured. A send that fails removes its record, so a later run tries
 * again; it is counted, and the other recruiters go on.
 */
export async function sendOnboardingReminders(deps: ReminderDeps, now = new Date()) {
  const period = reminderPeriod(now)
  const recruiters = await deps.prisma.user.findMany({
    where: {
      role: 'RECRUITER',
      disabledAt: null,
      createdAt: {
        lte: new Date(now.getTime() - FIRST_REMINDER_AFTER_MS),
        gte: new Date(now.getTime() - LAST_REMINDER_BEFORE_MS),
      },
      onboardingReminders: { none: { reminderType: SETUP_REMINDER, period } },
      OR: [
        { recruiterProfile: null },
        { recruiterProfile: { companyName: null } },
        { recruiterProfile: { companyName: '' } },
        { recruiterProfile: { logoFileId: null } },
        { jobs: { none: {} } },
        { interviews: { none: {} } },
      ],
    },
    select: RECRUITER_SELECT,
    orderBy: { createdAt: 'asc' },
    take: REMINDER_BATCH,
  })
  const result = await sweepEach(
    {
      items: recruiters,
      logger: deps.logger,
      describe: (recruiter) => ({ userId: recruiter.id }),
      what: 'onboarding reminder',
    },
    async (recruiter) => {
      const tasks = pendingSetupTasks(recruiter)
      if (tasks.length === 0) return undefined
      const isSent = await remindRecruiter(deps, { recruiter, tasks, period })
      return isSent ? { sent: 1, alreadySent: 0 } : { sent: 0, alreadySent: 1 }
    },
  )
  return { sent: 0, alreadySent: 0, ...result }
}

/** Records and sends one reminder; false when this period's was already recorded. */
async function remindRecruiter(
  deps: ReminderDeps,
  input: { recruiter: Recruiter; tasks: SetupTask[]; period: string },
): Promise<boolean> {
  const { recruiter, tasks, period } = input
  const { emailSender } = deps
  const transport = emailSender.isConfigured ? 'brevo' : 'outbox'
  let reminderId: string
  try {
    reminderId = await deps.prisma.$transaction(async (tx) => {
      const reminder = await tx.onboardingReminder.create({
        data: { userId: recruiter.id, reminderType: SETUP_REMINDER, tasksPending: tasks, period, transport },
        select: { id: true },
      })
      if (!emailSender.isConfigured) {
        const email = buildReminderEmail(deps.config.FRONTEND_URL, recruiter, tasks, reminder.id)
        await tx.outboxMessage.create({
          data: {
            channel: 'email',
            userId: recruiter.id,
            recipient: recruiter.email,
            subject: email.subject,
            htmlContent: email.htmlContent,
            textContent: email.textContent,
            payload: buildBrevoBody(emailSender.sender, email),
          },
        })
      }
      return reminder.id
    })
  } catch (error) {
    if (isUniqueViolation(error)) return false
    throw error
  }
  if (!emailSender.isConfigured) return true
  try {
    await emailSender.send(buildReminderEmail(deps.config.FRONTEND_URL, recruiter, tasks, reminderId))
  } catch (error) {
    await deps.prisma.onboardingReminder.delete({ where: { id: reminderId } }).catch(() => undefined)
    throw error
  }
  return true
}

const TASK_TEXT: Record<SetupTask, { label: string; path: string }> = {
  company_name: { label: 'Add your company name', path: '/account' },
  company_logo: { label: 'Upload your company logo', path: '/account' },
  first_job: { label: 'Post your first job', path: '/jobs/new' },
  first_interview: { label: 'Create your first AI interview', path: '/interviews/new' },
}

export function buildReminderEmail(
  frontendUrl: string,
  recruiter: Pick<Recruiter, 'email' | 'fullName'>,
  tasks: SetupTask[],
  reminderId: string,
): OutgoingEmail {
  const greeting = recruiter.fullName ? `Hi ${recruiter.fullName},` : 'Hi,'
  const items = tasks.map((task) => ({
    ...TASK_TEXT[task],
    url: new URL(TASK_TEXT[task].path, frontendUrl).href,
  }))
  const textContent = [
    greeting,
    '',
    'Your VantaHire account is nearly ready. Still to do:',
    ...items.map((item) => `- ${item.label}: ${item.url}`),
    '',
    'The VantaHire team',
  ].join('\n')
  const htmlContent = [
    `<p>${escapeHtml(greeting)}</p>`,
    '<p>Your VantaHire account is nearly ready. Still to do:</p>',
    '<ul>',
    ...items.map((item) => `<li><a href="${escapeHtml(item.url)}">${escapeHtml(item.label)}</a></li>`),
    '</ul>',
    '<p>The VantaHire team</p>',
  ].join('\n')
  return {
    to: recruiter.fullName
      ? { email: recruiter.email, name: recruiter.fullName }
      : { email: recruiter.email },
    subject: 'Finish setting up VantaHire',
    htmlContent,
    textContent,
    reference: `onboarding-reminder:${reminderId}`,
    tags: ['onboarding-reminder'],
  }
}
