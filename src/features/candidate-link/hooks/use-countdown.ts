import { useEffect, useState } from 'react'

/**
 * Whole seconds left until a deadline the server gave as "`remainingSeconds` from when this answer
 * arrived" (`receivedAt`, a `Date.now()` value). The server's figure stays the truth: each fresh
 * answer restarts the count, so the page's clock never drifts far from it.
 */
export function useCountdown(remainingSeconds: number, receivedAt: number): number {
  const deadline = receivedAt + remainingSeconds * 1000
  const secondsUntil = () => Math.max(0, Math.ceil((deadline - Date.now()) / 1000))
  const [secondsLeft, setSecondsLeft] = useState(secondsUntil)
  useEffect(() => {
    const tick = () => setSecondsLeft(Math.max(0, Math.ceil((deadline - Date.now()) / 1000)))
    tick()
    const timer = window.setInterval(tick, 1000)
    return () => window.clearInterval(timer)
  }, [deadline])
  return secondsLeft
}
