/**
 * Integrity signals from the candidate's page (a hidden tab, a paste, …) and the summary a recruiter
 * reads. They are flags for a person to weigh, never a verdict: a candidate may switch tabs to read
 * the job description, and a flaky network looks like leaving.
 */
export const INTEGRITY_EVENT_TYPES = [
  'tab_hidden',
  'tab_visible',
  'focus_lost',
  'focus_gained',
  'paste',
  'copy',
  'fullscreen_exit',
  'fullscreen_enter',
  'devtools_open',
  'multiple_displays',
  'network_offline',
  'network_online',
] as const
export type IntegrityEventType = (typeof INTEGRITY_EVENT_TYPES)[number]

/** One signal as the evidence log holds it. */
export type IntegritySignal = {
  type: string
  /** The page's clock when it happened (ISO), or null when unknown. */
  clientAt: string | null
  detail: unknown
}

export type IntegrityFlag = { type: IntegrityEventType; count: number; message: string }

export type IntegritySummary = {
  /** Every signal recorded, the "back again" ones included. */
  total: number
  counts: Partial<Record<IntegrityEventType, number>>
  /** Seconds the page was hidden, from each `tab_hidden` to the next `tab_visible`. */
  secondsHidden: number
  /** Characters pasted into answers, where the page reported them. */
  charactersPasted: number
  /** What a person might want to look at, most telling first; empty when nothing stood out. */
  flags: IntegrityFlag[]
}

const times = (count: number) => (count === 1 ? 'once' : `${count} times`)

function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`
}

const isKnownType = (type: string): type is IntegrityEventType =>
  (INTEGRITY_EVENT_TYPES as readonly string[]).includes(type)

function pastedLength(detail: unknown): number {
  if (typeof detail !== 'object' || detail === null) return 0
  const length = (detail as Record<string, unknown>).length
  return typeof length === 'number' && Number.isFinite(length) && length > 0 ? Math.floor(length) : 0
}

/** Counts the signals and says, in plain words, which ones a person may want to look at. */
export function summarizeIntegrity(signals: readonly IntegritySignal[]): IntegritySummary {
  const counts: Partial<Record<IntegrityEventType, number>> = {}
  let hiddenSince: number | null = null
  let hiddenMs = 0
  let charactersPasted = 0
  for (const signal of signals) {
    if (!isKnownType(signal.type)) continue
    counts[signal.type] = (counts[signal.type] ?? 0) + 1
    const at = signal.clientAt ? Date.parse(signal.clientAt) : Number.NaN
    if (signal.type === 'tab_hidden' && hiddenSince === null && Number.isFinite(at)) hiddenSince = at
    if (signal.type === 'tab_visible' && hiddenSince !== null && Number.isFinite(at)) {
      hiddenMs += Math.max(0, at - hiddenSince)
      hiddenSince = null
    }
    if (signal.type === 'paste') charactersPasted += pastedLength(signal.detail)
  }
  const secondsHidden = Math.round(hiddenMs / 1000)

  const flags: IntegrityFlag[] = []
  const flag = (type: IntegrityEventType, message: (count: number) => string) => {
    const count = counts[type] ?? 0
    if (count > 0) flags.push({ type, count, message: message(count) })
  }
  flag('paste', (count) =>
    charactersPasted > 0
      ? `Pasted text ${times(count)} (${charactersPasted} characters in all).`
      : `Pasted text ${times(count)}.`,
  )
  flag('tab_hidden', (count) =>
    secondsHidden > 0
      ? `Left the interview tab ${times(count)}, for ${durationText(secondsHidden)} in all.`
      : `Left the interview tab ${times(count)}.`,
  )
  flag('devtools_open', (count) => `Opened the browser's developer tools ${times(count)}.`)
  flag('multiple_displays', () => 'More than one display was connected.')
  flag('focus_lost', (count) => `The interview window lost focus ${times(count)}.`)
  flag('fullscreen_exit', (count) => `Left full screen ${times(count)}.`)
  flag('copy', (count) => `Copied text from the page ${times(count)}.`)
  flag('network_offline', (count) => `The connection dropped ${times(count)}.`)

  return { total: signals.length, counts, secondsHidden, charactersPasted, flags }
}
