import type { StatusTone } from '../../../components/ui/status-badge'
import type { InviteStatus } from '../api/list-invites'

export const INVITE_STATUS_NAMES: Record<InviteStatus, { label: string; tone: StatusTone }> = {
  pending: { label: 'Pending', tone: 'neutral' },
  sent: { label: 'Sent', tone: 'neutral' },
  delivered: { label: 'Delivered', tone: 'ok' },
  opened: { label: 'Opened', tone: 'ok' },
  read: { label: 'Read', tone: 'ok' },
  bounced: { label: 'Bounced', tone: 'down' },
  failed: { label: 'Failed', tone: 'down' },
}

export const CHANNEL_NAMES = { email: 'Email', whatsapp: 'WhatsApp' } as const
