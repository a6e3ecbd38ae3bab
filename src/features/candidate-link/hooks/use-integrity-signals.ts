import { useEffect } from 'react'
import {
  type IntegrityEvent,
  type IntegrityEventType,
  recordIntegrityEvent,
} from '../api/record-integrity-event'

/** Below the server's 60 a minute, so a flapping window never spends the interview's budget. */
const MAX_EVENTS_PER_MINUTE = 50
const MAX_QUEUED_OFFLINE = 20

/**
 * While `isActive`, reports what the candidate's consent step told them is recorded: leaving and
 * returning to the tab or window, pasting (the length only, never the text) and losing the
 * connection. Signals raised offline are sent, with their own times, once the connection is back.
 * Best effort throughout: nothing here can block, slow or interrupt the interview.
 */
export function useIntegritySignals(token: string, isActive: boolean): void {
  useEffect(() => {
    if (!isActive) return
    const offlineQueue: IntegrityEvent[] = []
    let sentAt: number[] = []

    const send = (event: IntegrityEvent) => {
      const now = Date.now()
      sentAt = sentAt.filter((time) => now - time < 60_000)
      if (sentAt.length >= MAX_EVENTS_PER_MINUTE) return
      sentAt.push(now)
      recordIntegrityEvent(token, event)
    }
    const signal = (type: IntegrityEventType, detail?: IntegrityEvent['detail']) => {
      const event: IntegrityEvent = { type, at: new Date().toISOString(), ...(detail ? { detail } : {}) }
      if (!navigator.onLine) {
        if (offlineQueue.length < MAX_QUEUED_OFFLINE) offlineQueue.push(event)
        return
      }
      send(event)
    }

    const onVisibilityChange = () =>
      signal(document.visibilityState === 'hidden' ? 'tab_hidden' : 'tab_visible')
    const onBlur = () => signal('focus_lost')
    const onFocus = () => signal('focus_gained')
    const onPaste = (event: ClipboardEvent) =>
      signal('paste', { length: event.clipboardData?.getData('text').length ?? 0 })
    const onOffline = () => signal('network_offline')
    const onOnline = () => {
      for (const event of offlineQueue.splice(0)) send(event)
      signal('network_online')
    }

    document.addEventListener('visibilitychange', onVisibilityChange)
    window.addEventListener('blur', onBlur)
    window.addEventListener('focus', onFocus)
    document.addEventListener('paste', onPaste)
    window.addEventListener('offline', onOffline)
    window.addEventListener('online', onOnline)
    return () => {
      document.removeEventListener('visibilitychange', onVisibilityChange)
      window.removeEventListener('blur', onBlur)
      window.removeEventListener('focus', onFocus)
      document.removeEventListener('paste', onPaste)
      window.removeEventListener('offline', onOffline)
      window.removeEventListener('online', onOnline)
    }
  }, [token, isActive])
}
