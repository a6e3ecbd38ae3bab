import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type CryptoKey, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'

/** The account a fake provider signs in. `emailVerified` may be a string because LinkedIn's tokens may carry one. */
export type FakeOidcUser = {
  sub: string
  email: string
  emailVerified: boolean | 'true' | 'false'
  name?: string
  picture?: string
}

export type FakeProviderName = 'google' | 'linkedin'

type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post'

type ProviderProfile = {
  tokenEndpointAuthMethods: readonly ClientAuthMethod[]
  accessTokenExpiresIn: number
  isPkceAdvertised: boolean
  /** Google's ID tokens and userinfo always carry a boolean; LinkedIn's are passed through as given. */
  isEmailVerifiedBoolean: boolean
  hasAzp: boolean
  scopesSupported: readonly string[]
  claimsSupported: readonly string[]
}

const PROFILES: Record<FakeProviderName, ProviderProfile> = {
  google: {
    tokenEndpointAuthMethods: ['client_secret_basic', 'client_secret_post'],
    accessTokenExpiresIn: 3599,
    isPkceAdvertised: true,
    isEmailVerifiedBoolean: true,
    hasAzp: true,
    scopesSupported: ['openid', 'email', 'profile'],
    claimsSupported: [
      'aud',
      'azp',
      'email',
      'email_verified',
      'exp',
      'iat',
      'iss',
      'name',
      'nonce',
      'picture',
      'sub',
    ],
  },
  linkedin: {
    tokenEndpointAuthMethods: ['client_secret_post'],
    // About 60 days, as LinkedIn issues them.
    accessTokenExpiresIn: 5_183_999,
    isPkceAdvertised: false,
    isEmailVerifiedBoolean: false,
    hasAzp: false,
    scopesSupported: ['openid', 'profile', 'email'],
    claimsSupported: [
      'aud',
      'email',
      'email_verified',
      'exp',
      'iat',
      'iss',
      'name',
      'nonce',
      'picture',
      'sub',
    ],
  },
}

/** Google accepts these long names for `email` and `profile`, and reports the scopes granted under them. */
const GOOGLE_SCOPE_NAMES: Record<string, string> = {
  email: 'https://www.googleapis.com/auth/userinfo.email',
  profile: 'https://www.googleapis.com/auth/userinfo.profile',
}

const ID_TOKEN_LIFETIME_SECONDS = 3600
const CODE_LIFETIME_MS = 10 * 60 * 1000
const MAX_BODY_BYTES = 64 * 1024
// RFC 7636 §4.1: 43–128 characters from the unreserved set.
const CODE_VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/

type SigningKey = { privateKey: CryptoKey; publicJwk: JWK; kid: string }

type IssuedCode = {
  clientId: string
  redirectUri: string
  codeChallenge?: string
  nonce?: string
  scope: string
  user: FakeOidcUser
  expiresAt: number
  isRedeemed: boolean
  /** Revoked if the code is replayed (RFC 6749 §4.1.2). */
  accessToken?: string
}

type IssuedAccessToken = { user: FakeOidcUser; scope: string; expiresAt: number }

type TokenRequest = { clientAuth: 'basic' | 'body'; params: Record<string, string> }

type ProviderState = {
  name: FakeProviderName
  profile: ProviderProfile
  key: SigningKey
  user?: FakeOidcUser
  nextNonce?: string
  lastAuthorize?: Record<string, string>
  tokenRequests: TokenRequest[]
  codes: Map<string, IssuedCode>
  accessTokens: Map<string, IssuedAccessToken>
}

type AuthorizeOutcome = { page: string } | { redirectTo: URL }

type OAuthError = { status: number; error: string; description: string; headers?: Record<string, string> }

/**
 * A fake Google and LinkedIn sign-in on 127.0.0.1, speaking their OAuth 2.0 / OpenID Connect wire
 * protocols under `/google` and `/linkedin`: discovery, authorize (signs in the account given to
 * `setUser` without any page), token, JWKS and userinfo.
 */
export class FakeOidcProvider {
  /** Fixed test credentials, one client per provider. */
  readonly clients: Readonly<
    Record<FakeProviderName, { readonly clientId: string; readonly clientSecret: string }>
  > = {
    google: {
      clientId: 'vantahire-test.apps.googleusercontent.com',
      clientSecret: 'google-test-secret',
    },
    linkedin: { clientId: 'vantahire-test-linkedin', clientSecret: 'linkedin-test-secret' },
  }

