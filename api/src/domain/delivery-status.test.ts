import { describe, expect, it } from 'vitest'
import { applyDeliveryReport, BREVO_EVENT_STATUS, type DeliveryStatus } from './delivery-status.js'

describe('applyDeliveryReport', () => {
  it('moves a message forward along pending → sent → delivered → opened', () => {
    expect(applyDeliveryReport('pending', 'sent')).toEqual({
      status: 'sent',
      isChanged: true,
      timestampField: 'sentAt',
    })
    expect(applyDeliveryReport('sent', 'delivered')).toMatchObject({ status: 'delivered', isChanged: true })
    expect(applyDeliveryReport('delivered', 'opened')).toMatchObject({ status: 'opened', isChanged: true })
  })

  it('never moves backwards, but records when a passed stage happened', () => {
    expect(applyDeliveryReport('opened', 'delivered')).toEqual({
      status: 'opened',
      isChanged: false,
      timestampField: 'deliveredAt',
    })
    expect(applyDeliveryReport('read', 'sent')).toEqual({
      status: 'read',
      isChanged: false,
      timestampField: 'sentAt',
    })
  })

  it('allows skipping stages (WhatsApp may report read without delivered)', () => {
    expect(applyDeliveryReport('sent', 'read')).toEqual({
      status: 'read',
      isChanged: true,
      timestampField: 'readAt',
    })
  })

  it('takes a failure only while the message is not known to have arrived', () => {
    expect(applyDeliveryReport('pending', 'failed')).toMatchObject({ status: 'failed', isChanged: true })
    expect(applyDeliveryReport('sent', 'bounced')).toEqual({
      status: 'bounced',
      isChanged: true,
      timestampField: 'bouncedAt',
    })
    for (const arrived of ['delivered', 'opened', 'read'] as DeliveryStatus[]) {
      expect(applyDeliveryReport(arrived, 'bounced')).toEqual({
        status: arrived,
        isChanged: false,
        timestampField: undefined,
      })
    }
  })

  it('keeps failures final: nothing moves a bounced or failed message', () => {
    for (const reported of ['sent', 'delivered', 'opened', 'read', 'failed'] as DeliveryStatus[]) {
      expect(applyDeliveryReport('bounced', reported)).toEqual({
        status: 'bounced',
        isChanged: false,
        timestampField: undefined,
      })
      expect(applyDeliveryReport('failed', reported).status).toBe('failed')
    }
  })

  it('is idempotent: a repeated report changes nothing the second time', () => {
    const first = applyDeliveryReport('sent', 'delivered')
    expect(applyDeliveryReport(first.status, 'delivered').isChanged).toBe(false)
  })

  it('ignores a report of "pending"', () => {
    expect(applyDeliveryReport('sent', 'pending')).toEqual({
      status: 'sent',
      isChanged: false,
      timestampField: undefined,
    })
  })
})

describe('Brevo events', () => {
  it('leave temporary problems and after-delivery events without a status', () => {
    for (const event of ['soft_bounce', 'deferred', 'spam', 'unsubscribed']) {
      expect(BREVO_EVENT_STATUS[event]).toBeUndefined()
    }
    expect(BREVO_EVENT_STATUS.click).toBe('opened')
    expect(BREVO_EVENT_STATUS.hard_bounce).toBe('bounced')
  })
})
