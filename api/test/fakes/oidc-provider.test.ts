import { createHash, randomBytes } from 'node:crypto'
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeOidcProvider, type FakeOidcUser, type FakeProviderName } from './oidc-provider.js'

const REDIRECT_URI = 'http://127.0.0.1:5173/auth/callback?from=test'

let fake: FakeOidcProvider

beforeAll(async () => {
  fake = await FakeOidcProvider.start()
})

afterAll(async () => {
  await fake.stop()
})

function uniqueUser(overrides: Partial<FakeOidcUser> = {}): FakeOidcUser {
  const id = randomBytes(6).toString('hex')
  return {
    sub: `sub-${id}`,
    email: `candidate-${id}@example.com`,
    emailVerified: true,
    name: `Candidate ${id}`,
    picture: `https://images.example.com/${id}.png`,
    ...overrides,
  }
}

function createPkce() {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

async function discover(provider: FakeProviderName) {
  const response = await fetch(`${fake.issuer(provider)}/.well-known/openid-configuration`)
  expect(response.status).toBe(200)
  return (await response.json()) as Record<string, any>
}

/** Sends the browser to /authorize and returns the callback URL it is redirected to. */
async function authorize(provider: FakeProviderName, params: Record<string, string | undefined> = {}) {
  const { authorization_endpoint } = await discover(provider)
  const url = new URL(authorization_endpoint)
  const query: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: fake.clients[provider].clientId,
    redirect_uri: REDIRECT_URI,
    scope: 'openid email profile',
    state: `state ${randomBytes(8).toString('base64url')}/+=`,
    ...params,
  }
  for (const [name, value] of Object.entries(query))
    if (value !== undefined) url.searchParams.set(name, value)
  const response = await fetch(url, { redirect: 'manual' })
  const location = response.headers.get('location')
  expect(response.status, `${response.status} ${location ?? (await response.text())}`).toBe(302)
  return new URL(location!)
}

async function requestToken(
  provider: FakeProviderName,
  params: Record<string, string>,
  clientAuth: 'basic' | 'body' = provider === 'google' ? 'basic' : 'body',
) {
  const { token_endpoint } = await discover(provider)
  const { clientId, clientSecret } = fake.clients[provider]
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    redirect_uri: REDIRECT_URI,
    ...params,
  })
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  }
  if (clientAuth === 'basic') {
    headers.Authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`
  } else {
    body.set('client_id', clientId)
    body.set('client_secret', clientSecret)
  }
  const response = await fetch(token_endpoint, { method: 'POST', headers, body })
  return { status: response.status, body: (await response.json()) as Record<string, any> }
}

async function verifyIdToken(provider: FakeProviderName, idToken: string, nonce?: string) {
  const discovery = await discover(provider)
  const { payload, protectedHeader } = await jwtVerify(
    idToken,
    createRemoteJWKSet(new URL(discovery.jwks_uri)),
    {
      issuer: discovery.issuer,
      audience: fake.clients[provider].clientId,
      algorithms: ['RS256'],
    },
  )
  if (nonce !== undefined) expect(payload.nonce).toBe(nonce)
  return { payload, protectedHeader }
}

async function signIn(provider: FakeProviderName, user = uniqueUser()) {
  fake.setUser(provider, user)
  const callback = await authorize(provider)
  const tokens = await requestToken(provider, { code: callback.searchParams.get('code')! })
  expect(tokens.status, JSON.stringify(tokens.body)).toBe(200)
  return tokens.body
}

describe('discovery', () => {
  it('describes Google with Basic or body client auth and S256 PKCE', async () => {
    const issuer = fake.issuer('google')
    expect(issuer).toBe(`${fake.url}/google`)
    expect(await discover('google')).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      userinfo_endpoint: `${issuer}/userinfo`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: expect.arrayContaining(['openid', 'email', 'profile']),
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
      claims_supported: expect.arrayContaining([
        'sub',
        'email',
        'email_verified',
        'name',
        'picture',
        'nonce',
      ]),
    })
  })

  it('describes LinkedIn with body client auth only and no PKCE', async () => {
    const discovery = await discover('linkedin')
    expect(discovery).toMatchObject({
      issuer: fake.issuer('linkedin'),
      token_endpoint: `${fake.issuer('linkedin')}/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post'],
    })
    expect(discovery).not.toHaveProperty('code_challenge_methods_supported')
  })

  it('answers 404 outside the two providers and their endpoints', async () => {
    for (const path of ['/', '/github/authorize', '/google/nope', '/google']) {
      const response = await fetch(`${fake.url}${path}`)
      expect(response.status, path).toBe(404)
    }
    const wrongMethod = await fetch(`${fake.issuer('google')}/token`)
    expect(wrongMethod.status).toBe(404)
  })
})

