import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { uniqueEmail } from './support/http.js'
import { createTestServices } from './support/services.js'
import { createTypedClient } from './support/typed-client.js'

const services = createTestServices({ AUTH_DEV_LOGIN: 'true' })
const { app } = createApp(services)
afterAll(() => services.close())

describe('the typed test client', () => {
  it('signs in, keeps the cookie, and reads answers with their route types', async () => {
    const { client, cookies } = createTypedClient(app)
    const email = uniqueEmail('typed')
    const signIn = await client.api.auth['dev-login'].$post({ json: { email, role: 'RECRUITER' } })
    expect(signIn.status).toBe(200)
    expect(cookies.has('vh_session')).toBe(true)

    const me = await client.api.auth.me.$get()
    if (me.status !== 200) throw new Error(`me answered ${me.status}`)
    const { user } = await me.json()
    expect(user?.email).toBe(email)

    const created = await client.api.interviews.$post({
      json: { jobRole: 'Data Engineer', candidateEmail: uniqueEmail('cand'), questions: ['Why data?'] },
    })
    if (created.status !== 201) throw new Error(`create answered ${created.status}: ${await created.text()}`)
    const { interview } = await created.json()
    const list = await client.api.interviews.$get({ query: { limit: '10' } })
    if (list.status !== 200) throw new Error(`list answered ${list.status}`)
    const page = await list.json()
    expect(page.items.map((item) => item.id)).toContain(interview.id)
  })
})
