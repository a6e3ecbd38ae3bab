import { describe, expect, it } from 'vitest'
import {
  DEFAULT_BRAND_COLOR,
  renderInviteEmail,
  renderInviteWhatsApp,
  safeBrandColor,
} from './invite-message.js'

const branding = {
  companyName: 'Acme <Labs>',
  logoUrl: 'https://app.example.com/api/files/logo-id',
  brandColor: '#0F766E',
  emailIntro: null,
  emailTips: '- Bring water\n* Test your microphone\n\n',
  emailCtaText: null,
}
const details = {
  candidateName: '"Ada" & co',
  jobRole: 'Engineer</p><script>alert(1)</script>',
  url: 'https://app.example.com/interview/abcdefghijklmnopqrstuvwxyz012345',
  expiresAt: new Date('2026-12-09T14:00:00Z'),
  timeLimitMinutes: 45,
  type: 'VOICE' as const,
}

describe('renderInviteEmail', () => {
  it('escapes everything interpolated into the HTML, and keeps the text version as written', () => {
    const email = renderInviteEmail(branding, details)
    expect(email.htmlContent).not.toContain('<script>')
    expect(email.htmlContent).toContain('Engineer&lt;/p&gt;&lt;script&gt;')
    expect(email.htmlContent).toContain('Hi &quot;Ada&quot; &amp; co,')
    expect(email.htmlContent).toContain('alt="Acme &lt;Labs&gt;"')
    expect(email.textContent).toContain('Hi "Ada" & co,')
    expect(email.subject).toBe('Your interview for Engineer</p><script>alert(1)</script> with Acme <Labs>')
  })

  it('carries the link, its expiry in UTC, the tips, the logo and the brand colour', () => {
    const email = renderInviteEmail(branding, details)
    expect(email.textContent).toContain(`Start your interview: ${details.url}`)
    expect(email.textContent).toContain('This link expires on 9 December 2026 at 14:00 UTC.')
    expect(email.textContent).toContain('- Bring water\n- Test your microphone')
    expect(email.textContent).toContain('a spoken (voice) interview')
    expect(email.htmlContent).toContain('<img src="https://app.example.com/api/files/logo-id"')
    expect(email.htmlContent).toContain('background:#0F766E')
  })

  it('omits a logo that is not an http(s) URL, and refuses colours that are not #rgb or #rrggbb', () => {
    const email = renderInviteEmail(
      { ...branding, logoUrl: 'javascript:alert(1)', brandColor: 'red;x:url(y)' },
      details,
    )
    expect(email.htmlContent).not.toContain('<img')
    expect(email.htmlContent).not.toContain('javascript:')
    expect(email.htmlContent).toContain(`background:${DEFAULT_BRAND_COLOR}`)
    expect(safeBrandColor('#abc')).toBe('#abc')
    expect(safeBrandColor('#abcd')).toBe(DEFAULT_BRAND_COLOR)
  })
})

describe('renderInviteWhatsApp', () => {
  it('gives the template the candidate’s name and the link, greeting "there" without a name', () => {
    expect(renderInviteWhatsApp(branding, details).bodyParameters).toEqual(['"Ada" & co', details.url])
    expect(renderInviteWhatsApp(branding, { ...details, candidateName: null }).bodyParameters[0]).toBe(
      'there',
    )
  })
})