  private constructor(
    private readonly server: Server,
    /** `http://127.0.0.1:<port>` */
    readonly url: string,
    private readonly providers: Record<FakeProviderName, ProviderState>,
  ) {}

  static async start(): Promise<FakeOidcProvider> {
    const [googleKey, linkedinKey] = await Promise.all([
      createSigningKey('google'),
      createSigningKey('linkedin'),
    ])
    const providers = {
      google: createProviderState('google', googleKey),
      linkedin: createProviderState('linkedin', linkedinKey),
    }

    const server = createServer()
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
    const { port } = server.address() as AddressInfo
    const fake = new FakeOidcProvider(server, `http://127.0.0.1:${port}`, providers)
    server.on('request', (req, res) => {
      fake.handle(req, res).catch((error: unknown) => {
        if (res.headersSent) return res.destroy()
        sendJson(res, 500, { error: 'server_error', error_description: String(error) })
      })
    })
    return fake
  }

  /** The provider's issuer; its discovery document is at `${issuer}/.well-known/openid-configuration`. */
  issuer(provider: FakeProviderName): string {
    return `${this.url}/${provider}`
  }

  /** The account every following /authorize signs in, until replaced. */
  setUser(provider: FakeProviderName, user: FakeOidcUser): void {
    this.providers[provider].user = { ...user }
  }

  /** Makes the next issued ID token carry this nonce instead of the one sent to /authorize (to test nonce checks). */
  overrideNextNonce(provider: FakeProviderName, nonce: string): void {
    this.providers[provider].nextNonce = nonce
  }

  /** What the last /authorize request carried (for assertions: state, nonce, code_challenge, code_challenge_method, redirect_uri, scope, client_id). */
  lastAuthorizeRequest(provider: FakeProviderName): Record<string, string> | undefined {
    const last = this.providers[provider].lastAuthorize
    return last && { ...last }
  }

