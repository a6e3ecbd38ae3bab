import { describe, expect, it } from 'vitest'
import { summarizeIntegrity } from './integrity.js'

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 2, 9, 0, 0) + seconds * 1000).toISOString()

describe('summarizeIntegrity', () => {
  it('says nothing stood out when the page only reported coming back', () => {
    const summary = summarizeIntegrity([
      { type: 'focus_gained', clientAt: at(1), detail: null },
      { type: 'network_online', clientAt: at(2), detail: null },
    ])
    expect(summary).toMatchObject({ total: 2, secondsHidden: 0, charactersPasted: 0, flags: [] })
  })

  it('adds up time away from hidden to visible, and leaves an unfinished absence out of the sum', () => {
    const summary = summarizeIntegrity([
      { type: 'tab_hidden', clientAt: at(0), detail: null },
      { type: 'tab_hidden', clientAt: at(5), detail: null },
      { type: 'tab_visible', clientAt: at(90), detail: null },
      { type: 'tab_hidden', clientAt: at(200), detail: null },
    ])
    expect(summary.secondsHidden).toBe(90)
    expect(summary.flags).toEqual([
      { type: 'tab_hidden', count: 3, message: 'Left the interview tab 3 times, for 1 min 30 s in all.' },
    ])
  })

  it('counts pasted characters only where the page reported a sane length', () => {
    const summary = summarizeIntegrity([
      { type: 'paste', clientAt: at(0), detail: { length: 40 } },
      { type: 'paste', clientAt: at(1), detail: { length: -3 } },
      { type: 'paste', clientAt: at(2), detail: { length: 'lots' } },
      { type: 'paste', clientAt: null, detail: null },
    ])
    expect(summary.charactersPasted).toBe(40)
    expect(summary.flags[0]?.message).toBe('Pasted text 4 times (40 characters in all).')
  })

  it('orders flags most telling first, says "once", and ignores types it does not know', () => {
    const summary = summarizeIntegrity([
      { type: 'network_offline', clientAt: at(0), detail: null },
      { type: 'focus_lost', clientAt: at(1), detail: null },
      { type: 'devtools_open', clientAt: at(2), detail: null },
      { type: 'made_up', clientAt: at(3), detail: null },
    ])
    expect(summary.total).toBe(4)
    expect(summary.flags.map((flag) => flag.message)).toEqual([
      "Opened the browser's developer tools once.",
      'The interview window lost focus once.',
      'The connection dropped once.',
    ])
  })
})
