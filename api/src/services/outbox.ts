import type { Actor } from '../domain/actor.js'
import type { DeliveryChannel } from '../domain/delivery-status.js'
import { Prisma } from '../generated/prisma/client.js'
import type { Services } from '../infra/container.js'
import { queryRows } from '../infra/db.js'
import { toPage } from '../schemas/pagination.js'
import { requireAccount } from './access.js'
import { deliveryModes } from './invites.js'
import { afterCursorSql, allOf, orderBySql, type SortKey } from './pages.js'

const { sql } = Prisma

const NEWEST_MESSAGES: SortKey[] = [
  { column: 'createdAt', direction: 'desc' },
  { column: 'id', direction: 'desc' },
]

/**
 * The messages kept instead of sent while no provider is configured, newest first: a recruiter's
 * own interviews' messages and those to the recruiter themselves, or everyone's for an admin.
 */
export async function listOutbox(
  deps: Pick<Services, 'pgPool' | 'emailSender' | 'whatsAppSender'>,
  actor: Actor,
  input: { channel?: DeliveryChannel; cursor?: string; limit: number },
) {
  const account = requireAccount(actor)
  const conditions: Prisma.Sql[] = []
  // Each side of "theirs" on its own index: their interviews' messages, and messages to them.
  if (!account.isAdmin)
    conditions.push(sql`t.id IN (
      SELECT o.id FROM "OutboxMessage" o JOIN "Interview" i ON i.id = o."interviewId"
        WHERE i."recruiterId" = ${account.userId}
      UNION ALL
      SELECT o.id FROM "OutboxMessage" o WHERE o."userId" = ${account.userId})`)
  if (input.channel) conditions.push(sql`t.channel = ${input.channel}`)
  if (input.cursor) conditions.push(afterCursorSql('OutboxMessage', NEWEST_MESSAGES, input.cursor))
  const rows = await queryRows<{
    id: string
    channel: string
    interviewId: string | null
    recipient: string
    subject: string | null
    textContent: string
    htmlContent: string | null
    createdAt: Date
    candidateName: string | null
    jobRole: string | null
  }>(
    deps.pgPool,
    sql`
    SELECT t.id, t.channel, t."interviewId", t.recipient, t.subject, t."textContent", t."htmlContent",
      t."createdAt", i."candidateName", i."jobRole"
    FROM "OutboxMessage" t LEFT JOIN "Interview" i ON i.id = t."interviewId"
    WHERE ${allOf(conditions)}
    ORDER BY ${orderBySql(NEWEST_MESSAGES)}
    LIMIT ${input.limit + 1}`,
  )
  const page = toPage(rows, input.limit, ({ channel, ...row }) => ({
    ...row,
    channel: channel === 'whatsapp' ? ('whatsapp' as const) : ('email' as const),
  }))
  return { ...page, delivery: deliveryModes(deps) }
}
