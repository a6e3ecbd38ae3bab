import { afterAll, describe, expect, it } from 'vitest'
import { TestClient, uniqueEmail } from '../../test/support/http.js'
import { createTestServices } from '../../test/support/services.js'
import { createApp } from '../app.js'

const services = createTestServices({ AUTH_DEV_LOGIN: 'true' })
const { app } = createApp(services)
afterAll(() => services.close())

describe('your account', () => {
  it('reads and renames the signed-in user', async () => {
    const client = new TestClient(app)
    const email = uniqueEmail()
    await client.signIn(email)
    const renamed = await client.request('/api/users/me', {
      method: 'PATCH',
      json: { fullName: '  Robin Recruiter ' },
    })
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200)
    expect(renamed.body.user).toMatchObject({ email, fullName: 'Robin Recruiter', role: 'RECRUITER' })
    expect((await client.request('/api/users/me')).body.user.fullName).toBe('Robin Recruiter')
  })

  it('is refused to anonymous callers', async () => {
    expect((await new TestClient(app).request('/api/users/me')).status).toBe(401)
    expect(
      (await new TestClient(app).request('/api/users/me', { method: 'PATCH', json: { fullName: 'x' } }))
        .status,
    ).toBe(401)
  })
})

describe('the recruiter profile', () => {
  it('saves company branding and clears fields given as empty strings', async () => {
    const client = new TestClient(app)
    await client.signIn(uniqueEmail())
    const saved = await client.request('/api/users/me/recruiter-profile', {
      method: 'PUT',
      json: {
        companyName: 'Northwind Labs',
        brandColor: '#4F46E5',
        emailIntro: 'Hello!',
        emailCtaText: 'Start now',
      },
    })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(saved.body.profile).toMatchObject({
      companyName: 'Northwind Labs',
      brandColor: '#4f46e5',
      emailCtaText: 'Start now',
    })

    const cleared = await client.request('/api/users/me/recruiter-profile', {
      method: 'PUT',
      json: { emailIntro: '' },
    })
    expect(cleared.body.profile).toMatchObject({ companyName: 'Northwind Labs', emailIntro: null })
  })

  it('explains invalid fields', async () => {
    const client = new TestClient(app)
    await client.signIn(uniqueEmail())
    const response = await client.request('/api/users/me/recruiter-profile', {
      method: 'PUT',
      json: { brandColor: 'purple', emailCtaText: 'x'.repeat(61) },
    })
    expect(response.status).toBe(400)
    expect(response.body.error.details.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'brandColor',
      'emailCtaText',
    ])
  })

  it('is for recruiters and admins only', async () => {
    const candidate = new TestClient(app)
    await candidate.signIn(uniqueEmail('candidate'), 'CANDIDATE')
    const response = await candidate.request('/api/users/me/recruiter-profile')
    expect(response.status).toBe(403)
    expect(response.body.error.message).toBe('This needs a recruiter account.')

    const admin = new TestClient(app)
    await admin.signIn(uniqueEmail('admin'), 'ADMIN')
    expect((await admin.request('/api/users/me/recruiter-profile')).status).toBe(200)
  })
})

describe('the candidate profile', () => {
  it('saves skills, experience and links', async () => {
    const client = new TestClient(app)
    await client.signIn(uniqueEmail('candidate'), 'CANDIDATE')
    const saved = await client.request('/api/users/me/candidate-profile', {
      method: 'PUT',
      json: {
        skills: ['TypeScript', 'React', 'TypeScript'],
        experienceYears: 6,
        linkedinUrl: 'https://www.linkedin.com/in/casey',
        phone: '+44 20 7946 0958',
      },
    })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(saved.body.profile).toMatchObject({
      skills: ['TypeScript', 'React'],
      experienceYears: 6,
      phone: '+44 20 7946 0958',
    })
  })

  it('has one name with the account: renaming either renames both', async () => {
    const client = new TestClient(app)
    await client.signIn(uniqueEmail('candidate'), 'CANDIDATE')
    await client.request('/api/users/me/candidate-profile', { method: 'PUT', json: { bio: 'Hello' } })
    const renamed = await client.request('/api/users/me', {
      method: 'PATCH',
      json: { fullName: 'Casey Jones' },
    })
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200)
    const profile = await client.request('/api/users/me/candidate-profile')
    expect(profile.body.profile.fullName).toBe('Casey Jones')

    await client.request('/api/users/me/candidate-profile', {
      method: 'PUT',
      json: { fullName: 'Casey Smith' },
    })
    const account = await client.request('/api/users/me')
    expect(account.body.user.fullName).toBe('Casey Smith')
  })

  it('refuses links that are not web addresses', async () => {
    const client = new TestClient(app)
    await client.signIn(uniqueEmail('candidate'), 'CANDIDATE')
    const response = await client.request('/api/users/me/candidate-profile', {
      method: 'PUT',
      json: { portfolioUrl: 'javascript:alert(1)', experienceYears: -1 },
    })
    expect(response.status).toBe(400)
    expect(response.body.error.details.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'experienceYears',
      'portfolioUrl',
    ])
  })

  it('is for candidates only', async () => {
    const client = new TestClient(app)
    await client.signIn(uniqueEmail())
    expect((await client.request('/api/users/me/candidate-profile')).status).toBe(403)
  })
})

describe('empty form fields', () => {
  it('clear a value, whatever its kind', async () => {
    const client = new TestClient(app)
    await client.signIn(uniqueEmail('candidate'), 'CANDIDATE')
    await client.request('/api/users/me/candidate-profile', {
      method: 'PUT',
      json: { phone: '+44 20 7946 0958', portfolioUrl: 'https://casey.dev' },
    })
    const cleared = await client.request('/api/users/me/candidate-profile', {
      method: 'PUT',
      json: { phone: '', portfolioUrl: '', email: '' },
    })
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200)
    expect(cleared.body.profile).toMatchObject({ phone: null, portfolioUrl: null, email: null })
  })
})

describe('profile files', () => {
  it('set a recruiter’s own uploaded logo, and refuse someone else’s', async () => {
    const client = new TestClient(app)
    await client.signIn(uniqueEmail())
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(200),
    ])
    const form = new FormData()
    form.append('file', new Blob([png]), 'logo.png')
    const uploaded = await client.request('/api/files?category=LOGO', { method: 'POST', body: form })
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201)
    const saved = await client.request('/api/users/me/recruiter-profile', {
      method: 'PUT',
      json: { logoFileId: uploaded.body.id },
    })
    expect(saved.body.profile.logoFileId).toBe(uploaded.body.id)

    const other = new TestClient(app)
    await other.signIn(uniqueEmail())
    const stolen = await other.request('/api/users/me/recruiter-profile', {
      method: 'PUT',
      json: { logoFileId: uploaded.body.id },
    })
    expect(stolen.status).toBe(404)
  })
})
