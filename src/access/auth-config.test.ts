import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultAuthConfig, loadConfig } from '../config.ts';

// Sign-in settings, read from the environment by src/config.ts.

describe('sign-in settings', () => {
  it('has safe defaults: 30 idle minutes, 5 failures locking for 15 minutes, no single sign-on', () => {
    assert.deepEqual(loadConfig({}).auth, defaultAuthConfig);
    assert.deepEqual([defaultAuthConfig.idleMinutes, defaultAuthConfig.failedSignInsBeforeLock, defaultAuthConfig.lockMinutes, defaultAuthConfig.oidc], [30, 5, 15, undefined]);
  });

  it('reads each setting from its variable', () => {
    const auth = loadConfig({
      ONESTOP_SESSION_IDLE_MINUTES: '20', ONESTOP_SIGN_IN_ATTEMPTS: '3', ONESTOP_LOCK_MINUTES: '30', ONESTOP_SIGN_IN_ATTEMPTS_PER_ADDRESS: '100',
      ONESTOP_API_CALLS_PER_MINUTE: '120', ONESTOP_SECRET_KEY: 'a'.repeat(64),
      ONESTOP_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0', ONESTOP_OIDC_CLIENT_ID: 'client',
      ONESTOP_OIDC_CLIENT_SECRET: 'secret', ONESTOP_OIDC_REDIRECT_URI: 'https://onestop.council.gov.uk/sign-in/callback',
    }).auth;
    assert.deepEqual(auth, {
      idleMinutes: 20, failedSignInsBeforeLock: 3, lockMinutes: 30, failedSignInsPerAddress: 100, apiCallsPerMinute: 120, secretKey: 'a'.repeat(64),
      oidc: { issuer: 'https://login.microsoftonline.com/tenant/v2.0', clientId: 'client', clientSecret: 'secret', redirectUri: 'https://onestop.council.gov.uk/sign-in/callback' },
    });
  });

  it('refuses a number that is not above 0', () => {
    assert.throws(() => loadConfig({ ONESTOP_SESSION_IDLE_MINUTES: 'never' }), /ONESTOP_SESSION_IDLE_MINUTES must be a number above 0, not "never"/);
    assert.throws(() => loadConfig({ ONESTOP_SIGN_IN_ATTEMPTS: '0' }), /ONESTOP_SIGN_IN_ATTEMPTS/);
  });

  it('refuses single sign-on set up by halves, or with an issuer that is not a URL', () => {
    assert.throws(() => loadConfig({ ONESTOP_OIDC_ISSUER: 'https://login.example' }), /needs all of/);
    assert.throws(() => loadConfig({ ONESTOP_OIDC_ISSUER: 'login', ONESTOP_OIDC_CLIENT_ID: 'c', ONESTOP_OIDC_CLIENT_SECRET: 's', ONESTOP_OIDC_REDIRECT_URI: 'https://x/cb' }), /ONESTOP_OIDC_ISSUER must be a URL/);
  });
});
