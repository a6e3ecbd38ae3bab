// What the app shell and pages use of invites: the interview's section, bulk invites, the outbox, live updates.
export { BulkInvite } from './components/bulk-invite'
export { InvitesSection } from './components/invites-section'
export { OutboxList } from './components/outbox-list'
export { useInviteEvents } from './hooks/use-invite-events'