describe('Google authorization code flow', () => {
  it('signs in with PKCE and a nonce, returning an ID token that verifies against the JWKS', async () => {
    const user = uniqueUser()
    fake.setUser('google', user)
    const pkce = createPkce()
    const nonce = randomBytes(16).toString('base64url')
    const state = 'a state with spaces & symbols/+='

    const callback = await authorize('google', {
      state,
      nonce,
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
    })
    expect(`${callback.origin}${callback.pathname}`).toBe('http://127.0.0.1:5173/auth/callback')
    expect(callback.searchParams.get('from')).toBe('test')
    expect(callback.searchParams.get('state')).toBe(state)
    const code = callback.searchParams.get('code')
    expect(code).toMatch(/^4\//)
    expect(fake.lastAuthorizeRequest('google')).toMatchObject({
      client_id: fake.clients.google.clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'openid email profile',
      state,
      nonce,
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
    })

    const tokens = await requestToken('google', { code: code!, code_verifier: pkce.verifier })
    expect(tokens.status, JSON.stringify(tokens.body)).toBe(200)
    expect(tokens.body).toMatchObject({
      access_token: expect.any(String),
      expires_in: 3599,
      token_type: 'Bearer',
      id_token: expect.any(String),
    })
    expect(tokens.body.scope.split(' ').sort()).toEqual([
      'https://www.googleapis.com/auth/userinfo.email',
      'https://www.googleapis.com/auth/userinfo.profile',
      'openid',
    ])
    expect(fake.tokenRequests('google').at(-1)).toEqual({
      clientAuth: 'basic',
      params: {
        grant_type: 'authorization_code',
        redirect_uri: REDIRECT_URI,
        code,
        code_verifier: pkce.verifier,
      },
    })

    const { payload, protectedHeader } = await verifyIdToken('google', tokens.body.id_token, nonce)
    const jwks = (await (await fetch(`${fake.issuer('google')}/jwks`)).json()) as {
      keys: Record<string, any>[]
    }
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig' })])
    expect(jwks.keys[0]).not.toHaveProperty('d')
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: jwks.keys[0]!.kid })
    expect(payload).toMatchObject({
      iss: fake.issuer('google'),
      aud: fake.clients.google.clientId,
      azp: fake.clients.google.clientId,
      sub: user.sub,
      email: user.email,
      email_verified: true,
      name: user.name,
      picture: user.picture,
      nonce,
    })
    expect(payload.exp! - payload.iat!).toBe(3600)
  })

  it('accepts client credentials in the body and omits nonce when none was sent', async () => {
    fake.setUser('google', uniqueUser({ emailVerified: 'false' }))
    const callback = await authorize('google')
    const tokens = await requestToken('google', { code: callback.searchParams.get('code')! }, 'body')
    expect(tokens.status, JSON.stringify(tokens.body)).toBe(200)
    expect(fake.tokenRequests('google').at(-1)?.clientAuth).toBe('body')
    const { payload } = await verifyIdToken('google', tokens.body.id_token)
    expect(payload).not.toHaveProperty('nonce')
    expect(payload.email_verified).toBe(false)
  })

  it('puts the overriding nonce in the next ID token only', async () => {
    fake.setUser('google', uniqueUser())
    fake.overrideNextNonce('google', 'attacker-nonce')
    const first = await authorize('google', { nonce: 'client-nonce' })
    const firstTokens = await requestToken('google', { code: first.searchParams.get('code')! })
    expect((await verifyIdToken('google', firstTokens.body.id_token)).payload.nonce).toBe('attacker-nonce')

    const second = await authorize('google', { nonce: 'client-nonce' })
    const secondTokens = await requestToken('google', { code: second.searchParams.get('code')! })
    expect((await verifyIdToken('google', secondTokens.body.id_token)).payload.nonce).toBe('client-nonce')
  })

  it('refuses a code verifier that does not match the challenge, and a missing one', async () => {
    fake.setUser('google', uniqueUser())
    for (const code_verifier of [createPkce().verifier, undefined]) {
      const pkce = createPkce()
      const callback = await authorize('google', {
        code_challenge: pkce.challenge,
        code_challenge_method: 'S256',
      })
      const params: Record<string, string> = { code: callback.searchParams.get('code')! }
      if (code_verifier) params.code_verifier = code_verifier
      const tokens = await requestToken('google', params)
      expect(tokens).toEqual({
        status: 400,
        body: { error: 'invalid_grant', error_description: expect.any(String) },
      })
    }
  })

  it('refuses a replayed code and revokes the access token it had issued', async () => {
    fake.setUser('google', uniqueUser())
    const callback = await authorize('google')
    const code = callback.searchParams.get('code')!
    const first = await requestToken('google', { code })
    expect(first.status).toBe(200)

    const replay = await requestToken('google', { code })
    expect(replay).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: expect.any(String) },
    })
    const userinfo = await fetch(`${fake.issuer('google')}/userinfo`, {
      headers: { Authorization: `Bearer ${first.body.access_token}` },
    })
    expect(userinfo.status).toBe(401)
  })

  it('refuses a code redeemed with another redirect_uri or at the other provider', async () => {
    fake.setUser('google', uniqueUser())
    const callback = await authorize('google')
    const mismatch = await requestToken('google', {
      code: callback.searchParams.get('code')!,
      redirect_uri: 'http://127.0.0.1:5173/elsewhere',
    })
    expect(mismatch.status).toBe(400)
    expect(mismatch.body.error).toBe('invalid_grant')

    const other = await authorize('google')
    const crossed = await requestToken('linkedin', { code: other.searchParams.get('code')! })
    expect(crossed.status).toBe(400)
    expect(crossed.body.error).toBe('invalid_grant')
  })

  it('refuses a wrong client secret with 401 invalid_client', async () => {
    fake.setUser('google', uniqueUser())
    const callback = await authorize('google')
    const response = await fetch(`${fake.issuer('google')}/token`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${Buffer.from(`${fake.clients.google.clientId}:wrong`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code')!,
        redirect_uri: REDIRECT_URI,
      }),
    })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ error: 'invalid_client', error_description: expect.any(String) })
  })
})

