import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { AuthConfig } from '../config.ts';
import type { Db } from '../db/connection.ts';
import { digest } from './api-token.service.ts';
import * as repository from './sign-in.repository.ts';
import { addressKey, emailKey, minutesUntil, type SignInOutcome } from './sign-in.ts';
import type { StaffService, StartedSession } from './staff.service.ts';
import type { StaffUser } from './staff.ts';
import type { TwoFactorService } from './two-factor.service.ts';

export type SignInService = ReturnType<typeof createSignInService>;
export type SignInSettings = Pick<AuthConfig, 'idleMinutes' | 'failedSignInsBeforeLock' | 'lockMinutes' | 'failedSignInsPerAddress'>;
export type ChallengeKind = repository.Challenge['kind'];
export type OpenChallenge = { userId: number | null; data: Record<string, string>; nextPath: string };

/** How long a sign-in may wait part-way: for a code to be typed, or for the identity provider to send staff back. */
const challengeMs = 10 * 60_000;

// Signing in: the password, then the second factor when one is set up, with failures counted by email address and
// by network address in the database, so a lock holds across every process.
export function createSignInService({ db, clock, staff, twoFactor, settings }: { db: Db; clock: Clock; staff: StaffService; twoFactor: TwoFactorService; settings: SignInSettings }) {
  const lockMs = settings.lockMinutes * 60_000;

  async function lockOn(keys: string[]): Promise<SignInOutcome | undefined> {
    const now = clock.now();
    const until = await repository.lockedUntil(db, keys, now);
    return until ? { kind: 'locked', minutes: minutesUntil(until, now) } : undefined;
  }

  async function fail(email: string, address: string): Promise<SignInOutcome> {
    const now = clock.now();
    const window = { now, windowMs: lockMs, lockMs };
    await repository.recordFailure(db, emailKey(email), { ...window, max: settings.failedSignInsBeforeLock });
    await repository.recordFailure(db, addressKey(address), { ...window, max: settings.failedSignInsPerAddress });
    return (await lockOn([emailKey(email), addressKey(address)])) ?? { kind: 'refused' };
  }

  /** The first step: the password. Locked email or network addresses are refused before the password is looked at. */
  async function signInWithPassword(input: { email: string; password: string; address: string }): Promise<SignInOutcome> {
    const locked = await lockOn([emailKey(input.email), addressKey(input.address)]);
    if (locked) return locked;
    const user = await staff.checkPassword(input.email, input.password);
    if (!user) return fail(input.email, input.address);
    if (await twoFactor.isEnrolled(user.id)) return { kind: 'code_needed', user };
    await repository.clearFailures(db, emailKey(user.email));
    return { kind: 'signed_in', user };
  }

  /** The second step: a code from the account's authenticator. A wrong code counts as a failed sign-in. */
  async function signInWithCode(input: { email: string; code: string; address: string }): Promise<SignInOutcome> {
    const locked = await lockOn([emailKey(input.email), addressKey(input.address)]);
    if (locked) return locked;
    const user = await activeUser(input.email);
    if (!user || !(await twoFactor.verifyCode(user.id, input.code))) return fail(input.email, input.address);
    await repository.clearFailures(db, emailKey(user.email));
    return { kind: 'signed_in', user };
  }

  async function activeUser(email: string): Promise<StaffUser | undefined> {
    const user = await staff.findUserByEmail(email);
    return user?.isActive ? user : undefined;
  }

  /** A sign-in part-way through, kept in the database under the hash of a token the browser holds in a cookie. */
  async function openChallenge(kind: ChallengeKind, challenge: OpenChallenge): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    await repository.insertChallenge(db, digest(token), { kind, ...challenge, expiresAt: new Date(now.getTime() + challengeMs) }, now);
    return token;
  }

  return {
    signInWithPassword,
    signInWithCode,
    /** The active account a council identity provider vouched for, matched by email address. */
    findActiveUser: activeUser,
    openChallenge,
    findChallenge: (token: string, kind: ChallengeKind) => repository.findChallenge(db, digest(token), kind, clock.now()),
    closeChallenge: (token: string) => repository.deleteChallenge(db, digest(token)),
    startSession: (userId: number): Promise<StartedSession> => staff.startSession(userId, { idleMinutes: settings.idleMinutes }),
    twoFactor,
  };
}
