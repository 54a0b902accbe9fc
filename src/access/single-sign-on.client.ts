import * as oidc from 'openid-client';
import type { OidcConfig } from '../config.ts';

// Single sign-on with the council's identity provider (Entra ID, say) through OpenID Connect: the authorisation
// code flow with PKCE, state and nonce, by openid-client. The provider's metadata is fetched on first use.

export type SingleSignOnClient = ReturnType<typeof createSingleSignOnClient>;

/** What must be kept between sending staff to the provider and their coming back. */
export type SingleSignOnRequest = { state: string; nonce: string; codeVerifier: string };

export function createSingleSignOnClient(settings: OidcConfig) {
  let configuration: Promise<oidc.Configuration> | undefined;

  function discover(): Promise<oidc.Configuration> {
    const issuer = new URL(settings.issuer);
    // Plain http only to a provider on this machine (development and tests); anywhere else it must be https.
    const options = issuer.protocol === 'http:' && isLoopback(issuer.hostname) ? { execute: [oidc.allowInsecureRequests] } : undefined;
    configuration ??= oidc.discovery(issuer, settings.clientId, settings.clientSecret, undefined, options).catch((error: unknown) => {
      configuration = undefined; // try again next time: the provider may have been down
      throw error;
    });
    return configuration;
  }

  /** Where to send the browser, and what to keep until it comes back. */
  async function begin(): Promise<{ url: URL; request: SingleSignOnRequest }> {
    const config = await discover();
    const request = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: settings.redirectUri,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(request.codeVerifier),
      code_challenge_method: 'S256',
      state: request.state,
      nonce: request.nonce,
    });
    return { url, request };
  }

  /** Checks the provider's answer (state, then the code exchanged with the PKCE verifier, then the ID token's nonce) and gives its email address, from the ID token or else from userinfo. */
  async function finish(callbackPathAndQuery: string, request: SingleSignOnRequest): Promise<{ email: string | undefined }> {
    const config = await discover();
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callbackPathAndQuery, settings.redirectUri), {
      pkceCodeVerifier: request.codeVerifier, expectedState: request.state, expectedNonce: request.nonce, idTokenExpected: true,
    });
    const claims: Record<string, unknown> = tokens.claims() ?? {};
    const fromToken = emailFromClaims(claims);
    if (fromToken || claims.email_verified === false || typeof claims.sub !== 'string') return { email: fromToken };
    // Providers that follow the specification to the letter keep scope claims such as email out of the ID token and
    // give them at the userinfo endpoint instead, for the same subject.
    const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    return { email: emailFromClaims(userInfo) };
  }

  return { begin, finish };
}

/**
 * The email address an ID token vouches for: `email`, or Entra ID's `preferred_username` when it is an address
 * (Entra sends `email` only when the account has a mailbox). An address the provider says is unverified is not used.
 */
export function emailFromClaims(claims: Record<string, unknown>): string | undefined {
  if (claims.email_verified === false) return undefined;
  for (const claim of [claims.email, claims.preferred_username]) {
    if (typeof claim === 'string' && /^[^@\s]+@[^@\s]+$/.test(claim)) return claim.toLowerCase();
  }
  return undefined;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname);
}