describe('LinkedIn authorization code flow', () => {
  it('signs in with body credentials and passes email_verified through as given', async () => {
    const user = uniqueUser({ emailVerified: 'true' })
    fake.setUser('linkedin', user)
    const callback = await authorize('linkedin', { nonce: 'linkedin-nonce' })
    const code = callback.searchParams.get('code')!
    expect([...callback.searchParams.keys()].sort()).toEqual(['code', 'from', 'state'])

    const tokens = await requestToken('linkedin', { code })
    expect(tokens.status, JSON.stringify(tokens.body)).toBe(200)
    expect(tokens.body).toMatchObject({
      expires_in: 5183999,
      token_type: 'Bearer',
      scope: 'openid email profile',
    })
    expect(fake.tokenRequests('linkedin').at(-1)).toEqual({
      clientAuth: 'body',
      params: {
        grant_type: 'authorization_code',
        redirect_uri: REDIRECT_URI,
        code,
        client_id: fake.clients.linkedin.clientId,
        client_secret: fake.clients.linkedin.clientSecret,
      },
    })

    const { payload } = await verifyIdToken('linkedin', tokens.body.id_token, 'linkedin-nonce')
    expect(payload).toMatchObject({ iss: fake.issuer('linkedin'), sub: user.sub, email_verified: 'true' })
    expect(payload).not.toHaveProperty('azp')
  })

  it('refuses HTTP Basic client authentication', async () => {
    fake.setUser('linkedin', uniqueUser())
    const callback = await authorize('linkedin')
    const tokens = await requestToken('linkedin', { code: callback.searchParams.get('code')! }, 'basic')
    expect(tokens).toEqual({
      status: 401,
      body: { error: 'invalid_client', error_description: expect.any(String) },
    })
    expect(fake.tokenRequests('linkedin').at(-1)?.clientAuth).toBe('basic')
  })

  it('signs ID tokens with its own key, which Google’s JWKS does not verify', async () => {
    const tokens = await signIn('linkedin')
    const googleJwks = createRemoteJWKSet(new URL(`${fake.issuer('google')}/jwks`))
    await expect(jwtVerify(tokens.id_token, googleJwks)).rejects.toThrow()
    expect(decodeProtectedHeader(tokens.id_token).kid).toMatch(/^linkedin-/)
  })
})

