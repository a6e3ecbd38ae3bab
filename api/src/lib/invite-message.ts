/**
 * The invite's words: an email (HTML and plain text) in the recruiter's branding, and the WhatsApp
 * template's parameters. Pure functions of their input, so a preview, the first send and every retry
 * say exactly the same. Everything interpolated into HTML is escaped; colours and URLs are checked
 * against strict shapes before they reach an attribute.
 */

export type InviteBranding = {
  companyName: string | null
  /** A public URL of the logo (the app serves logos publicly); omitted from the email when null. */
  logoUrl: string | null
  brandColor: string | null
  emailIntro: string | null
  emailTips: string | null
  emailCtaText: string | null
}

export type InviteDetails = {
  candidateName: string | null
  jobRole: string
  /** The candidate's link. */
  url: string
  /** When the link stops working. */
  expiresAt: Date
  timeLimitMinutes: number
  type: 'TEXT' | 'VOICE'
}

export type RenderedEmail = { subject: string; htmlContent: string; textContent: string }

export const DEFAULT_BRAND_COLOR = '#4f46e5'
const DEFAULT_CTA = 'Start your interview'
const DEFAULT_TIPS = [
  'Find a quiet place and set aside the whole time limit.',
  'Use a recent version of Chrome, Edge, Firefox or Safari.',
  'Answer in your own words; there are no trick questions.',
]

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character)
}

/** `#abc` or `#aabbcc` (case-insensitive), else the default: a colour reaches a style attribute. */
export function safeBrandColor(color: string | null): string {
  return color && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(color.trim()) ? color.trim() : DEFAULT_BRAND_COLOR
}

/** Only http(s) URLs may become links or images. */
function safeHttpUrl(url: string | null): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null
  } catch {
    return null
  }
}

/** "9 December 2026 at 14:00 UTC": unambiguous for a reader in any country. */
export function formatExpiry(date: Date): string {
  const formatted = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(date)
  return `${formatted} UTC`
}

function greetingName(candidateName: string | null): string {
  return candidateName?.trim() || 'there'
}

function tipsOf(branding: InviteBranding): string[] {
  const custom = (branding.emailTips ?? '')
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*[-*•]\s*/, '').trim())
    .filter(Boolean)
  return custom.length > 0 ? custom : DEFAULT_TIPS
}

function introOf(branding: InviteBranding, details: InviteDetails, company: string): string {
  if (branding.emailIntro?.trim()) return branding.emailIntro.trim()
  const kind = details.type === 'VOICE' ? 'a spoken (voice) interview' : 'a written (chat) interview'
  return `${company} invites you to ${kind} for the ${details.jobRole} role. It takes up to ${details.timeLimitMinutes} minutes, and you can take it whenever suits you before the link expires.`
}

export function renderInviteEmail(branding: InviteBranding, details: InviteDetails): RenderedEmail {
  const company = branding.companyName?.trim() || 'VantaHire'
  const subject = `Your interview for ${details.jobRole} with ${company}`
  const intro = introOf(branding, details, company)
  const tips = tipsOf(branding)
  const cta = branding.emailCtaText?.trim() || DEFAULT_CTA
  const expiry = formatExpiry(details.expiresAt)
  const name = greetingName(details.candidateName)
  const color = safeBrandColor(branding.brandColor)
  const url = safeHttpUrl(details.url) ?? '#'
  const logoUrl = safeHttpUrl(branding.logoUrl)

  const textContent = [
    `Hi ${name},`,
    '',
    intro,
    '',
    `${cta}: ${details.url}`,
    `This link expires on ${expiry}.`,
    '',
    'Before you start:',
    ...tips.map((tip) => `- ${tip}`),
    '',
    `— ${company}`,
    '',
    'This link is personal to you; please do not share it.',
  ].join('\n')

  const e = escapeHtml
  const logo = logoUrl
    ? `<img src="${e(logoUrl)}" alt="${e(company)}" height="40" style="display:block;max-height:40px;border:0">`
    : `<span style="font-size:20px;font-weight:700;color:${color}">${e(company)}</span>`
  const htmlContent = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f5;font-family:Arial,Helvetica,sans-serif;color:#18181b">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f5;padding:24px 0">
<tr><td align="center">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:8px;overflow:hidden">
<tr><td style="padding:24px;border-top:4px solid ${color}">${logo}</td></tr>
<tr><td style="padding:0 24px 8px"><p style="margin:0 0 16px;font-size:16px">Hi ${e(name)},</p>
<p style="margin:0 0 24px;font-size:16px;line-height:1.5">${e(intro)}</p>
<p style="margin:0 0 24px"><a href="${e(url)}" style="display:inline-block;background:${color};color:#ffffff;text-decoration:none;font-weight:700;padding:12px 24px;border-radius:6px">${e(cta)}</a></p>
<p style="margin:0 0 8px;font-size:14px;color:#52525b">This link expires on ${e(expiry)}. If the button does not work, copy this address into your browser:</p>
<p style="margin:0 0 24px;font-size:14px;word-break:break-all"><a href="${e(url)}" style="color:${color}">${e(details.url)}</a></p>
<p style="margin:0 0 8px;font-size:15px;font-weight:700">Before you start</p>
<ul style="margin:0 0 24px;padding-left:20px;font-size:14px;line-height:1.5">${tips.map((tip) => `<li>${e(tip)}</li>`).join('')}</ul>
</td></tr>
<tr><td style="padding:16px 24px;background:#fafafa;font-size:12px;color:#71717a">Sent by ${e(company)} with VantaHire. This link is personal to you; please do not share it.</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`
  return { subject, htmlContent, textContent }
}

export type RenderedWhatsApp = {
  /** The template body's parameters in order: {{1}} the candidate's name, {{2}} the link. */
  bodyParameters: string[]
  /** How the message reads, for previews and the outbox; the words themselves live in the approved template. */
  textContent: string
}

export function renderInviteWhatsApp(branding: InviteBranding, details: InviteDetails): RenderedWhatsApp {
  const company = branding.companyName?.trim() || 'VantaHire'
  const name = greetingName(details.candidateName)
  return {
    bodyParameters: [name, details.url],
    textContent: `Hi ${name}, you are invited to an interview for ${details.jobRole} with ${company}. Start here: ${details.url} (the link expires on ${formatExpiry(details.expiresAt)}).`,
  }
}