  /** Token-endpoint requests seen, with how the client authenticated ('basic' | 'body'). */
  tokenRequests(
    provider: FakeProviderName,
  ): { clientAuth: 'basic' | 'body'; params: Record<string, string> }[] {
    return this.providers[provider].tokenRequests.map((request) => ({
      clientAuth: request.clientAuth,
      params: { ...request.params },
    }))
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()))
      // fetch keeps connections alive; without this, close() waits for them to time out.
      this.server.closeAllConnections()
    })
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url)
    const match = /^\/(google|linkedin)(\/.*)$/.exec(url.pathname)
    const provider = match && this.providers[match[1] as FakeProviderName]
    const route = `${req.method} ${match?.[2]}`
    if (!provider) return sendText(res, 404, 'Not Found')

    switch (route) {
      case 'GET /.well-known/openid-configuration':
        return sendJson(res, 200, this.discoveryDocument(provider))
      case 'GET /authorize':
        return sendAuthorizeOutcome(res, this.authorize(provider, url.searchParams))
      case 'POST /token':
        return this.token(provider, req, res)
      case 'GET /jwks':
        return sendJson(res, 200, { keys: [provider.key.publicJwk] })
      // OpenID Connect Core §5.3.1: userinfo answers both GET and POST.
      case 'GET /userinfo':
      case 'POST /userinfo':
        return this.userinfo(provider, req, res)
      default:
        return sendText(res, 404, 'Not Found')
    }
  }

  private discoveryDocument(provider: ProviderState) {
    const issuer = this.issuer(provider.name)
    const { profile } = provider
    return {
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      userinfo_endpoint: `${issuer}/userinfo`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: profile.scopesSupported,
      token_endpoint_auth_methods_supported: profile.tokenEndpointAuthMethods,
      grant_types_supported: ['authorization_code'],
      claims_supported: profile.claimsSupported,
      ...(profile.isPkceAdvertised ? { code_challenge_methods_supported: ['S256'] } : {}),
    }
  }

  /** The page or redirect a browser gets from /authorize; the account is signed in without any page. */
  private authorize(provider: ProviderState, search: URLSearchParams): AuthorizeOutcome {
    const params = toSingleValued(search)
    if (!params) return { page: 'Error 400: invalid_request\n\nA parameter was sent more than once.' }
    provider.lastAuthorize = params

    // Until client and redirect_uri are trusted, errors are shown, never redirected (RFC 6749 §4.1.2.1).
    const client = this.clients[provider.name]
    if (params.client_id !== client.clientId) {
      return { page: `Error 401: invalid_client\n\nThe OAuth client was not found: ${params.client_id}` }
    }
    const redirectUri = parseHttpUrl(params.redirect_uri)
    if (!redirectUri || redirectUri.hash) {
      return { page: 'Error 400: redirect_uri_mismatch\n\nredirect_uri must be an absolute http(s) URL.' }
    }

    const redirect = (query: Record<string, string>): AuthorizeOutcome => {
      const location = new URL(redirectUri)
      for (const [name, value] of Object.entries(query)) location.searchParams.set(name, value)
      if (params.state !== undefined) location.searchParams.set('state', params.state)
      return { redirectTo: location }
    }
    const redirectError = (error: string, description: string) =>
      redirect({ error, error_description: description })

    if (params.response_type !== 'code') {
      return redirectError('unsupported_response_type', 'Only response_type=code is supported.')
    }
    const scopes = (params.scope ?? '')
      .split(' ')
      .filter(Boolean)
      .map((name) => (provider.name === 'google' ? shortGoogleScopeName(name) : name))
    if (!scopes.includes('openid')) return redirectError('invalid_scope', 'The scope must include openid.')
    const unknownScope = scopes.find((name) => !provider.profile.scopesSupported.includes(name))
    if (unknownScope !== undefined) return redirectError('invalid_scope', `Unknown scope: ${unknownScope}`)
    const scope = scopes.join(' ')
    if (params.code_challenge !== undefined && params.code_challenge_method !== 'S256') {
      return redirectError('invalid_request', 'code_challenge_method must be S256.')
    }
    if (!provider.user) return redirect({ error: 'access_denied' })

    const code = createCode(provider.name)
    provider.codes.set(code, {
      clientId: client.clientId,
      redirectUri: params.redirect_uri!,
      codeChallenge: params.code_challenge,
      nonce: params.nonce,
      scope,
      user: provider.user,
      expiresAt: Date.now() + CODE_LIFETIME_MS,
      isRedeemed: false,
    })
    if (provider.name === 'google') {
      // Google adds these to its redirect too; clients must ignore parameters they do not expect.
      return redirect({ code, scope: grantedScope(provider.name, scope), authuser: '0', prompt: 'consent' })
    }
    return redirect({ code })
  }

  private async token(provider: ProviderState, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const result = await this.redeemCode(provider, req)
    if ('error' in result) {
      return sendJson(
        res,
        result.status,
        { error: result.error, error_description: result.description },
        { 'Cache-Control': 'no-store', ...result.headers },
      )
    }
    sendJson(res, 200, result, { 'Cache-Control': 'no-store', Pragma: 'no-cache' })
  }

  private async redeemCode(provider: ProviderState, req: IncomingMessage) {
    const isForm = mediaType(req.headers['content-type']) === 'application/x-www-form-urlencoded'
    const body = await readBody(req)
    if (body === undefined) return oauthError(413, 'invalid_request', 'Request body too large.')
    if (!isForm)
      return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded.')
    const params = toSingleValued(new URLSearchParams(body))
    if (!params) return oauthError(400, 'invalid_request', 'A parameter was sent more than once.')

    const authorization = req.headers.authorization
    const isBasic = authorization !== undefined && /^basic /i.test(authorization)
    provider.tokenRequests.push({ clientAuth: isBasic ? 'basic' : 'body', params })

    const authError = this.authenticateClient(provider, authorization, isBasic, params)
    if (authError) return authError

    if (params.grant_type === undefined) return oauthError(400, 'invalid_request', 'Missing grant_type.')
    if (params.grant_type !== 'authorization_code') {
      return oauthError(400, 'unsupported_grant_type', `Unsupported grant_type: ${params.grant_type}`)
    }
    if (params.code === undefined) return oauthError(400, 'invalid_request', 'Missing code.')

    const issued = provider.codes.get(params.code)
    if (!issued || issued.expiresAt < Date.now())
      return oauthError(400, 'invalid_grant', 'Malformed auth code.')
    if (issued.isRedeemed) {
      if (issued.accessToken !== undefined) provider.accessTokens.delete(issued.accessToken)
      return oauthError(400, 'invalid_grant', 'The authorization code has already been used.')
    }
    // A code is spent by its first redemption attempt, successful or not.
    issued.isRedeemed = true
    const clientId = this.clients[provider.name].clientId
    if (issued.clientId !== clientId)
      return oauthError(400, 'invalid_grant', 'The code was issued to another client.')
    if (params.redirect_uri !== issued.redirectUri) {
      return oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request.')
    }
    if (issued.codeChallenge !== undefined) {
      const verifier = params.code_verifier
      if (verifier === undefined) return oauthError(400, 'invalid_grant', 'Missing code verifier.')
      if (!CODE_VERIFIER_PATTERN.test(verifier) || s256(verifier) !== issued.codeChallenge) {
        return oauthError(400, 'invalid_grant', 'Invalid code verifier.')
      }
    }

    const accessToken = randomToken()
    const { accessTokenExpiresIn } = provider.profile
    issued.accessToken = accessToken
    provider.accessTokens.set(accessToken, {
      user: issued.user,
      scope: issued.scope,
      expiresAt: Date.now() + accessTokenExpiresIn * 1000,
    })
    const nonce = provider.nextNonce ?? issued.nonce
    provider.nextNonce = undefined
    const idToken = await this.signIdToken(provider, { ...issued, nonce, accessToken })
    return {
      access_token: accessToken,
      expires_in: accessTokenExpiresIn,
      token_type: 'Bearer',
      scope: grantedScope(provider.name, issued.scope),
      id_token: idToken,
    }
  }

  /** RFC 6749 §2.3.1, with each provider's accepted methods; failures are 401 invalid_client (§5.2). */
  private authenticateClient(
    provider: ProviderState,
    authorization: string | undefined,
    isBasic: boolean,
    params: Record<string, string>,
  ): OAuthError | undefined {
    const client = this.clients[provider.name]
    const invalidClient = (description: string) =>
      oauthError(
        401,
        'invalid_client',
        description,
        isBasic ? { 'WWW-Authenticate': 'Basic realm="token"' } : {},
      )

    if (isBasic) {
      if (!provider.profile.tokenEndpointAuthMethods.includes('client_secret_basic')) {
        return invalidClient(
          'Client authentication with HTTP Basic is not supported; send credentials in the body.',
        )
      }
      if (params.client_secret !== undefined) {
        return oauthError(400, 'invalid_request', 'Use only one client authentication method.')
      }
      const credentials = parseBasicCredentials(authorization!)
      if (!credentials) return invalidClient('Malformed Basic credentials.')
      if (params.client_id !== undefined && params.client_id !== credentials.clientId) {
        return oauthError(
          400,
          'invalid_request',
          'client_id in the body does not match the Basic credentials.',
        )
      }
      if (credentials.clientId !== client.clientId || credentials.clientSecret !== client.clientSecret) {
        return invalidClient('The OAuth client was not found or its secret is wrong.')
      }
      return undefined
    }
    if (params.client_id === undefined || params.client_secret === undefined) {
      return invalidClient('Missing client credentials.')
    }
    if (params.client_id !== client.clientId || params.client_secret !== client.clientSecret) {
      return invalidClient('The OAuth client was not found or its secret is wrong.')
    }
    return undefined
  }

  private async signIdToken(
    provider: ProviderState,
    grant: { clientId: string; user: FakeOidcUser; scope: string; nonce?: string; accessToken: string },
  ): Promise<string> {
    const { profile, key } = provider
    const claims: Record<string, unknown> = {
      ...(profile.hasAzp ? { azp: grant.clientId } : {}),
      sub: grant.user.sub,
      ...userClaims(provider, grant.user, grant.scope),
      ...(provider.name === 'google' ? { at_hash: accessTokenHash(grant.accessToken) } : {}),
      ...(grant.nonce !== undefined ? { nonce: grant.nonce } : {}),
    }
    const issuedAt = Math.floor(Date.now() / 1000)
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuer(this.issuer(provider.name))
      .setAudience(grant.clientId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ID_TOKEN_LIFETIME_SECONDS)
      .sign(key.privateKey)
  }

  private async userinfo(provider: ProviderState, req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Drain a POST body so the connection can be reused.
    await readBody(req)
    const match = /^bearer (\S+)$/i.exec(req.headers.authorization ?? '')
    // RFC 6750 §3.1: no error code when the request carried no token at all.
    if (!match) {
      return sendJson(
        res,
        401,
        { error: 'invalid_request', error_description: 'Missing bearer access token.' },
        { 'WWW-Authenticate': 'Bearer' },
      )
    }
    const token = provider.accessTokens.get(match[1]!)
    if (!token || token.expiresAt < Date.now()) {
      return sendJson(
        res,
        401,
        { error: 'invalid_token', error_description: 'Invalid Credentials' },
        { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      )
    }
    sendJson(res, 200, { sub: token.user.sub, ...userClaims(provider, token.user, token.scope) })
  }
}