describe('authorize errors', () => {
  it('redirects with access_denied and the state when no account is signed in', async () => {
    const server = await FakeOidcProvider.start()
    try {
      const url = new URL(`${server.issuer('google')}/authorize`)
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: server.clients.google.clientId,
        redirect_uri: REDIRECT_URI,
        scope: 'openid email',
        state: 'denied-state',
      }).toString()
      const response = await fetch(url, { redirect: 'manual' })
      expect(response.status).toBe(302)
      const callback = new URL(response.headers.get('location')!)
      expect(callback.searchParams.get('error')).toBe('access_denied')
      expect(callback.searchParams.get('state')).toBe('denied-state')
      expect(callback.searchParams.has('code')).toBe(false)
    } finally {
      await server.stop()
    }
  })

  it('shows a 400 page instead of redirecting for an unknown client or a bad redirect_uri', async () => {
    for (const params of [
      { client_id: 'someone-else' },
      { redirect_uri: undefined },
      { redirect_uri: 'javascript:alert(1)' },
      { redirect_uri: '/relative' },
    ]) {
      const url = new URL(`${fake.issuer('google')}/authorize`)
      const query: Record<string, string | undefined> = {
        response_type: 'code',
        client_id: fake.clients.google.clientId,
        redirect_uri: REDIRECT_URI,
        scope: 'openid',
        ...params,
      }
      for (const [name, value] of Object.entries(query))
        if (value !== undefined) url.searchParams.set(name, value)
      const response = await fetch(url, { redirect: 'manual' })
      expect(response.status, JSON.stringify(params)).toBe(400)
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    }
  })

  it('redirects with an error for a wrong response_type or a scope without openid', async () => {
    fake.setUser('google', uniqueUser())
    const wrongType = await authorize('google', { response_type: 'token', state: 's1' })
    expect(wrongType.searchParams.get('error')).toBe('unsupported_response_type')
    expect(wrongType.searchParams.get('state')).toBe('s1')
    const noOpenid = await authorize('google', { scope: 'email profile' })
    expect(noOpenid.searchParams.get('error')).toBe('invalid_scope')
  })
})

describe('userinfo', () => {
  it('returns the signed-in account’s claims for a bearer access token', async () => {
    for (const provider of ['google', 'linkedin'] as const) {
      const user = uniqueUser({ emailVerified: 'true' })
      const tokens = await signIn(provider, user)
      const response = await fetch(`${fake.issuer(provider)}/userinfo`, {
        headers: { Authorization: `Bearer ${tokens.access_token}` },
      })
      expect(response.status, provider).toBe(200)
      expect(await response.json()).toEqual({
        sub: user.sub,
        email: user.email,
        email_verified: provider === 'google' ? true : 'true',
        name: user.name,
        picture: user.picture,
      })
    }
  })

  it('answers 401 without a bearer token, with an unknown one, or with the other provider’s', async () => {
    const googleTokens = await signIn('google')
    const cases: [FakeProviderName, Record<string, string>][] = [
      ['google', {}],
      ['google', { Authorization: 'Bearer not-a-token' }],
      ['linkedin', { Authorization: `Bearer ${googleTokens.access_token}` }],
    ]
    for (const [provider, headers] of cases) {
      const response = await fetch(`${fake.issuer(provider)}/userinfo`, { headers })
      expect(response.status, JSON.stringify(headers)).toBe(401)
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/)
      expect(await response.json()).toEqual({
        error: expect.any(String),
        error_description: expect.any(String),
      })
    }
  })
})
