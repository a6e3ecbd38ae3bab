import { useRealtimeStatus } from '../../../hooks/use-realtime-status'
import { cn } from '../../../lib/cn'
import type { RealtimeStatus } from '../../../lib/realtime'

const STATES: Record<RealtimeStatus, { label: string; description: string; dot: string; text: string }> = {
  idle: {
    label: 'Connecting…',
    description: 'Connecting for live updates.',
    dot: 'bg-slate-400',
    text: 'text-slate-600',
  },
  connecting: {
    label: 'Connecting…',
    description: 'Connecting for live updates.',
    dot: 'bg-slate-400',
    text: 'text-slate-600',
  },
  live: {
    label: 'Live',
    description: 'Pages update by themselves as candidates apply and interviews progress.',
    dot: 'bg-emerald-500',
    text: 'text-emerald-800',
  },
  reconnecting: {
    label: 'Reconnecting…',
    description: 'Live updates paused; reconnecting by itself. Pages catch up once it is back.',
    dot: 'bg-amber-500',
    text: 'text-amber-900',
  },
  offline: {
    label: 'Offline',
    description: 'No live updates: check your connection. Pages catch up once it is back.',
    dot: 'bg-red-500',
    text: 'text-red-800',
  },
}

/** Whether live updates are flowing, in words (the dot only repeats it), announced when it changes. */
export function ConnectionIndicator() {
  const state = STATES[useRealtimeStatus()]
  return (
    <p
      role="status"
      aria-live="polite"
      title={state.description}
      className={cn(
        'inline-flex min-h-8 items-center gap-1.5 whitespace-nowrap rounded-full bg-slate-100 px-2.5 font-medium text-xs',
        state.text,
      )}
    >
      <span aria-hidden="true" className={cn('size-2 shrink-0 rounded-full', state.dot)} />
      <span className="sr-only">Connection: </span>
      {state.label}
    </p>
  )
}