function createProviderState(name: FakeProviderName, key: SigningKey): ProviderState {
  return { name, profile: PROFILES[name], key, tokenRequests: [], codes: new Map(), accessTokens: new Map() }
}

async function createSigningKey(provider: FakeProviderName): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256')
  const jwk = await exportJWK(publicKey)
  const kid = `${provider}-${(await calculateJwkThumbprint(jwk)).slice(0, 16)}`
  return { privateKey, kid, publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } }
}

/** Claims released by scope, as both providers do: `email` for the address, `profile` for name and picture. */
function userClaims(provider: ProviderState, user: FakeOidcUser, scope: string): Record<string, unknown> {
  const scopes = scope.split(' ')
  const claims: Record<string, unknown> = {}
  if (scopes.includes('email')) {
    claims.email = user.email
    claims.email_verified = provider.profile.isEmailVerifiedBoolean
      ? user.emailVerified === true || user.emailVerified === 'true'
      : user.emailVerified
  }
  if (scopes.includes('profile')) {
    if (user.name !== undefined) claims.name = user.name
    if (user.picture !== undefined) claims.picture = user.picture
  }
  return claims
}

function shortGoogleScopeName(name: string): string {
  return Object.entries(GOOGLE_SCOPE_NAMES).find(([, longName]) => longName === name)?.[0] ?? name
}

