import { createRemoteJWKSet, jwtVerify } from 'jose'
import * as oidc from 'openid-client'
import type { Config } from '../infra/config.js'

export type OAuthProviderId = 'google' | 'linkedin'
export const OAUTH_PROVIDER_IDS: readonly OAuthProviderId[] = ['google', 'linkedin']

/** What differs between the two providers (facts from their OpenID Connect documentation). */
type ProviderTraits = {
  name: string
  scope: string
  /** Google supports PKCE; LinkedIn web apps do not, so `state` is the CSRF defence there. */
  usesPkce: boolean
  /** LinkedIn's handling of `nonce` is not documented; it is sent only where it is. */
  usesNonce: boolean
  /** LinkedIn wants client credentials in the body; Google accepts HTTP Basic. */
  clientAuth: 'basic' | 'post'
}

const TRAITS: Record<OAuthProviderId, ProviderTraits> = {
  google: {
    name: 'Google',
    scope: 'openid email profile',
    usesPkce: true,
    usesNonce: true,
    clientAuth: 'basic',
  },
  linkedin: {
    name: 'LinkedIn',
    scope: 'openid profile email',
    usesPkce: false,
    usesNonce: false,
    clientAuth: 'post',
  },
}

export type IdentityClaims = {
  sub: string
  email: string | undefined
  isEmailVerified: boolean
  name: string | undefined
  picture: string | undefined
}

export type OAuthStart = { url: URL; state: string; nonce?: string; codeVerifier?: string }

/**
 * One configured OpenID Connect provider. Discovery runs on first use and is cached (retried after a
 * failure), so a provider outage at boot does not stop the API.
 */
export class OidcProvider {
  readonly traits: ProviderTraits
  private configuration: Promise<oidc.Configuration> | undefined
  private jwks: ReturnType<typeof createRemoteJWKSet> | undefined

  constructor(
    readonly id: OAuthProviderId,
    private readonly options: {
      issuer: string
      clientId: string
      clientSecret: string
      redirectUri: string
      allowHttp: boolean
    },
  ) {
    this.traits = TRAITS[id]
  }

  async start(): Promise<OAuthStart> {
    const configuration = await this.getConfiguration()
    const state = oidc.randomState()
    const parameters: Record<string, string> = {
      redirect_uri: this.options.redirectUri,
      scope: this.traits.scope,
      state,
    }
    const start: OAuthStart = { url: new URL('about:blank'), state }
    if (this.traits.usesNonce) {
      start.nonce = oidc.randomNonce()
      parameters.nonce = start.nonce
    }
    if (this.traits.usesPkce) {
      start.codeVerifier = oidc.randomPKCECodeVerifier()
      parameters.code_challenge = await oidc.calculatePKCECodeChallenge(start.codeVerifier)
      parameters.code_challenge_method = 'S256'
    }
    start.url = oidc.buildAuthorizationUrl(configuration, parameters)
    return start
  }

  /**
   * Exchanges the code (checking state, PKCE and nonce), then verifies the ID token's signature
   * against the provider's published keys, and its issuer, audience and expiry. `callbackQuery` is
   * the query string the provider sent the browser back with; the exchange names the same
   * redirect URI the authorization request did, as OAuth requires.
   */
  async finish(
    callbackQuery: string,
    expected: { state: string; nonce?: string; codeVerifier?: string },
  ): Promise<IdentityClaims> {
    const configuration = await this.getConfiguration()
    const callbackUrl = new URL(this.options.redirectUri)
    callbackUrl.search = callbackQuery
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      pkceCodeVerifier: expected.codeVerifier,
      idTokenExpected: true,
    })
    const idToken = tokens.id_token
    if (!idToken) throw new Error('the provider returned no ID token')
    const metadata = configuration.serverMetadata()
    if (!metadata.jwks_uri) throw new Error('the provider publishes no signing keys (jwks_uri)')
    this.jwks ??= createRemoteJWKSet(new URL(metadata.jwks_uri))
    const { payload } = await jwtVerify(idToken, this.jwks, {
      issuer: metadata.issuer,
      audience: this.options.clientId,
    })
    if (expected.nonce !== undefined && payload.nonce !== expected.nonce)
      throw new Error('the ID token nonce does not match')
    if (typeof payload.sub !== 'string' || payload.sub === '') throw new Error('the ID token has no subject')
    const verified = payload.email_verified
    return {
      sub: payload.sub,
      email: typeof payload.email === 'string' ? payload.email.trim().toLowerCase() : undefined,
      // LinkedIn has been seen to send "true" as a string.
      isEmailVerified: verified === true || verified === 'true',
      name: typeof payload.name === 'string' ? payload.name : undefined,
      picture: typeof payload.picture === 'string' ? payload.picture : undefined,
    }
  }

  private getConfiguration(): Promise<oidc.Configuration> {
    this.configuration ??= (async () => {
      const { issuer, clientId, clientSecret, allowHttp } = this.options
      const clientAuth =
        this.traits.clientAuth === 'basic'
          ? oidc.ClientSecretBasic(clientSecret)
          : oidc.ClientSecretPost(clientSecret)
      return oidc.discovery(new URL(issuer), clientId, undefined, clientAuth, {
        execute: allowHttp && issuer.startsWith('http:') ? [oidc.allowInsecureRequests] : [],
      })
    })().catch((error: unknown) => {
      this.configuration = undefined
      throw error
    })
    return this.configuration
  }
}

/** The providers whose client id and secret are configured; the others' buttons are hidden. */
export function createOidcProviders(config: Config): Map<OAuthProviderId, OidcProvider> {
  const providers = new Map<OAuthProviderId, OidcProvider>()
  const settings = {
    google: {
      issuer: config.GOOGLE_ISSUER,
      clientId: config.GOOGLE_CLIENT_ID,
      clientSecret: config.GOOGLE_CLIENT_SECRET,
    },
    linkedin: {
      issuer: config.LINKEDIN_ISSUER,
      clientId: config.LINKEDIN_CLIENT_ID,
      clientSecret: config.LINKEDIN_CLIENT_SECRET,
    },
  }
  for (const id of OAUTH_PROVIDER_IDS) {
    const { issuer, clientId, clientSecret } = settings[id]
    if (!clientId || !clientSecret) continue
    providers.set(
      id,
      new OidcProvider(id, {
        issuer,
        clientId,
        clientSecret,
        // The callback goes through the SPA's origin (the Vite proxy in development), so cookies stay first-party.
        redirectUri: new URL(`/api/auth/${id}/callback`, config.FRONTEND_URL).toString(),
        allowHttp: !config.isProduction,
      }),
    )
  }
  return providers
}
