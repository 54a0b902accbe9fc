import { Secret, TOTP } from 'otpauth';

// TOTP second factor (RFC 6238): SHA-1, 6 digits, 30-second steps, which every authenticator app reads. A code is
// accepted one step either side of now, for clocks a little out; the step it matched is kept so it works only once.
const period = 30;
const digits = 6;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secret: string, label = 'OneStop', issuer = 'OneStop'): TOTP {
  return new TOTP({ issuer, label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits, period });
}

/** The otpauth:// URI an authenticator app reads from a QR code, naming the service and the account. */
export function otpauthUri(secret: string, accountEmail: string, issuer: string): string {
  return totpFor(secret, accountEmail, issuer).toString();
}

/** The code an authenticator shows at a time (for tests, and nothing else). */
export function totpCodeAt(secret: string, at: Date): string {
  return totpFor(secret).generate({ timestamp: at.getTime() });
}

/** The time step a code belongs to, if it is right for this secret near this time. */
export function matchingStep(secret: string, code: string, at: Date): number | undefined {
  if (!new RegExp(`^\\d{${digits}}$`).test(code)) return undefined;
  const delta = totpFor(secret).validate({ token: code, timestamp: at.getTime(), window: 1 });
  return delta === null ? undefined : TOTP.counter({ period, timestamp: at.getTime() }) + delta;
}

/** A code as people type it: "123 456" and "123-456" are 123456. */
export function normaliseCode(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** A secret in groups of four, easier to read out and type into an app by hand. */
export function groupedSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}