function grantedScope(provider: FakeProviderName, scope: string): string {
  if (provider !== 'google') return scope
  return scope
    .split(' ')
    .map((name) => GOOGLE_SCOPE_NAMES[name] ?? name)
    .join(' ')
}

/** Google's codes contain a slash, which catches clients that skip URL-decoding the callback. */
function createCode(provider: FakeProviderName): string {
  return provider === 'google' ? `4/0${randomToken()}` : `AQ${randomToken()}`
}

function randomToken(): string {
  return randomBytes(32).toString('base64url')
}

function s256(value: string): string {
  return createHash('sha256').update(value).digest('base64url')
}

// OpenID Connect Core §3.1.3.6: the left half of the access token's SHA-256.
function accessTokenHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url')
}

function oauthError(
  status: number,
  error: string,
  description: string,
  headers?: Record<string, string>,
): OAuthError {
  return { status, error, description, headers }
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before being joined and base64-encoded. */
function parseBasicCredentials(
  authorization: string,
): { clientId: string; clientSecret: string } | undefined {
  const decoded = Buffer.from(authorization.slice('basic '.length).trim(), 'base64').toString('utf8')
  const separator = decoded.indexOf(':')
  if (separator < 0) return undefined
  try {
    return {
      clientId: decodeFormComponent(decoded.slice(0, separator)),
      clientSecret: decodeFormComponent(decoded.slice(separator + 1)),
    }
  } catch {
    return undefined
  }
}

function decodeFormComponent(value: string): string {
  return decodeURIComponent(value.replaceAll('+', ' '))
}

/** RFC 6749 §3.1/§3.2: parameters must not repeat; returns undefined when one does. */
function toSingleValued(search: URLSearchParams): Record<string, string> | undefined {
  const params: Record<string, string> = {}
  for (const [name, value] of search) {
    if (Object.hasOwn(params, name)) return undefined
    params[name] = value
  }
  return params
}

function parseHttpUrl(value: string | undefined): URL | undefined {
  if (value === undefined || !URL.canParse(value)) return undefined
  const url = new URL(value)
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined
}

function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase()
}

/** The request body, or undefined when it exceeds MAX_BODY_BYTES. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) return undefined
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res
    .writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers })
    .end(JSON.stringify(body))
}

function sendAuthorizeOutcome(res: ServerResponse, outcome: AuthorizeOutcome) {
  if ('page' in outcome) return sendText(res, 400, outcome.page)
  res.writeHead(302, { Location: outcome.redirectTo.href, 'Cache-Control': 'no-store' }).end()
}

function sendText(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(text)
}
